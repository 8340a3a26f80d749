import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsIsoDate } from '@puente/platform';
import {
  CHECK_PROVIDERS,
  type CheckProviderName,
  type CheckResult,
} from '../entities/background-check.entity';
import { IsNotIdentityNumber } from './identity-number.validator';
import { trim } from './trim.transform';

export class RequestCheckDto {
  @ApiProperty({ format: 'uuid', description: 'the volunteer to check' })
  @IsUUID('all', { message: 'volunteerId must be a UUID' })
  volunteerId: string;

  @ApiPropertyOptional({
    enum: CHECK_PROVIDERS,
    description: 'defaults to BACKGROUND_CHECK_PROVIDER (sandbox in development)',
  })
  @IsOptional()
  @IsIn(CHECK_PROVIDERS, { message: 'provider must be sandbox, checkr or manual' })
  provider?: CheckProviderName;
}

export class AdjudicateCheckDto {
  @ApiProperty({ enum: ['approved', 'rejected'] })
  @IsIn(['approved', 'rejected'], { message: 'decision must be approved or rejected' })
  decision: 'approved' | 'rejected';

  @ApiProperty({
    example: 'Reviewed with the safeguarding lead; unrelated to work with children.',
    description: 'why, kept in the check history',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'note must not be empty' })
  @MaxLength(2000)
  @IsNotIdentityNumber()
  note: string;
}

export class DisputeCheckDto {
  @ApiProperty({ example: 'The record belongs to someone else with my name.' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(2000)
  @IsNotIdentityNumber()
  reason: string;
}

export class ManualCheckDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'volunteerId must be a UUID' })
  volunteerId: string;

  @ApiProperty({ enum: ['clear', 'consider'] })
  @IsIn(['clear', 'consider'], { message: 'result must be clear or consider' })
  result: CheckResult;

  @ApiProperty({ example: '2026-03-02', description: 'the date on the certificate' })
  @IsIsoDate()
  completedOn: string;

  @ApiProperty({
    example: 'PNC-2026-004512',
    description: 'the certificate reference (never an identity number)',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'reference must not be empty' })
  @MaxLength(120)
  @Matches(/^[\p{L}\p{N} ._/#:-]+$/u, {
    message: 'reference may hold letters, digits, spaces and . _ / # : - only',
  })
  @IsNotIdentityNumber()
  reference: string;
}

export class CheckAcceptedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['pending'] }) status: 'pending';
}

export class AdverseActionView {
  @ApiProperty({ enum: ['pre_adverse', 'disputed', 'final'] }) stage: string;
  @ApiProperty({ description: 'when the pre-adverse-action notice went out' })
  noticeSentAt: Date;
  @ApiProperty({ nullable: true, type: Date, description: 'when the final notice is due' })
  finalDueAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) finalSentAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) disputedAt: Date | null;
}

export class CheckHistoryEntryView {
  @ApiProperty() at: Date;
  @ApiProperty({ example: 'completed' }) action: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) by: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class BackgroundCheckView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) volunteerId: string;
  @ApiProperty({ enum: CHECK_PROVIDERS }) provider: string;
  @ApiProperty({ enum: ['pending', 'in_progress', 'completed', 'cancelled', 'expired'] })
  status: string;
  @ApiProperty({ enum: ['clear', 'consider'], nullable: true, type: String })
  result: string | null;
  @ApiProperty({ enum: ['approved', 'rejected'], nullable: true, type: String })
  adjudication: string | null;
  @ApiProperty() requestedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) completedAt: Date | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '2028-03-02',
    description: 'the last day the check is valid (a date)',
  })
  expiresAt: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'provider reference or certificate reference (erased 12 months after expiry)',
  })
  reference: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: "the provider's consent page (shown to the volunteer only)",
  })
  consentUrl?: string | null;
  @ApiProperty({ type: AdverseActionView, nullable: true })
  adverseAction: AdverseActionView | null;
  @ApiProperty({ type: [CheckHistoryEntryView] }) history: CheckHistoryEntryView[];
}

export class BackgroundCheckSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CHECK_PROVIDERS }) provider: string;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) result: string | null;
  @ApiProperty({ nullable: true, type: String }) adjudication: string | null;
  @ApiProperty() requestedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) completedAt: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'a date' }) expiresAt: string | null;
}

export class BackgroundCheckPage {
  @ApiProperty({ type: [BackgroundCheckSummaryView] }) items: BackgroundCheckSummaryView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
