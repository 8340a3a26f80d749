import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'maria@example.org' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'the token from the emailed link' })
  @IsString()
  @MinLength(1, { message: 'token must not be empty' })
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(200)
  password: string;
}

export class PasswordResetAcceptedView {
  @ApiProperty({
    example: 'If an account uses this email, a link to reset its password is on its way.',
  })
  message: string;
}

export class PasswordResetDoneView {
  @ApiProperty({ example: 'Your password has been changed.' })
  message: string;
}
