import { JOBS_PER_CONNECTION } from '@puente/notifications/delivery/email-sender.processor';
import { spawnedEmailStack } from '../support/email-stack';
import { insertOutboxRows, statusCounts } from '../support/outbox-rows';
import { waitFor } from '../support/processes';
import { withProcessOutput } from '../support/worker-output';

const CONCURRENCY = 10;
/** What the worker had taken when it died: at most these can have been sent and not recorded. */
const IN_HAND = CONCURRENCY * JOBS_PER_CONNECTION;
const TOTAL = 1000;

/** Nothing is lost when a worker dies mid-batch; a duplicate is possible only for an email in hand. */
describe('delivery: a worker killed with SIGKILL mid-way', () => {
  const stack = spawnedEmailStack();

  it(
    `delivers all ${TOTAL} emails; duplicates (by Message-ID) at most the ${IN_HAND} in hand`,
    () =>
      withProcessOutput(stack.workers, async () => {
        const { smtp, db } = stack;
        // Slow enough answers that the kill lands mid-batch with sends in flight.
        smtp.behaviour.delayMs = 20;
        const ids = await insertOutboxRows(
          db,
          Array.from({ length: TOTAL }, (_, i) => ({ toEmail: `volunteer-${i}@example.org` })),
        );
        const began = Date.now();
        const first = stack.startWorker({ EMAIL_CONCURRENCY: String(CONCURRENCY) });
        await waitFor('a third delivered', async () => smtp.counts().size >= TOTAL / 3, 60_000);
        first.child.kill('SIGKILL');
        expect(await first.exited).toBe('SIGKILL');
        const atKill = smtp.counts().size;
        const sentAtKill = (await statusCounts(db)).sent ?? 0;
        expect(atKill).toBeLessThan(TOTAL);

        const restarted = Date.now();
        const second = stack.startWorker({ EMAIL_CONCURRENCY: String(CONCURRENCY) });
        await smtp.waitForCount(TOTAL, 120_000);
        await waitFor(
          'every row marked sent',
          async () => (await statusCounts(db)).sent === TOTAL,
          30_000,
        );

        const counts = smtp.counts();
        for (const id of ids) expect(counts.get(`<${id}@puente.local>`)).toBeGreaterThanOrEqual(1);
        const duplicates = smtp.duplicates();
        expect(duplicates).toBeLessThanOrEqual(IN_HAND);
        expect(await statusCounts(db)).toEqual({ sent: TOTAL });
        console.log(
          `crash: killed after ${atKill}/${TOTAL} delivered (${sentAtKill} marked sent); ` +
            `restarted worker finished in ${((Date.now() - restarted) / 1000).toFixed(1)} s ` +
            `(total ${((Date.now() - began) / 1000).toFixed(1)} s); ${smtp.received.length} messages received, ` +
            `${duplicates} duplicate(s) (limit ${IN_HAND}: ${CONCURRENCY} sends in flight, ` +
            `${IN_HAND} jobs in hand)`,
        );
        await second.stop();
      }),
    180_000,
  );
});
