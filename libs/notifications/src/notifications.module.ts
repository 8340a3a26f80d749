import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Notification } from './entities/notification.entity';
import { NotificationDataRegistry } from './outbox/notification-data.registry';
import { OutboxService } from './outbox/outbox.service';
import { NotificationOptOut } from './preferences/notification-opt-out.entity';
import { OptOutsService } from './preferences/opt-outs.service';
import { UnsubscribeTokens } from './preferences/unsubscribe-tokens';
import { TemplateRegistry } from './templates/template-registry';

const services = [
  OutboxService,
  NotificationDataRegistry,
  TemplateRegistry,
  OptOutsService,
  UnsubscribeTokens,
];

/**
 * The outbox and what describes its emails (templates, send-time data, unsubscribes). Imported
 * by every lib that sends email; it needs only the platform. The worker's sending side and the
 * HTTP endpoints live in bridge/ (they need accounts), imported by the apps only.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, NotificationOptOut])],
  providers: services,
  exports: [...services, TypeOrmModule],
})
export class NotificationsModule {}
