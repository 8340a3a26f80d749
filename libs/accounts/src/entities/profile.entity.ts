import {
  Check,
  Column,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from './user.entity';

export interface LanguageLevel {
  code: string;
  level: number;
}
export interface SkillLevel {
  skill: string;
  level: number;
}
export interface EmergencyContact {
  name: string;
  phone: string;
  relation: string;
}
export type Locale = 'en' | 'es';

@Entity('profiles')
@Check('profiles_locale_check', `locale IN ('en', 'es')`)
export class Profile {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  /** ISO 3166-1 alpha-2, upper case. */
  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  languages: LanguageLevel[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  skills: SkillLevel[];

  @Column({ name: 'emergency_contact', type: 'jsonb', nullable: true })
  emergencyContact: EmergencyContact | null;

  @Column({ name: 'passport_expires_on', type: 'date', nullable: true })
  passportExpiresOn: string | null;

  @Column({ type: 'varchar', length: 2, default: 'en' })
  locale: Locale;

  /** A parent or legal guardian: asked for consent when the volunteer is under 18. */
  @Column({ name: 'guardian_name', type: 'varchar', length: 200, nullable: true })
  guardianName: string | null;

  @Column({ name: 'guardian_email', type: 'varchar', length: 254, nullable: true })
  guardianEmail: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
