import { Organization, User } from '@puente/accounts';
import type { ScoreExplanation } from '@puente/matching';
import type { UnmetRequirement } from '@puente/safeguarding';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { InternApplication } from './intern-application.entity';
import { MatchingRun } from './matching-run.entity';
import { Need } from './need.entity';

export const PLACEMENT_STATUSES = [
  'offered',
  'awaiting_requirements',
  'placed',
  'declined',
  'withdrawn',
] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];
/** Statuses that hold one of the need's slots. */
export const ACTIVE_PLACEMENT_STATUSES: PlacementStatus[] = [
  'offered',
  'awaiting_requirements',
  'placed',
];
const ACTIVE_SQL = `status IN ('offered', 'awaiting_requirements', 'placed')`;

/** An intern offered (then placed in) one slot of a need, from an applied matching run. */
@Entity('placements')
@Check(
  'placements_status_check',
  `status IN ('offered', 'awaiting_requirements', 'placed', 'declined', 'withdrawn')`,
)
// An application holds at most one slot at a time, whatever runs are applied concurrently.
@Index('placements_active_application_key', ['internApplicationId'], {
  unique: true,
  where: ACTIVE_SQL,
})
@Index('placements_need_idx', ['needId', 'status'])
@Index('placements_user_idx', ['userId', 'createdAt', 'id'])
@Index('placements_organization_idx', ['organizationId', 'createdAt', 'id'])
@Index('placements_awaiting_idx', ['updatedAt'], { where: `status = 'awaiting_requirements'` })
export class Placement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'run_id', type: 'uuid', nullable: true })
  runId: string | null;

  @ManyToOne(() => MatchingRun, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'run_id' })
  run?: MatchingRun;

  @Column({ name: 'need_id', type: 'uuid' })
  needId: string;

  @ManyToOne(() => Need, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'need_id' })
  need?: Need;

  @Column({ name: 'intern_application_id', type: 'uuid' })
  internApplicationId: string;

  @ManyToOne(() => InternApplication, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'intern_application_id' })
  internApplication?: InternApplication;

  /** The intern (copied from the application, for access checks and the volunteer links). */
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'varchar', length: 24, default: 'offered' })
  status: PlacementStatus;

  @Column({ type: 'int' })
  score: number;

  @Column({ type: 'jsonb' })
  explanation: ScoreExplanation;

  /** The safeguarding requirements still unmet while awaiting_requirements. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  missing: UnmetRequirement[];

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
