import { Organization, User } from '@puente/accounts';
import type { MatchApplication, MatchNeed, ScoreExplanation } from '@puente/matching';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

export const RUN_MODES = ['optimal', 'stable'] as const;
export type RunMode = (typeof RUN_MODES)[number];
export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface RunProposal {
  needId: string;
  internApplicationId: string;
  score: number;
  explanation: ScoreExplanation;
}

/** What a completed run proposes (the coordinator may override it before applying). */
export interface RunResult {
  proposals: RunProposal[];
  unfilledSlots: { needId: string; count: number }[];
  unmatchedApplications: { internApplicationId: string; reason: string }[];
  blockingPairs: number;
}

/** Exactly what the algorithm was given: the needs with their free slots, and the applications. */
export interface RunInput {
  needs: MatchNeed[];
  applications: MatchApplication[];
}

/** A matching run: queued by a coordinator, computed by the worker, applied at most once. */
@Entity('matching_runs')
@Check('matching_runs_mode_check', `mode IN ('optimal', 'stable')`)
@Check('matching_runs_status_check', `status IN ('queued', 'running', 'completed', 'failed')`)
@Index('matching_runs_organization_idx', ['organizationId', 'createdAt', 'id'])
@Index('matching_runs_pending_idx', ['createdAt'], { where: `status IN ('queued', 'running')` })
export class MatchingRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'varchar', length: 16 })
  mode: RunMode;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: RunStatus;

  /** The needs asked for; null = every open need of the organisation when the run is computed. */
  @Column({ name: 'need_ids', type: 'uuid', array: true, nullable: true })
  needIds: string[] | null;

  @Column({ type: 'jsonb', nullable: true })
  input: RunInput | null;

  @Column({ type: 'jsonb', nullable: true })
  result: RunResult | null;

  @Column({ name: 'total_score', type: 'int', nullable: true })
  totalScore: number | null;

  /** True once a coordinator changed the proposals. */
  @Column({ type: 'boolean', default: false })
  overridden: boolean;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'requested_by' })
  requester?: User;

  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true })
  appliedAt: Date | null;

  @Column({ name: 'applied_by', type: 'uuid', nullable: true })
  appliedBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
