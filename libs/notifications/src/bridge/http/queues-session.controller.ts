import { Controller, Delete, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AdminOnly, CurrentUser, Public, type AuthUser } from '@puente/accounts';
import type { FastifyReply } from 'fastify';
import { QueuesDashboard } from './queues-dashboard';

@ApiTags('notifications')
@Controller('admin/queues/session')
export class QueuesSessionController {
  constructor(private readonly dashboard: QueuesDashboard) {}

  @Post()
  @AdminOnly()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({
    description:
      'sets an HTTP-only cookie (path /admin/queues, one hour) so a browser can open the Bull dashboard at /admin/queues',
  })
  @ApiUnauthorizedResponse({ description: 'missing, invalid or expired token' })
  @ApiForbiddenResponse({ description: 'not an administrator' })
  async open(
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    reply.header('set-cookie', this.dashboard.cookie(await this.dashboard.sessionToken(user.id)));
  }

  @Delete()
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'clears the dashboard cookie' })
  close(@Res({ passthrough: true }) reply: FastifyReply): void {
    reply.header('set-cookie', this.dashboard.cookie(null));
  }
}
