import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsPhoneNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  ValidateIf,
  registerDecorator,
} from 'class-validator';
import { IsIsoDate } from '@puente/platform';
import isISO6391 from 'validator/lib/isISO6391';

const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

function IsLanguageCode(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isLanguageCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an ISO 639-1 language code such as es or en' },
      validator: { validate: (v: unknown) => typeof v === 'string' && isISO6391(v) },
    });
}

export class LanguageLevelDto {
  @ApiProperty({ example: 'es', description: 'ISO 639-1' })
  @IsLanguageCode()
  code: string;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  level: number;
}

export class SkillLevelDto {
  @ApiProperty({ example: 'counseling', description: 'a slug from GET /skills' })
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'skill must be a skill slug such as counseling' })
  skill: string;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  level: number;
}

export class EmergencyContactDto {
  @ApiProperty({ example: 'Ana López' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '+50255551234', description: 'international format' })
  @IsPhoneNumber(undefined, {
    message: 'emergencyContact.phone must be a phone number in international format (+...)',
  })
  phone: string;

  @ApiProperty({ example: 'mother' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  relation: string;
}

/** PUT replaces the whole profile: a field left out is cleared. */
export class UpdateProfileDto {
  @ApiPropertyOptional({ example: '1995-04-12', nullable: true })
  @IsOptional()
  @IsIsoDate()
  dateOfBirth?: string | null;

  @ApiPropertyOptional({ example: '+15125550100', nullable: true })
  @IsOptional()
  @IsPhoneNumber(undefined, {
    message: 'phone must be a phone number in international format (+...)',
  })
  phone?: string | null;

  @ApiPropertyOptional({ example: 'US', description: 'ISO 3166-1 alpha-2', nullable: true })
  @IsOptional()
  @Transform(upper)
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code such as GT' })
  country?: string | null;

  @ApiPropertyOptional({ type: [LanguageLevelDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LanguageLevelDto)
  languages?: LanguageLevelDto[];

  @ApiPropertyOptional({ type: [SkillLevelDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SkillLevelDto)
  skills?: SkillLevelDto[];

  @ApiPropertyOptional({ type: EmergencyContactDto, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @ValidateNested()
  @Type(() => EmergencyContactDto)
  emergencyContact?: EmergencyContactDto | null;

  @ApiPropertyOptional({ example: '2031-08-01', nullable: true })
  @IsOptional()
  @IsIsoDate()
  passportExpiresOn?: string | null;

  @ApiPropertyOptional({ enum: ['en', 'es'], default: 'en', description: 'the language of emails' })
  @IsOptional()
  @IsIn(['en', 'es'], { message: 'locale must be en or es' })
  locale?: 'en' | 'es';

  @ApiPropertyOptional({
    example: 'Ana López',
    nullable: true,
    description: 'a parent or guardian, asked for consent when the volunteer is under 18',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  guardianName?: string | null;

  @ApiPropertyOptional({ example: 'ana.lopez@example.org', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'guardianEmail must be an email address' })
  @MaxLength(254)
  guardianEmail?: string | null;
}

export class ProfileView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ nullable: true, type: String }) dateOfBirth: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
  @ApiProperty({ type: [LanguageLevelDto] }) languages: LanguageLevelDto[];
  @ApiProperty({ type: [SkillLevelDto] }) skills: SkillLevelDto[];
  @ApiProperty({ type: EmergencyContactDto, nullable: true })
  emergencyContact: EmergencyContactDto | null;
  @ApiProperty({ nullable: true, type: String }) passportExpiresOn: string | null;
  @ApiProperty({ enum: ['en', 'es'] }) locale: string;
  @ApiProperty({ nullable: true, type: String }) guardianName: string | null;
  @ApiProperty({ nullable: true, type: String }) guardianEmail: string | null;
  @ApiProperty({ description: 'dateOfBirth, phone, country and emergencyContact are all set' })
  complete: boolean;
  @ApiProperty({ type: [String], example: ['phone'] }) missing: string[];
}
