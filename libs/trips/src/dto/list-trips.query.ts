import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsIsoDate, PageQueryDto } from '@puente/platform';
import { SKILL_SLUG, upper } from './trip.dto';

const toArray = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];
const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListTripsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'GT', description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @Transform(upper)
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code such as GT' })
  country?: string;

  @ApiPropertyOptional({ format: 'date', description: 'trips starting on or after this day' })
  @IsOptional()
  @IsIsoDate()
  startsAfter?: string;

  @ApiPropertyOptional({ format: 'date', description: 'trips starting on or before this day' })
  @IsOptional()
  @IsIsoDate()
  startsBefore?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'repeatable (?skill=a&skill=b): the trip must want every one',
  })
  @IsOptional()
  @Transform(toArray)
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Matches(SKILL_SLUG, { each: true, message: 'skill must be a skill slug such as teaching' })
  skill?: string[];

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'full-text search over title and description; every word must match (as a prefix)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/[\p{L}\p{N}]/u, { message: 'q must contain at least one letter or digit' })
  q?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only trips with a free seat',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'hasSeats must be true or false' })
  hasSeats?: boolean;
}
