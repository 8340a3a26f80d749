import { Module } from '@nestjs/common';
import { TripsModule } from './trips.module';
import { CoordinatorDigestScheduler } from './worker/coordinator-digest.scheduler';

/** The worker side of trips: TripsModule and the coordinators' daily digest. */
@Module({
  imports: [TripsModule],
  providers: [CoordinatorDigestScheduler],
  exports: [TripsModule],
})
export class TripsWorkerModule {}
