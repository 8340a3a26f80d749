import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsISO4217CurrencyCode,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  registerDecorator,
} from 'class-validator';
import { IsIsoDate } from '@puente/platform';
import isISO6391 from 'validator/lib/isISO6391';
import { ADMISSIONS, type Admission } from '../entities/trip.entity';

export const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;
export const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

export const SKILL_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function IsLanguageCodeEach(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isLanguageCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        each: true,
        message: '$property must hold ISO 639-1 language codes such as es or en',
      },
      validator: { validate: (v: unknown) => typeof v === 'string' && isISO6391(v) },
    });
}

export class CreateTripDto {
  @ApiProperty({ example: 'Summer at Hogar Esperanza', minLength: 3, maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title: string;

  @ApiProperty({
    example: 'Two weeks of tutoring, art and sports with the girls of the home.',
    maxLength: 10000,
  })
  @Transform(trim)
  @IsString()
  @MinLength(10)
  @MaxLength(10000)
  description: string;

  @ApiProperty({ example: 'GT', description: 'ISO 3166-1 alpha-2' })
  @Transform(upper)
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code such as GT' })
  country: string;

  @ApiProperty({ example: 'Antigua Guatemala', maxLength: 120 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  city: string;

  @ApiProperty({ example: '2027-07-01', format: 'date' })
  @IsIsoDate()
  startDate: string;

  @ApiProperty({ example: '2027-07-14', format: 'date', description: 'not before startDate' })
  @IsIsoDate()
  endDate: string;

  @ApiProperty({ minimum: 1, maximum: 10000, example: 12 })
  @IsInt()
  @Min(1)
  @Max(10000)
  capacity: number;

  @ApiProperty({ minimum: 0, example: 85000, description: 'integer minor units of currency' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  costCents: number;

  @ApiProperty({ example: 'USD', description: 'ISO 4217' })
  @Transform(upper)
  @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as USD or GTQ' })
  currency: string;

  @ApiProperty({ example: '2027-05-31', format: 'date', description: 'not after startDate' })
  @IsIsoDate()
  applicationDeadline: string;

  @ApiProperty({ minimum: 0, maximum: 120, example: 18, description: 'age on the start date' })
  @IsInt()
  @Min(0)
  @Max(120)
  minAge: number;

  @ApiPropertyOptional({ default: true })
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean()
  requiresBackgroundCheck?: boolean;

  @ApiPropertyOptional({ default: false })
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean()
  requiresSafeguardingTraining?: boolean;

  @ApiPropertyOptional({ default: false })
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean()
  requiresCodeOfConduct?: boolean;

  @ApiProperty({
    enum: ADMISSIONS,
    description: 'review: a coordinator decides; auto: first come, first served',
  })
  @IsIn(ADMISSIONS, { message: 'admission must be review or auto' })
  admission: Admission;

  @ApiProperty({ type: [String], example: ['teaching', 'childcare'], description: 'GET /skills' })
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique({ message: 'skills must not list a skill twice' })
  @IsString({ each: true })
  @Matches(SKILL_SLUG, { each: true, message: 'skills must hold skill slugs such as teaching' })
  skills: string[];

  @ApiProperty({ type: [String], example: ['es', 'en'], description: 'ISO 639-1' })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique({ message: 'languages must not list a language twice' })
  @IsLanguageCodeEach()
  languages: string[];

  @ApiPropertyOptional({
    nullable: true,
    maxLength: 1000,
    example: 'Meet at the parish hall, 4a Calle 12, at 08:00',
    description:
      'shown only to confirmed participants and the coordinators; never in listings or emails',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  privateLocation?: string | null;
}

/**
 * Any subset of the fields (null only clears privateLocation); the trip as it would become is
 * validated as a whole.
 */
export class UpdateTripDto extends PartialType(CreateTripDto, { skipNullProperties: false }) {}

export class ReasonDto {
  @ApiPropertyOptional({ maxLength: 1000, example: 'The home had to close for repairs' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason?: string;
}
