import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@puente/accounts';
import { NotificationsModule } from '../notifications.module';
import { AdminNotificationsController } from './http/admin-notifications.controller';
import { MeNotificationsController } from './http/me-notifications.controller';
import { OneClickBodyParser } from './http/one-click-body.parser';
import { QueuesDashboard } from './http/queues-dashboard';
import { QueuesSessionController } from './http/queues-session.controller';
import { UnsubscribeController } from './http/unsubscribe.controller';
import { NotificationsQueryService } from './notifications-query.service';
import { PasswordResetToken } from './password-reset/password-reset-token.entity';
import { PasswordResetController } from './password-reset/password-reset.controller';
import { PasswordResetService } from './password-reset/password-reset.service';
import { UnsubscribeService } from './unsubscribe.service';

/**
 * The API side of notifications: a user's emails, the admin view and retry, one-click
 * unsubscribe, password reset, and the Bull dashboard. Imported by the API app only.
 */
@Module({
  imports: [NotificationsModule, AccountsModule, TypeOrmModule.forFeature([PasswordResetToken])],
  controllers: [
    MeNotificationsController,
    AdminNotificationsController,
    UnsubscribeController,
    PasswordResetController,
    QueuesSessionController,
  ],
  providers: [
    NotificationsQueryService,
    UnsubscribeService,
    PasswordResetService,
    QueuesDashboard,
    OneClickBodyParser,
  ],
})
export class NotificationsHttpModule {}
