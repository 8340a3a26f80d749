import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { CurrentUser, Public } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { AuthResultView, LoginDto, MeView, RegisterDto } from '../dto/auth.dto';
import { AuthService } from '../services/auth.service';
import { UsersService } from '../services/users.service';

@ApiTags('accounts')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('auth/register')
  @ApiCreatedResponse({ type: AuthResultView })
  @ApiBadRequestResponse({
    description: 'invalid email, password under 10 characters, unknown fields',
  })
  @ApiConflictResponse({ description: 'email taken (case-insensitive)' })
  @ApiTooManyRequestsResponse({
    description: 'over AUTH_RATE_LIMIT_PER_MINUTE for this address or email',
  })
  register(@Body() dto: RegisterDto): Promise<AuthResultView> {
    return this.auth.register(dto);
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResultView })
  @ApiUnauthorizedResponse({ description: 'same answer for an unknown email and a wrong password' })
  @ApiTooManyRequestsResponse({
    description: 'over AUTH_RATE_LIMIT_PER_MINUTE for this address or email',
  })
  login(@Body() dto: LoginDto): Promise<AuthResultView> {
    return this.auth.login(dto);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeView })
  @ApiUnauthorizedResponse({ description: 'missing, invalid or expired token' })
  me(@CurrentUser() user: AuthUser): Promise<MeView> {
    return this.users.me(user.id);
  }
}
