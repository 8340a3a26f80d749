import { Organization, User } from '@puente/accounts';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

export const TRIP_STATUSES = ['draft', 'published', 'closed', 'completed', 'cancelled'] as const;
export type TripStatus = (typeof TRIP_STATUSES)[number];
export const ADMISSIONS = ['review', 'auto'] as const;
export type Admission = (typeof ADMISSIONS)[number];

/**
 * The text the listing searches. 'simple' rather than 'english': titles and descriptions are
 * written in English and Spanish alike, and an English stemmer mangles Spanish words; prefix
 * matching of each query word (see TripListingService) stands in for stemming in both languages.
 */
export const TRIP_SEARCH_EXPRESSION = `to_tsvector('simple'::regconfig, title || ' ' || description)`;

@Entity('trips')
@Check('trips_capacity_check', `capacity >= 1`)
@Check('trips_seats_check', `seats_taken >= 0 AND seats_taken <= capacity`)
@Check('trips_dates_check', `end_date >= start_date AND application_deadline <= start_date`)
@Check('trips_cost_check', `cost_cents >= 0`)
@Check('trips_min_age_check', `min_age >= 0 AND min_age <= 120`)
@Check('trips_status_check', `status IN ('draft', 'published', 'closed', 'completed', 'cancelled')`)
@Check('trips_admission_check', `admission IN ('review', 'auto')`)
// The public listing: published trips in start-date order (keyset on start_date, id).
@Index('trips_listing_idx', ['startDate', 'id'], { where: `status = 'published'` })
@Index('trips_country_listing_idx', ['country', 'startDate', 'id'], {
  where: `status = 'published'`,
})
@Index('trips_organization_idx', ['organizationId', 'startDate', 'id'])
// GIN indexes (skills @> …, search @@ …): TypeORM cannot express USING GIN, the migration does.
@Index('trips_skills_gin', { synchronize: false })
@Index('trips_search_gin', { synchronize: false })
export class Trip {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  /** ISO 3166-1 alpha-2, upper case. */
  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'varchar', length: 120 })
  city: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate: string;

  @Column({ name: 'application_deadline', type: 'date' })
  applicationDeadline: string;

  @Column({ type: 'int' })
  capacity: number;

  /** accepted + confirmed applications, kept in the same transactions (CHECK: never above capacity). */
  @Column({ name: 'seats_taken', type: 'int', default: 0 })
  seatsTaken: number;

  @Column({ name: 'cost_cents', type: 'int' })
  costCents: number;

  /** ISO 4217. */
  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ name: 'min_age', type: 'int' })
  minAge: number;

  @Column({ name: 'requires_background_check', type: 'boolean', default: true })
  requiresBackgroundCheck: boolean;

  @Column({ name: 'requires_safeguarding_training', type: 'boolean', default: false })
  requiresSafeguardingTraining: boolean;

  @Column({ name: 'requires_code_of_conduct', type: 'boolean', default: false })
  requiresCodeOfConduct: boolean;

  @Column({ type: 'varchar', length: 16 })
  admission: Admission;

  @Column({ type: 'varchar', length: 64, array: true, default: () => "'{}'" })
  skills: string[];

  /** ISO 639-1 codes. */
  @Column({ type: 'varchar', length: 8, array: true, default: () => "'{}'" })
  languages: string[];

  /** A safe house's address or the meeting point: confirmed participants and coordinators only. */
  @Column({ name: 'private_location', type: 'text', nullable: true, select: false })
  privateLocation?: string | null;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: TripStatus;

  /** Bumped when the dates change; part of reminder dedupe keys so a new date gets new reminders. */
  @Column({ name: 'dates_version', type: 'int', default: 1 })
  datesVersion: number;

  @Column({
    type: 'tsvector',
    select: false,
    insert: false,
    update: false,
    generatedType: 'STORED',
    asExpression: TRIP_SEARCH_EXPRESSION,
  })
  search?: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
