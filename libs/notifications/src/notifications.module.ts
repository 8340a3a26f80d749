import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Notification } from './entities/notification.entity';
import { NotificationDataRegistry } from './outbox/notification-data.registry';
import { OutboxService } from './outbox/outbox.service';

/** The outbox and everything that turns its rows into emails. */
@Module({
  imports: [TypeOrmModule.forFeature([Notification])],
  providers: [OutboxService, NotificationDataRegistry],
  exports: [OutboxService, NotificationDataRegistry, TypeOrmModule],
})
export class NotificationsModule {}
