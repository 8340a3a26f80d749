import { Body, Controller, Get, Header, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '@puente/accounts';
import {
  PasswordResetAcceptedView,
  PasswordResetConfirmDto,
  PasswordResetDoneView,
  PasswordResetRequestDto,
} from './password-reset.dto';
import { PasswordResetService } from './password-reset.service';
import { RESET_PASSWORD_PAGE } from './reset-password.page';

@ApiTags('accounts')
@Public()
@Controller()
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  @UseGuards(ThrottlerGuard)
  @Post('auth/password-reset')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: PasswordResetAcceptedView,
    description: 'the same answer whether or not the email is known; the link is valid 1 hour',
  })
  @ApiBadRequestResponse({ description: 'not an email address, or unknown fields' })
  @ApiTooManyRequestsResponse({
    description: 'over AUTH_RATE_LIMIT_PER_MINUTE for this address or email',
  })
  async request(@Body() dto: PasswordResetRequestDto): Promise<PasswordResetAcceptedView> {
    await this.resets.request(dto.email);
    return {
      message: 'If an account uses this email, a link to reset its password is on its way.',
    };
  }

  @UseGuards(ThrottlerGuard)
  @Post('auth/password-reset/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: PasswordResetDoneView })
  @ApiBadRequestResponse({
    description:
      'a token that is unknown, used or expired (code INVALID_TOKEN), or a password under 10 characters',
  })
  @ApiTooManyRequestsResponse({ description: 'over AUTH_RATE_LIMIT_PER_MINUTE for this address' })
  async confirm(@Body() dto: PasswordResetConfirmDto): Promise<PasswordResetDoneView> {
    await this.resets.confirm(dto.token, dto.password);
    return { message: 'Your password has been changed.' };
  }

  /** Where the emailed link lands: a small form that calls the confirm endpoint. */
  @Get('reset-password')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @Header('referrer-policy', 'no-referrer')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'a page to choose a new password (the token stays in the URL)' })
  page(): string {
    return RESET_PASSWORD_PAGE;
  }
}
