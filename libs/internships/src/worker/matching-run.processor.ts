import { Process, Processor } from '@nestjs/bull';
import { JOBS, QUEUES, RunMatchingJob } from '@puente/platform';
import type { Job } from 'bull';
import { MatchingRunsService } from '../services/matching-runs.service';

/** Computes a matching run; the job carries the run id only (the row holds the state). */
@Processor(QUEUES.matching)
export class MatchingRunProcessor {
  constructor(private readonly runs: MatchingRunsService) {}

  @Process(JOBS.runMatching)
  async handle(job: Job<RunMatchingJob>): Promise<void> {
    await this.runs.compute(job.data.runId);
  }
}
