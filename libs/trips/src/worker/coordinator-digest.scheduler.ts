import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CoordinatorDigestService } from '../services/coordinator-digest.service';

/** How often the worker looks for digests that have fallen due (they are due at 07:00 local). */
export const DIGEST_TICK_MS = 60_000;

/**
 * Runs the coordinator digest at worker start and every minute. A timer rather than a Bull
 * repeatable job: nothing in Redis to lose in a flush, and each run is idempotent (the
 * organisation's digest row is locked and moved forward once), so several workers may tick.
 */
@Injectable()
export class CoordinatorDigestScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CoordinatorDigestScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly digests: CoordinatorDigestService) {}

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), DIGEST_TICK_MS);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.digests
      .run()
      .then((n) => {
        if (n) this.logger.log(`coordinator digests written: ${n}`);
      })
      .catch((err: unknown) => this.logger.error({ err }, 'coordinator digest tick failed'))
      .finally(() => (this.running = undefined));
  }
}
