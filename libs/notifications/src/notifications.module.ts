import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Notification } from './entities/notification.entity';
import { OutboxService } from './outbox/outbox.service';

/** The outbox and everything that turns its rows into emails. */
@Module({
  imports: [TypeOrmModule.forFeature([Notification])],
  providers: [OutboxService],
  exports: [OutboxService, TypeOrmModule],
})
export class NotificationsModule {}
