import { Module } from '@nestjs/common';
import { AccountsHttpModule } from '@puente/accounts';
import { NotificationsModule } from '@puente/notifications';
import { PlatformModule } from '@puente/platform';
import { SafeguardingHttpModule } from '@puente/safeguarding';
import { TripsHttpModule } from '@puente/trips';
import { HealthModule } from './health/health.module';

@Module({
  imports: [
    PlatformModule,
    HealthModule,
    AccountsHttpModule,
    NotificationsModule,
    SafeguardingHttpModule,
    TripsHttpModule,
  ],
})
export class ApiModule {}
