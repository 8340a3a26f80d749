import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsTimeZone,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

export class CreateOrganizationDto {
  @ApiProperty({ example: 'Casa Esperanza Girls Home', maxLength: 200 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'casa-esperanza', description: 'lower-case letters, digits and hyphens' })
  @IsString()
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: 'slug must be lower-case letters, digits and single hyphens',
  })
  @MaxLength(100)
  slug: string;

  @ApiPropertyOptional({ example: 'America/Guatemala', default: 'UTC' })
  @IsOptional()
  @IsTimeZone({ message: 'timeZone must be an IANA time zone such as America/Guatemala' })
  timeZone?: string;
}

export class AddMemberDto {
  @ApiProperty({ example: 'coordinator@example.org' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: ['coordinator'] })
  @IsIn(['coordinator'], { message: 'role must be coordinator' })
  role: 'coordinator';
}

export class OrganizationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty() timeZone: string;
  @ApiProperty() createdAt: Date;
}

export class MemberView {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['coordinator'] }) role: string;
}

export class UpdateOrganizationDto {
  @ApiPropertyOptional({ example: 'Casa Esperanza Girls Home', maxLength: 200 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'America/Guatemala' })
  @IsOptional()
  @IsTimeZone({ message: 'timeZone must be an IANA time zone such as America/Guatemala' })
  timeZone?: string;
}
