import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsIsoDate } from '@puente/platform';
import { IsNotIdentityNumber } from './identity-number.validator';
import { trim } from './trim.transform';

export class RecordTrainingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'volunteerId must be a UUID' })
  volunteerId: string;

  @ApiProperty({ example: '2026-02-14' })
  @IsIsoDate()
  completedOn: string;

  @ApiProperty({ example: 'Keeping Children Safe — level 1', description: 'who gave the training' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'provider must not be empty' })
  @MaxLength(200)
  provider: string;

  @ApiProperty({ example: 'KCS-88412', description: 'certificate or attendance reference' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'reference must not be empty' })
  @MaxLength(200)
  @IsNotIdentityNumber()
  reference: string;
}

export class TrainingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) volunteerId: string;
  @ApiProperty({ example: '2026-02-14' }) completedOn: string;
  @ApiProperty({ example: '2028-02-14', description: 'the last day it counts' }) expiresAt: string;
  @ApiProperty() provider: string;
  @ApiProperty() reference: string;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty() createdAt: Date;
}
