import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIsoDate, PageQueryDto } from '@puente/platform';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { NEED_STATUSES, type NeedStatus } from '../entities/need.entity';
import { IsLanguageCode, SKILL_SLUG, trim } from './validators';

export class RequiredSkillDto {
  @ApiProperty({ example: 'counseling', description: 'a slug from GET /skills' })
  @IsString()
  @Matches(SKILL_SLUG, { message: 'skill must be a skill slug such as counseling' })
  skill: string;

  @ApiProperty({ minimum: 1, maximum: 5, example: 3 })
  @IsInt()
  @Min(1)
  @Max(5)
  minLevel: number;
}

export class PreferredSkillDto {
  @ApiProperty({ example: 'social-work', description: 'a slug from GET /skills' })
  @IsString()
  @Matches(SKILL_SLUG, { message: 'skill must be a skill slug such as counseling' })
  skill: string;

  @ApiProperty({
    minimum: 1,
    maximum: 10,
    example: 3,
    description: 'each level of the skill the intern has earns this many points',
  })
  @IsInt()
  @Min(1)
  @Max(10)
  weight: number;
}

export class RequiredLanguageDto {
  @ApiProperty({ example: 'es', description: 'ISO 639-1' })
  @IsLanguageCode()
  code: string;

  @ApiProperty({ minimum: 1, maximum: 5, example: 3 })
  @IsInt()
  @Min(1)
  @Max(5)
  minLevel: number;
}

export class CreateNeedDto {
  @ApiProperty({ example: 'Aftercare counselling intern' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: 'Accompany girls leaving the home through their first year outside.' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  description: string;

  @ApiProperty({ example: 'Guatemala City, GT', description: 'public, general location' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  location: string;

  @ApiProperty({ example: '2027-03-01' })
  @IsIsoDate()
  startDate: string;

  @ApiProperty({ example: '2027-08-31', description: 'on or after startDate' })
  @IsIsoDate()
  endDate: string;

  @ApiProperty({ minimum: 1, maximum: 1000, example: 2 })
  @IsInt()
  @Min(1)
  @Max(1000)
  slots: number;

  @ApiPropertyOptional({ type: [RequiredSkillDto], default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RequiredSkillDto)
  requiredSkills?: RequiredSkillDto[];

  @ApiPropertyOptional({ type: [PreferredSkillDto], default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PreferredSkillDto)
  preferredSkills?: PreferredSkillDto[];

  @ApiPropertyOptional({ type: [RequiredLanguageDto], default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => RequiredLanguageDto)
  languages?: RequiredLanguageDto[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  requiresBackgroundCheck?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  requiresSafeguardingTraining?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  requiresCodeOfConduct?: boolean;

  @ApiPropertyOptional({
    example: '4a Calle 3-21, Zona 1',
    nullable: true,
    description: 'shown only to the organisation’s coordinators and interns placed in the need',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  privateLocation?: string | null;
}

/** Any subset of the creation fields; the result is checked as a whole (e.g. dates in order). */
export class UpdateNeedDto extends PartialType(CreateNeedDto) {}

export class NeedListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'repeatable; every skill given must be required or preferred by the need',
    type: [String],
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value : [value]))
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(SKILL_SLUG, { each: true, message: 'skill must be a skill slug such as counseling' })
  skill?: string[];
}

export class OrganizationNeedsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: NEED_STATUSES })
  @IsOptional()
  @IsIn(NEED_STATUSES)
  status?: NeedStatus;
}

export class OrganizationRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class NeedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: OrganizationRefView }) organization: OrganizationRefView;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() location: string;
  @ApiProperty({ example: '2027-03-01' }) startDate: string;
  @ApiProperty({ example: '2027-08-31' }) endDate: string;
  @ApiProperty() slots: number;
  @ApiProperty({ description: 'slots not held by an offered, awaiting or placed intern' })
  slotsRemaining: number;
  @ApiProperty({ type: [RequiredSkillDto] }) requiredSkills: RequiredSkillDto[];
  @ApiProperty({ type: [PreferredSkillDto] }) preferredSkills: PreferredSkillDto[];
  @ApiProperty({ type: [RequiredLanguageDto] }) languages: RequiredLanguageDto[];
  @ApiProperty() requiresBackgroundCheck: boolean;
  @ApiProperty() requiresSafeguardingTraining: boolean;
  @ApiProperty() requiresCodeOfConduct: boolean;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'present only for the organisation’s coordinators and interns placed here',
  })
  privateLocation?: string | null;
  @ApiProperty({ enum: NEED_STATUSES }) status: NeedStatus;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class NeedPageView {
  @ApiProperty({ type: [NeedView] }) items: NeedView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
