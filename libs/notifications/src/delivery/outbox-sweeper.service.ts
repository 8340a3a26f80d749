import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, Env, QUEUES, type SendEmailJob } from '@puente/platform';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { emailJob } from '../outbox/email-job';

/** Any fixed number; the same in every worker (the migration lock is 727_001). */
const SWEEP_LOCK_ID = 727_002;
const BATCH = 1000;
/** A sweep queues at most this many rows; the next sweep goes on from the oldest still pending. */
const MAX_BATCHES = 10;
const REDIS_TIMEOUT_MS = 15_000;

/**
 * Queues the pending rows that are due, oldest first, with job id = row id. This is what sends
 * reminders when their time comes and repairs what a Redis flush, a crash or downtime dropped.
 * Each worker runs it from a timer in its own memory (not a repeatable Bull job, whose schedule
 * lives in Redis and would vanish with a FLUSHALL); a PostgreSQL advisory lock lets one worker at
 * a time do it, and job ids make an overlap harmless anyway.
 */
@Injectable()
export class OutboxSweeper {
  private readonly logger = new Logger(OutboxSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.email) private readonly queue: Queue<SendEmailJob>,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.sweep()
        .catch((err: Error) =>
          this.logger.error({ err: err.message }, 'outbox sweep failed; trying again next time'),
        )
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.schedule(this.env.OUTBOX_SWEEP_MS);
        });
    }, delayMs);
  }

  /**
   * One sweep; answers how many rows it queued (0 when another worker holds the lock, or when a
   * backlog is already waiting in Bull: re-adding it would be thousands of no-ops competing with
   * the sends; the sweep after the backlog drains catches anything that is missing).
   */
  async sweep(): Promise<number> {
    const waiting = await withTimeout(
      this.queue.getWaitingCount(),
      REDIS_TIMEOUT_MS,
      'Redis did not answer',
    );
    if (waiting >= BATCH) return 0;
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [
        SWEEP_LOCK_ID,
      ])) as { locked: boolean }[];
      if (!locked) return 0;
      const now = this.clock.now();
      let after: [string, string] | null = null;
      let queued = 0;
      for (let batch = 0; batch < MAX_BATCHES; batch++) {
        const rows = (await manager.query(
          `SELECT id, send_at::text AS at FROM notifications
            WHERE status = 'pending' AND send_at <= $1
              AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
              AND ($2::timestamptz IS NULL OR (send_at, id) > ($2::timestamptz, $3::uuid))
            ORDER BY send_at, id
            LIMIT $4`,
          [now, after?.[0] ?? null, after?.[1] ?? null, BATCH],
        )) as { id: string; at: string }[];
        if (!rows.length) break;
        await withTimeout(
          this.queue.addBulk(rows.map((r) => emailJob(r.id))),
          REDIS_TIMEOUT_MS,
          'Redis did not answer',
        );
        queued += rows.length;
        const last = rows[rows.length - 1];
        after = [last.at, last.id];
        if (rows.length < BATCH) break;
      }
      if (queued) this.logger.log({ queued }, 'outbox sweep queued due emails');
      return queued;
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
