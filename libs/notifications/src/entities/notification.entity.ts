import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export type NotificationStatus = 'pending' | 'sent' | 'failed' | 'cancelled';

/**
 * The outbox: one row per email to send, written in the same transaction as the change that
 * causes it. The worker sends what is pending and due; the row is the only state.
 */
@Entity('notifications')
@Check('notifications_status_check', `status IN ('pending', 'sent', 'failed', 'cancelled')`)
@Check('notifications_one_recipient_check', `(user_id IS NULL) <> (to_email IS NULL)`)
@Index('notifications_status_idx', ['status', 'createdAt', 'id'])
@Index('notifications_due_idx', ['sendAt'], { where: `status = 'pending'` })
@Index('notifications_user_idx', ['userId', 'sendAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** e.g. application:<id>:accepted — a second enqueue of the same key is a no-op. */
  @Index('notifications_dedupe_key_key', { unique: true })
  @Column({ name: 'dedupe_key', type: 'varchar', length: 300 })
  dedupeKey: string;

  @Column({ type: 'varchar', length: 64 })
  template: string;

  /** The recipient when it is a user (email and locale are read at send time). */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  /** The recipient when it is not a user (e.g. a guardian). */
  @Column({ name: 'to_email', type: 'varchar', length: 254, nullable: true })
  toEmail: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  @Column({ name: 'send_at', type: 'timestamptz' })
  sendAt: Date;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: NotificationStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** After a transient failure: the sweep leaves the row alone until then (Bull retries sooner). */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'message_id', type: 'varchar', length: 300, nullable: true })
  messageId: string | null;

  @Column({ name: 'smtp_response', type: 'text', nullable: true })
  smtpResponse: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
