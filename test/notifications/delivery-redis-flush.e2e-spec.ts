import { emailJob } from '@puente/notifications';
import Bull from 'bull';
import Redis from 'ioredis';
import { insertOutboxRows, statusCounts } from '../support/outbox-rows';
import { waitFor } from '../support/processes';
import { withProcessOutput } from '../support/worker-output';
import { spawnedEmailStack } from '../support/email-stack';
import { TEST_REDIS_URL } from '../support/test-run';

/**
 * Redis is only a delivery mechanism: after a flush the sweep rebuilds the queue from PostgreSQL.
 * This file has a Redis database of its own (index 7) and empties it with FLUSHDB — FLUSHALL as far
 * as this worker can tell — so the other test files, running in parallel, are not disturbed.
 */
const REDIS_URL = `${TEST_REDIS_URL}/7`;

describe('delivery: Redis flushed', () => {
  const stack = spawnedEmailStack({ env: { REDIS_URL } });
  const startWorker = () => stack.startWorker();
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await redis?.flushdb();
    redis?.disconnect();
  });

  it(
    'delivers every email exactly once when Redis was flushed before the worker started',
    () =>
      withProcessOutput(stack.workers, async () => {
        const { smtp, db, env } = stack;
        const due = await insertOutboxRows(
          db,
          Array.from({ length: 300 }, (_, i) => ({ toEmail: `before-${i}@example.org` })),
        );
        const later = await insertOutboxRows(
          db,
          Array.from({ length: 50 }, (_, i) => ({
            toEmail: `later-${i}@example.org`,
            sendInSeconds: 3,
          })),
        );
        // The API queued the due ones after commit, as it does...
        const queue = new Bull('email', { redis: REDIS_URL, prefix: env.queuePrefix });
        await queue.addBulk(due.map(emailJob));
        expect(await queue.count()).toBe(300);
        await queue.close();
        // ...then Redis lost everything.
        await redis.flushdb();
        expect(await redis.dbsize()).toBe(0);

        const worker = startWorker();
        await smtp.waitForCount(350, 60_000);
        await waitFor('all rows sent', async () => (await statusCounts(db)).sent === 350);
        expect(smtp.received).toHaveLength(350);
        expect(smtp.duplicates()).toBe(0);
        // The later ones waited for their time.
        const { rows } = await db.query(
          'SELECT count(*)::int AS early FROM notifications WHERE id = ANY($1) AND sent_at < send_at',
          [later],
        );
        expect(rows[0].early).toBe(0);
        await worker.stop();
      }),
    120_000,
  );

  it(
    'delivers every email exactly once when Redis is flushed while the worker is sending',
    () =>
      withProcessOutput(stack.workers, async () => {
        const { smtp, db } = stack;
        smtp.received.length = 0;
        smtp.behaviour.delayMs = 10;
        const ids = await insertOutboxRows(
          db,
          Array.from({ length: 500 }, (_, i) => ({ toEmail: `during-${i}@example.org` })),
        );
        const worker = startWorker();
        await waitFor('some delivered', async () => smtp.counts().size >= 150, 60_000);
        await redis.flushdb();
        const atFlush = smtp.counts().size;
        const flushedAt = Date.now();
        expect(atFlush).toBeLessThan(500);
        await smtp.waitForCount(500, 60_000);
        await waitFor('all rows sent', async () => {
          const { rows } = await db.query(
            `SELECT count(*)::int AS n FROM notifications WHERE id = ANY($1) AND status = 'sent'`,
            [ids],
          );
          return rows[0].n === 500;
        });
        expect(smtp.received).toHaveLength(500);
        expect(smtp.duplicates()).toBe(0);
        const lastAt = Math.max(...smtp.received.map((m) => m.at));
        console.log(
          `redis flush: flushed after ${atFlush}/500 delivered; the rest arrived within ` +
            `${((lastAt - flushedAt) / 1000).toFixed(1)} s; 500 received, ${smtp.duplicates()} duplicates`,
        );
        await worker.stop();
      }),
    120_000,
  );
});
