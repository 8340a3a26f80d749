import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import {
  BACKGROUND_CHECK_BACKOFF_MS,
  BACKGROUND_CHECK_JOB_ATTEMPTS,
  BackgroundCheckStepJob,
  JOBS,
  QUEUES,
} from '@puente/platform';
import type { Queue } from 'bull';

/**
 * Queues the worker's steps for a check. The job carries the check id only; the row holds the
 * state. Never throws: a job that could not be queued is re-driven by the periodic repair.
 */
@Injectable()
export class CheckJobs {
  private readonly logger = new Logger(CheckJobs.name);

  constructor(
    @InjectQueue(QUEUES.backgroundChecks) private readonly queue: Queue<BackgroundCheckStepJob>,
  ) {}

  /** `key` names the occasion, so the same occasion is queued at most once. */
  async step(checkId: string, key: string, delayMs = 0): Promise<void> {
    try {
      await this.queue.add(
        JOBS.runBackgroundCheckStep,
        { checkId },
        {
          jobId: `${checkId}:${key}`,
          delay: Math.max(0, Math.round(delayMs)),
          attempts: BACKGROUND_CHECK_JOB_ATTEMPTS,
          backoff: { type: 'exponential', delay: BACKGROUND_CHECK_BACKOFF_MS },
        },
      );
    } catch (err) {
      this.logger.warn(
        { checkId, err: (err as Error).message },
        'could not queue a background-check step; the repair will',
      );
    }
  }
}
