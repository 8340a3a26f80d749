import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Provider events already processed: a repeated event id changes nothing. */
@Entity('background_check_webhook_events')
export class WebhookEvent {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  provider: string;

  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 200 })
  eventId: string;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
