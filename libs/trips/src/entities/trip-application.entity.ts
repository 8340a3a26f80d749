import { User } from '@puente/accounts';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Trip } from './trip.entity';

export const APPLICATION_STATUSES = [
  'submitted',
  'accepted',
  'waitlisted',
  'rejected',
  'confirmed',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Statuses in which an application is alive: at most one per volunteer and trip. */
export const ACTIVE_STATUSES: ApplicationStatus[] = [
  'submitted',
  'accepted',
  'waitlisted',
  'confirmed',
];
export const ACTIVE_STATUSES_SQL = `(${ACTIVE_STATUSES.map((st) => `'${st}'`).join(', ')})`;
/** Statuses that hold a seat. */
export const SEATED_STATUSES: ApplicationStatus[] = ['accepted', 'confirmed'];

@Entity('trip_applications')
@Check(
  'trip_applications_status_check',
  `status IN ('submitted', 'accepted', 'waitlisted', 'rejected', 'confirmed', 'withdrawn')`,
)
// A second active application to the same trip is refused by the database too (two requests at once).
@Index('trip_applications_active_key', ['tripId', 'userId'], {
  unique: true,
  where: `status IN ('submitted', 'accepted', 'waitlisted', 'confirmed')`,
})
// A trip's applications by status in arrival order: review lists and the oldest waitlisted first.
@Index('trip_applications_trip_status_idx', ['tripId', 'status', 'createdAt', 'id'])
@Index('trip_applications_trip_created_idx', ['tripId', 'createdAt', 'id'])
@Index('trip_applications_user_idx', ['userId', 'createdAt', 'id'])
export class TripApplication {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'trip_id', type: 'uuid' })
  tripId: string;

  @ManyToOne(() => Trip, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trip_id' })
  trip?: Trip;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 16 })
  status: ApplicationStatus;

  @Column({ type: 'text' })
  motivation: string;

  /** Set from the application clock (not now()), so tests that move time see consistent instants. */
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
