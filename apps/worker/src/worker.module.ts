import { Module } from '@nestjs/common';
import { AccountsModule } from '@puente/accounts';
import { PlatformModule } from '@puente/platform';

/** The worker: no HTTP, only the Bull processors and scheduled work of each feature. */
@Module({
  imports: [PlatformModule, AccountsModule],
})
export class WorkerModule {}
