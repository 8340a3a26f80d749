import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Env } from '@puente/platform';
import { CheckRunner } from '../services/check-runner.service';
import { SafeguardingMaintenanceService } from '../services/safeguarding-maintenance.service';

/**
 * The worker's clock tick, every BACKGROUND_CHECK_REPAIR_MS: re-drive checks whose jobs were
 * lost, and run the daily job once a day. A timer and database rows, not Redis: a flushed
 * Redis loses nothing here.
 */
@Injectable()
export class SafeguardingScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SafeguardingScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly runner: CheckRunner,
    private readonly maintenance: SafeguardingMaintenanceService,
    private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.env.BACKGROUND_CHECK_REPAIR_MS);
    void this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One tick; a tick still running when the next is due makes that one a no-op. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        await this.runner.repair();
        await this.maintenance.runIfDue();
      } catch (err) {
        this.logger.error({ err: (err as Error).message }, 'safeguarding tick failed');
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
