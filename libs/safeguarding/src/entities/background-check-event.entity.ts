import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { BackgroundCheck } from './background-check.entity';

/** The history of a check: every change of state and every decision, with who and why. */
@Entity('background_check_events')
@Index('background_check_events_check_idx', ['checkId', 'at'])
export class BackgroundCheckEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'check_id', type: 'uuid' })
  checkId: string;

  @ManyToOne(() => BackgroundCheck, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'check_id' })
  check?: BackgroundCheck;

  /** e.g. requested, started, completed, approved, pre_adverse_action, disputed, expired. */
  @Column({ type: 'varchar', length: 40 })
  action: string;

  /** Null when the provider or the system acted. */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** Erased with the other details twelve months after expiry. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
