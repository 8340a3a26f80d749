import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OrganizationRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class RequirementStatusView {
  @ApiProperty({
    enum: ['background_check', 'safeguarding_training', 'code_of_conduct', 'guardian_consent'],
  })
  requirement: string;

  @ApiPropertyOptional({
    type: OrganizationRefView,
    description:
      'for requirements that belong to one organisation (code of conduct, guardian consent)',
  })
  organization?: OrganizationRefView;

  @ApiProperty({
    example: 'valid',
    description:
      'background_check: none | requested | in_progress | awaiting_review | valid | expiring_soon | not_cleared | expired; ' +
      'safeguarding_training: none | valid | expiring_soon | expired; ' +
      'code_of_conduct: accepted | not_accepted | outdated | not_published; ' +
      'guardian_consent: not_requested | requested | given',
  })
  state: string;

  @ApiProperty({ nullable: true, type: String, description: 'the last day it is valid (a date)' })
  expiresAt: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'what to do next, if anything' })
  next: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'the check or record concerned' })
  id?: string;
}

export class SafeguardingStatusView {
  @ApiProperty({ description: 'true when the volunteer is under 18 today' })
  minor: boolean;
  @ApiProperty({ type: [RequirementStatusView] }) requirements: RequirementStatusView[];
}
