import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '@puente/accounts';

export const CHECK_PROVIDERS = ['sandbox', 'checkr', 'manual'] as const;
export type CheckProviderName = (typeof CHECK_PROVIDERS)[number];
export type CheckStatus = 'pending' | 'in_progress' | 'completed' | 'cancelled' | 'expired';
export type CheckResult = 'clear' | 'consider';
export type Adjudication = 'approved' | 'rejected';
/** Adverse-action steps after a consumer-report result is rejected (FCRA-style). */
export type AdverseStage = 'pre_adverse' | 'disputed' | 'final';

/**
 * A volunteer's background check. Only status, result, dates, provider and references are kept:
 * never an SSN or identity document number. The row is the state the worker drives.
 */
@Entity('background_checks')
@Check('background_checks_provider_check', `provider IN ('sandbox', 'checkr', 'manual')`)
@Check(
  'background_checks_status_check',
  `status IN ('pending', 'in_progress', 'completed', 'cancelled', 'expired')`,
)
@Check('background_checks_result_check', `result IS NULL OR result IN ('clear', 'consider')`)
@Check(
  'background_checks_adjudication_check',
  `adjudication IS NULL OR (result = 'consider' AND adjudication IN ('approved', 'rejected'))`,
)
@Check(
  'background_checks_adverse_stage_check',
  `adverse_stage IS NULL OR adverse_stage IN ('pre_adverse', 'disputed', 'final')`,
)
@Index('background_checks_volunteer_idx', ['volunteerId', 'requestedAt'])
// At most one check in flight per volunteer.
@Index('background_checks_one_active_key', ['volunteerId'], {
  unique: true,
  where: `status IN ('pending', 'in_progress')`,
})
// Webhooks find a check by its provider reference; manual certificate references may repeat.
@Index('background_checks_reference_key', ['provider', 'providerReference'], {
  unique: true,
  where: `provider_reference IS NOT NULL AND provider <> 'manual'`,
})
@Index('background_checks_invitation_idx', ['provider', 'providerInvitationId'], {
  where: 'provider_invitation_id IS NOT NULL',
})
@Index('background_checks_report_idx', ['provider', 'providerReportId'], {
  where: 'provider_report_id IS NOT NULL',
})
@Index('background_checks_drive_idx', ['nextDriveAt'], {
  where: `status IN ('pending', 'in_progress')`,
})
@Index('background_checks_expiry_idx', ['expiresOn'], { where: `status = 'completed'` })
export class BackgroundCheck {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'volunteer_id', type: 'uuid' })
  volunteerId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'volunteer_id' })
  volunteer?: User;

  /** The organisation whose coordinator (or accepted application) asked for it. */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ type: 'varchar', length: 16 })
  provider: CheckProviderName;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: CheckStatus;

  @Column({ type: 'varchar', length: 16, nullable: true })
  result: CheckResult | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  adjudication: Adjudication | null;

  @Column({ name: 'adjudicated_by', type: 'uuid', nullable: true })
  adjudicatedBy: string | null;

  @Column({ name: 'adjudicated_at', type: 'timestamptz', nullable: true })
  adjudicatedAt: Date | null;

  @Column({ name: 'adverse_stage', type: 'varchar', length: 16, nullable: true })
  adverseStage: AdverseStage | null;

  @Column({ name: 'pre_adverse_at', type: 'timestamptz', nullable: true })
  preAdverseAt: Date | null;

  /** When the final adverse-action notice may go out (the daily job sends it). */
  @Column({ name: 'final_adverse_due_at', type: 'timestamptz', nullable: true })
  finalAdverseDueAt: Date | null;

  @Column({ name: 'final_adverse_at', type: 'timestamptz', nullable: true })
  finalAdverseAt: Date | null;

  @Column({ name: 'disputed_at', type: 'timestamptz', nullable: true })
  disputedAt: Date | null;

  /** sandbox: its reference; checkr: the candidate id; manual: the certificate reference. */
  @Column({ name: 'provider_reference', type: 'varchar', length: 120, nullable: true })
  providerReference: string | null;

  @Column({ name: 'provider_invitation_id', type: 'varchar', length: 120, nullable: true })
  providerInvitationId: string | null;

  @Column({ name: 'provider_report_id', type: 'varchar', length: 120, nullable: true })
  providerReportId: string | null;

  /** The provider's hosted consent page, when it has one (Checkr's invitation URL). */
  @Column({ name: 'consent_url', type: 'varchar', length: 1000, nullable: true })
  consentUrl: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** The last day the check is valid (inclusive). */
  @Column({ name: 'expires_on', type: 'date', nullable: true })
  expiresOn: string | null;

  @Column({ name: 'details_erased_at', type: 'timestamptz', nullable: true })
  detailsErasedAt: Date | null;

  /** A worker holds the check until then while it talks to the provider (database time). */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil: Date | null;

  /** When the periodic repair should drive the check again if nothing else has (database time). */
  @Column({ name: 'next_drive_at', type: 'timestamptz', nullable: true })
  nextDriveAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** A short, detail-free description of the last provider failure (e.g. "checkr answered 503"). */
  @Column({ name: 'last_error', type: 'varchar', length: 200, nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
