import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@puente/platform';
import { IsIn, IsOptional } from 'class-validator';
import { PLACEMENT_STATUSES, type PlacementStatus } from '../entities/placement.entity';
import { ScoreExplanationView, VolunteerRefView } from './candidate.dto';

export class MissingRequirementView {
  @ApiProperty({
    enum: ['background_check', 'safeguarding_training', 'code_of_conduct', 'guardian_consent'],
  })
  requirement: string;
  @ApiProperty({ example: 'background check not yet completed' }) message: string;
}

export class PlacementHistoryView {
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty() to: string;
  @ApiProperty() at: Date;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) by: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class PlacementNeedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty() title: string;
  @ApiProperty() location: string;
  @ApiProperty() startDate: string;
  @ApiProperty() endDate: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'coordinators, and the intern once placed',
  })
  privateLocation?: string | null;
}

export class PlacementView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PLACEMENT_STATUSES }) status: PlacementStatus;
  @ApiProperty({ type: PlacementNeedView }) need: PlacementNeedView;
  @ApiProperty({ format: 'uuid' }) internApplicationId: string;
  @ApiProperty({ type: VolunteerRefView }) volunteer: VolunteerRefView;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) runId: string | null;
  @ApiProperty() score: number;
  @ApiProperty({ type: ScoreExplanationView }) explanation: ScoreExplanationView;
  @ApiProperty({
    type: [MissingRequirementView],
    description: 'what is still missing while awaiting_requirements',
  })
  missing: MissingRequirementView[];
  @ApiProperty({ type: [PlacementHistoryView] }) history: PlacementHistoryView[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class PlacementPageView {
  @ApiProperty({ type: [PlacementView] }) items: PlacementView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class PlacementListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PLACEMENT_STATUSES })
  @IsOptional()
  @IsIn(PLACEMENT_STATUSES)
  status?: PlacementStatus;
}
