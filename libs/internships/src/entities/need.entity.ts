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

export const NEED_STATUSES = ['open', 'filled', 'closed'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export interface RequiredSkill {
  skill: string;
  minLevel: number;
}
export interface PreferredSkill {
  skill: string;
  weight: number;
}
export interface RequiredLanguage {
  code: string;
  minLevel: number;
}

/** An internship position: skills and languages wanted, dates, slots, safeguarding requirements. */
@Entity('needs')
@Check('needs_slots_check', `slots >= 1 AND slots <= 1000`)
@Check('needs_dates_check', `end_date >= start_date`)
@Check('needs_status_check', `status IN ('open', 'filled', 'closed')`)
// The public listing: open needs in start-date order (keyset on start_date, id).
@Index('needs_listing_idx', ['startDate', 'id'], { where: `status = 'open'` })
@Index('needs_organization_idx', ['organizationId', 'startDate', 'id'])
export class Need {
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

  /** The public, general location (a city, a region); the exact address is privateLocation. */
  @Column({ type: 'varchar', length: 200 })
  location: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate: string;

  @Column({ type: 'int' })
  slots: number;

  @Column({ name: 'required_skills', type: 'jsonb', default: () => "'[]'" })
  requiredSkills: RequiredSkill[];

  @Column({ name: 'preferred_skills', type: 'jsonb', default: () => "'[]'" })
  preferredSkills: PreferredSkill[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  languages: RequiredLanguage[];

  /** Every skill slug the need mentions (required or preferred), for the listing's `skill` filter. */
  @Column({ name: 'skill_slugs', type: 'varchar', length: 64, array: true, default: () => "'{}'" })
  skillSlugs: string[];

  @Column({ name: 'requires_background_check', type: 'boolean', default: true })
  requiresBackgroundCheck: boolean;

  @Column({ name: 'requires_safeguarding_training', type: 'boolean', default: false })
  requiresSafeguardingTraining: boolean;

  @Column({ name: 'requires_code_of_conduct', type: 'boolean', default: false })
  requiresCodeOfConduct: boolean;

  /** A safe house's address: coordinators (and interns placed there) only, never in listings. */
  @Column({ name: 'private_location', type: 'text', nullable: true, select: false })
  privateLocation?: string | null;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: NeedStatus;

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
