import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MatchingRunsService } from '../services/matching-runs.service';
import { PlacementsService } from '../services/placements.service';

/** How often the worker re-checks awaiting placements and re-queues lost runs. */
export const INTERNSHIPS_TICK_MS = 60_000;

/**
 * The worker's periodic internships work: awaiting placements whose requirements are now met
 * become placed, and runs whose job was lost (Redis flushed, worker crashed) are queued again.
 * Safe with several workers: both steps lock or claim rows.
 */
@Injectable()
export class InternshipsTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InternshipsTicker.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly runs: MatchingRunsService,
    private readonly placements: PlacementsService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), INTERNSHIPS_TICK_MS);
    this.timer.unref();
    void this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        const requeued = await this.runs.requeueStale();
        const placed = await this.placements.recheckAwaiting();
        if (requeued || placed) this.logger.log({ requeued, placed }, 'internships tick');
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'internships tick failed');
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
