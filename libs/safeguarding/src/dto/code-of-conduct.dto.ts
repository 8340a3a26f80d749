import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { trim } from './trim.transform';

export class PublishCodeOfConductDto {
  @ApiProperty({ example: '2026.1', description: 'unique within the organisation' })
  @Transform(trim)
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/, {
    message: 'version must be 1-50 letters, digits, . _ - (e.g. 2026.1)',
  })
  version: string;

  @ApiProperty({ example: 'I will never be alone with a child out of sight of another adult…' })
  @IsString()
  @MinLength(20, { message: 'text must be at least 20 characters' })
  @MaxLength(50_000)
  text: string;
}

export class CodeOfConductView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() version: string;
  @ApiProperty() text: string;
  @ApiProperty() publishedAt: Date;
}

export class CodeOfConductAcceptanceView {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ format: 'uuid' }) codeId: string;
  @ApiProperty() version: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() acceptedAt: Date;
}
