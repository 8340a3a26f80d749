import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@puente/accounts';
import { PageQueryDto } from '@puente/platform';
import { NotificationsQueryService } from '../notifications-query.service';
import { MyNotificationsPage } from './notification.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'missing, invalid or expired token' })
@Controller('me/notifications')
export class MeNotificationsController {
  constructor(private readonly notifications: NotificationsQueryService) {}

  @Get()
  @ApiOkResponse({
    type: MyNotificationsPage,
    description: 'the emails sent or scheduled for you, latest first',
  })
  @ApiBadRequestResponse({
    description: 'limit outside 1–100, a bad cursor or an unknown parameter',
  })
  list(@CurrentUser() user: AuthUser, @Query() page: PageQueryDto): Promise<MyNotificationsPage> {
    return this.notifications.mine(user.id, page.limit, page.cursor);
  }
}
