import { Module } from '@nestjs/common';
import { SafeguardingModule } from './safeguarding.module';
import { BackgroundCheckProcessor } from './worker/background-check.processor';
import { SafeguardingScheduler } from './worker/safeguarding.scheduler';

/** The worker side of safeguarding: the background-check processor and the repair/daily tick. */
@Module({
  imports: [SafeguardingModule],
  providers: [BackgroundCheckProcessor, SafeguardingScheduler],
})
export class SafeguardingWorkerModule {}
