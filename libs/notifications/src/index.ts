export * from './entities/notification.entity';
export * from './outbox/outbox.service';
export * from './notifications.module';
export * from './outbox/notification-data.registry';
