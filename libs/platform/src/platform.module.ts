import { Global, Module } from '@nestjs/common';
import { Clock } from './clock/clock';
import { PlatformConfigModule } from './config/config.module';
import { PlatformDatabaseModule } from './database/database.module';
import { PlatformLoggingModule } from './logging/logging.module';
import { PlatformQueueModule } from './queue/queue.module';

/** Config, logging, PostgreSQL, Redis queues and the clock: what both apps stand on. */
@Global()
@Module({
  imports: [
    PlatformConfigModule,
    PlatformLoggingModule,
    PlatformDatabaseModule,
    PlatformQueueModule,
  ],
  providers: [Clock],
  exports: [Clock, PlatformConfigModule, PlatformQueueModule],
})
export class PlatformModule {}
