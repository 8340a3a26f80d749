import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organization, User } from '@puente/accounts';

/**
 * A guardian's consent for a volunteer under 18 to serve with an organisation. The link in the
 * guardian's email carries a one-time token; only its SHA-256 is stored.
 */
@Entity('guardian_consents')
@Index('guardian_consents_volunteer_org_key', ['volunteerId', 'organizationId'], { unique: true })
export class GuardianConsent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'volunteer_id', type: 'uuid' })
  volunteerId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'volunteer_id' })
  volunteer?: User;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ name: 'guardian_name', type: 'varchar', length: 200 })
  guardianName: string;

  @Column({ name: 'guardian_email', type: 'varchar', length: 254 })
  guardianEmail: string;

  @Index('guardian_consents_token_key', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64, nullable: true })
  tokenHash: string | null;

  @Column({ name: 'token_expires_at', type: 'timestamptz', nullable: true })
  tokenExpiresAt: Date | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'consented_at', type: 'timestamptz', nullable: true })
  consentedAt: Date | null;

  /** The name the guardian typed when consenting. */
  @Column({ name: 'signed_name', type: 'varchar', length: 200, nullable: true })
  signedName: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
