import { Module } from '@nestjs/common';
import { AccountsHttpModule } from '@puente/accounts';
import { InternshipsHttpModule } from '@puente/internships';
import { NotificationsModule } from '@puente/notifications';
import { NotificationsHttpModule } from '@puente/notifications/bridge';
import { PlatformModule } from '@puente/platform';
import { SafeguardingHttpModule } from '@puente/safeguarding';
import { TripsHttpModule } from '@puente/trips';
import { HealthModule } from './health/health.module';

@Module({
  imports: [
    PlatformModule,
    HealthModule,
    AccountsHttpModule,
    InternshipsHttpModule,
    NotificationsModule,
    SafeguardingHttpModule,
    NotificationsHttpModule,
    TripsHttpModule,
  ],
})
export class ApiModule {}
