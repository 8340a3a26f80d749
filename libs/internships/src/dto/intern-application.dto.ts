import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIsoDate } from '@puente/platform';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  INTERN_APPLICATION_STATUSES,
  type InternApplicationStatus,
} from '../entities/intern-application.entity';
import { trim } from './validators';

export class CreateInternApplicationDto {
  @ApiProperty({ example: '2027-02-15', description: 'first day the intern can serve' })
  @IsIsoDate()
  availableFrom: string;

  @ApiProperty({ example: '2027-09-30', description: 'last day; on or after availableFrom' })
  @IsIsoDate()
  availableTo: string;

  @ApiProperty({ example: 'I am a licensed counsellor and would like to serve for six months.' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  statement: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    default: [],
    description: 'open need ids, most preferred first (at most 10)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique({ message: 'preferences must not list a need twice' })
  @IsUUID('all', { each: true, message: 'each of preferences must be a need id (UUID)' })
  preferences?: string[];
}

export class SkillLevelView {
  @ApiProperty({ example: 'counseling' }) skill: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) level: number;
}

export class LanguageLevelView {
  @ApiProperty({ example: 'es' }) code: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) level: number;
}

export class InternApplicationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: INTERN_APPLICATION_STATUSES }) status: InternApplicationStatus;
  @ApiProperty({ example: '2027-02-15' }) availableFrom: string;
  @ApiProperty({ example: '2027-09-30' }) availableTo: string;
  @ApiProperty() statement: string;
  @ApiProperty({ type: [String], format: 'uuid' }) preferences: string[];
  @ApiProperty({ type: [SkillLevelView], description: 'from the profile when applying' })
  skills: SkillLevelView[];
  @ApiProperty({ type: [LanguageLevelView], description: 'from the profile when applying' })
  languages: LanguageLevelView[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class InternApplicationPageView {
  @ApiProperty({ type: [InternApplicationView] }) items: InternApplicationView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
