import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Equals, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { trim } from './trim.transform';

export class RequestGuardianConsentDto {
  @ApiProperty({ format: 'uuid', description: 'the organisation the volunteer will serve with' })
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId: string;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const TOKEN_MESSAGE = 'token must be the token from the email link';

export class ConsentTokenQueryDto {
  @ApiProperty({ description: 'the one-time token from the email link' })
  @IsString()
  @Matches(TOKEN, { message: TOKEN_MESSAGE })
  token: string;
}

export class GiveGuardianConsentDto {
  @ApiProperty({ description: 'the one-time token from the email link' })
  @IsString()
  @Matches(TOKEN, { message: TOKEN_MESSAGE })
  token: string;

  @ApiProperty({ enum: [true], description: 'must be true' })
  @Equals(true, { message: 'consent must be true' })
  consent: true;

  @ApiProperty({ example: 'Ana López', description: 'the guardian’s full name, as a signature' })
  @Transform(trim)
  @IsString()
  @MinLength(2, { message: 'signedName must be at least 2 characters' })
  @MaxLength(200)
  signedName: string;
}

export class GuardianConsentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ enum: ['requested', 'given'] }) state: 'requested' | 'given';
  @ApiProperty() guardianName: string;
  @ApiProperty() requestedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) consentedAt: Date | null;
}

/** What the guardian sees behind the link: no more than they need to decide. */
export class GuardianConsentRequestView {
  @ApiProperty() volunteerName: string;
  @ApiProperty() organizationName: string;
  @ApiProperty() guardianName: string;
  @ApiProperty({ enum: ['requested', 'given'] }) state: 'requested' | 'given';
  @ApiProperty() expiresAt: Date;
}
