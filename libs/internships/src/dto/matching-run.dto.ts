import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsUUID,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  RUN_MODES,
  RUN_STATUSES,
  type RunMode,
  type RunStatus,
} from '../entities/matching-run.entity';
import { ScoreExplanationView, VolunteerRefView } from './candidate.dto';

export class CreateMatchingRunDto {
  @ApiProperty({
    enum: RUN_MODES,
    description:
      'optimal: the greatest total score; stable: intern-proposing deferred acceptance (no blocking pairs)',
  })
  @IsIn(RUN_MODES, { message: 'mode must be optimal or stable' })
  mode: RunMode;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'open needs of the organisation to match; default every open need',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ArrayUnique({ message: 'needIds must not list a need twice' })
  @IsUUID('all', { each: true, message: 'each of needIds must be a need id (UUID)' })
  needIds?: string[];
}

export class ProposalChangeDto {
  @ApiProperty({ format: 'uuid', description: 'an application the run considered' })
  @IsUUID('all', { message: 'internApplicationId must be a UUID' })
  internApplicationId: string;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'the need to propose it for (replacing its proposal), or null to remove it',
  })
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'needId must be a UUID or null' })
  needId: string | null;
}

export class OverrideProposalsDto {
  @ApiProperty({ type: [ProposalChangeDto], description: 'applied in order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ProposalChangeDto)
  changes: ProposalChangeDto[];
}

export class ProposalView {
  @ApiProperty({ format: 'uuid' }) needId: string;
  @ApiProperty({ format: 'uuid' }) internApplicationId: string;
  @ApiProperty({ type: VolunteerRefView }) volunteer: VolunteerRefView;
  @ApiProperty() score: number;
  @ApiProperty({ type: ScoreExplanationView }) explanation: ScoreExplanationView;
}

export class UnfilledSlotsView {
  @ApiProperty({ format: 'uuid' }) needId: string;
  @ApiProperty() count: number;
}

export class UnmatchedApplicationView {
  @ApiProperty({ format: 'uuid' }) internApplicationId: string;
  @ApiProperty({ type: VolunteerRefView }) volunteer: VolunteerRefView;
  @ApiProperty({ example: 'eligible for no need: dates not covered for 3 of 3 needs (…)' })
  reason: string;
}

export class AppliedPlacementView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) needId: string;
  @ApiProperty({ format: 'uuid' }) internApplicationId: string;
  @ApiProperty() status: string;
}

export class MatchingRunView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ enum: RUN_MODES }) mode: RunMode;
  @ApiProperty({ enum: RUN_STATUSES }) status: RunStatus;
  @ApiProperty({ type: [String], nullable: true, description: 'the needs asked for, if any' })
  needIds: string[] | null;
  @ApiProperty({ nullable: true, type: Number, description: 'sum of the proposals’ scores' })
  totalScore: number | null;
  @ApiProperty({ type: [ProposalView] }) proposals: ProposalView[];
  @ApiProperty({ type: [UnfilledSlotsView] }) unfilledSlots: UnfilledSlotsView[];
  @ApiProperty({ type: [UnmatchedApplicationView] })
  unmatchedApplications: UnmatchedApplicationView[];
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'pairs (intern, need) who would both rather have each other than what the proposals give them',
  })
  blockingPairs: number | null;
  @ApiProperty({ description: 'a coordinator changed the proposals' }) overridden: boolean;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ nullable: true, type: Date }) appliedAt: Date | null;
  @ApiPropertyOptional({ type: [AppliedPlacementView], description: 'after apply' })
  placements?: AppliedPlacementView[];
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) completedAt: Date | null;
}

export class MatchingRunQueuedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['queued'] }) status: 'queued';
}

export class MatchingRunSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RUN_MODES }) mode: RunMode;
  @ApiProperty({ enum: RUN_STATUSES }) status: RunStatus;
  @ApiProperty({ nullable: true, type: Number }) totalScore: number | null;
  @ApiProperty({ nullable: true, type: Date }) appliedAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class MatchingRunPageView {
  @ApiProperty({ type: [MatchingRunSummaryView] }) items: MatchingRunSummaryView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
