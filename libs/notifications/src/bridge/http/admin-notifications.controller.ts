import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AdminOnly } from '@puente/accounts';
import { NotificationsQueryService } from '../notifications-query.service';
import {
  AdminNotificationsPage,
  AdminNotificationsQueryDto,
  AdminNotificationView,
} from './notification.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'missing, invalid or expired token' })
@ApiForbiddenResponse({ description: 'not an administrator' })
@AdminOnly()
@Controller('admin/notifications')
export class AdminNotificationsController {
  constructor(private readonly notifications: NotificationsQueryService) {}

  @Get()
  @ApiOkResponse({ type: AdminNotificationsPage, description: 'every email, newest first' })
  @ApiBadRequestResponse({ description: 'an unknown status, a bad limit or cursor' })
  list(@Query() query: AdminNotificationsQueryDto): Promise<AdminNotificationsPage> {
    return this.notifications.list(query);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOkResponse({
    type: AdminNotificationView,
    description: 'back to pending with its attempts reset, and queued when due',
  })
  @ApiBadRequestResponse({ description: 'the id is not a UUID' })
  @ApiNotFoundResponse({ description: 'no such notification' })
  @ApiConflictResponse({ description: 'already sent (code ALREADY_SENT)' })
  retry(@Param('id', new ParseUUIDPipe()) id: string): Promise<AdminNotificationView> {
    return this.notifications.retry(id);
  }
}
