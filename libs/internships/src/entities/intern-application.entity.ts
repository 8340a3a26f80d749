import { User } from '@puente/accounts';
import type { LanguageLevel, SkillLevel } from '@puente/accounts';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

export const INTERN_APPLICATION_STATUSES = ['active', 'withdrawn'] as const;
export type InternApplicationStatus = (typeof INTERN_APPLICATION_STATUSES)[number];

/**
 * A volunteer's offer to every organisation: availability, statement, ranked needs, and the skills
 * and languages of the profile as they were when applying (later profile edits do not change it).
 */
@Entity('intern_applications')
@Check('intern_applications_status_check', `status IN ('active', 'withdrawn')`)
@Check('intern_applications_window_check', `available_to >= available_from`)
// One active application per volunteer, enforced by the database too (two requests at once).
@Index('intern_applications_active_key', ['userId'], { unique: true, where: `status = 'active'` })
@Index('intern_applications_user_idx', ['userId', 'createdAt', 'id'])
@Index('intern_applications_active_idx', ['availableFrom', 'availableTo'], {
  where: `status = 'active'`,
})
export class InternApplication {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: InternApplicationStatus;

  @Column({ name: 'available_from', type: 'date' })
  availableFrom: string;

  @Column({ name: 'available_to', type: 'date' })
  availableTo: string;

  @Column({ type: 'text' })
  statement: string;

  /** Need ids, most preferred first. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  preferences: string[];

  @Column({ type: 'jsonb' })
  skills: SkillLevel[];

  @Column({ type: 'jsonb' })
  languages: LanguageLevel[];

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
