import { Module } from '@nestjs/common';
import { AccountsModule } from '@puente/accounts';
import { NotificationsModule } from '@puente/notifications';
import { PlatformModule } from '@puente/platform';
import { SafeguardingWorkerModule } from '@puente/safeguarding';
import { TripsWorkerModule } from '@puente/trips';

/** The worker: no HTTP, only the Bull processors and scheduled work of each feature. */
@Module({
  imports: [
    PlatformModule,
    AccountsModule,
    NotificationsModule,
    SafeguardingWorkerModule,
    TripsWorkerModule,
  ],
})
export class WorkerModule {}
