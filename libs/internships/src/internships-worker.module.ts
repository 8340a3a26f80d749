import { Module } from '@nestjs/common';
import { InternshipsModule } from './internships.module';
import { InternshipsTicker } from './worker/internships.ticker';
import { MatchingRunProcessor } from './worker/matching-run.processor';

/** The worker side of internships: the matching-run processor and the periodic tick. */
@Module({
  imports: [InternshipsModule],
  providers: [MatchingRunProcessor, InternshipsTicker],
})
export class InternshipsWorkerModule {}
