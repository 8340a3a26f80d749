import { Module } from '@nestjs/common';
import { AccountsModule } from '@puente/accounts';
import { InternshipsWorkerModule } from '@puente/internships';
import { NotificationsModule } from '@puente/notifications';
import { NotificationsWorkerModule } from '@puente/notifications/bridge';
import { PlatformModule } from '@puente/platform';
import { SafeguardingWorkerModule } from '@puente/safeguarding';
import { TripsWorkerModule } from '@puente/trips';

/** The worker: no HTTP, only the Bull processors and scheduled work of each feature. */
@Module({
  imports: [
    PlatformModule,
    AccountsModule,
    InternshipsWorkerModule,
    NotificationsModule,
    SafeguardingWorkerModule,
    NotificationsWorkerModule,
    TripsWorkerModule,
  ],
})
export class WorkerModule {}
