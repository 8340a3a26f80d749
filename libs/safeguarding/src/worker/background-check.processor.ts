import { Process, Processor } from '@nestjs/bull';
import { BackgroundCheckStepJob, JOBS, QUEUES } from '@puente/platform';
import type { Job } from 'bull';
import { ProviderError } from '../providers/background-check-provider';
import { CheckRunner } from '../services/check-runner.service';

/** Runs background-check steps; provider errors throw so Bull retries them with backoff. */
@Processor(QUEUES.backgroundChecks)
export class BackgroundCheckProcessor {
  constructor(private readonly runner: CheckRunner) {}

  @Process({ name: JOBS.runBackgroundCheckStep, concurrency: 5 })
  async step(job: Job<BackgroundCheckStepJob>): Promise<void> {
    try {
      await this.runner.step(job.data.checkId);
    } catch (err) {
      // A request the provider refuses will not succeed on retry; the repair tries again much later.
      if (err instanceof ProviderError && !err.retryable) await job.discard();
      throw err;
    }
  }
}
