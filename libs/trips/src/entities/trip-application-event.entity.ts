import { User } from '@puente/accounts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ApplicationStatus } from './trip-application.entity';
import { TripApplication } from './trip-application.entity';

/** One status change of an application: who, when, from, to, and why. Never updated. */
@Entity('trip_application_events')
@Index('trip_application_events_application_idx', ['applicationId', 'at'])
export class TripApplicationEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => TripApplication, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: TripApplication;

  /** Null for the creation of the application. */
  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus: ApplicationStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus: ApplicationStatus;

  /** Null when the system acted (a promotion from the waitlist). */
  @Column({ name: 'by_user_id', type: 'uuid', nullable: true })
  byUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'by_user_id' })
  by?: User;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
