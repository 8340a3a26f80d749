import { Body, Controller, Get, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ProfileView, UpdateProfileDto } from '../dto/profile.dto';
import { ProfileService } from '../services/profile.service';

@ApiTags('accounts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'missing, invalid or expired token' })
@Controller('me/profile')
export class ProfileController {
  constructor(private readonly profiles: ProfileService) {}

  @Get()
  @ApiOkResponse({ type: ProfileView })
  get(@CurrentUser() user: AuthUser): Promise<ProfileView> {
    return this.profiles.get(user.id);
  }

  @Put()
  @ApiOkResponse({ type: ProfileView })
  @ApiBadRequestResponse({
    description: 'a field is malformed, a skill is not in the taxonomy, or a field is unknown',
  })
  put(@CurrentUser() user: AuthUser, @Body() dto: UpdateProfileDto): Promise<ProfileView> {
    return this.profiles.replace(user.id, dto);
  }
}
