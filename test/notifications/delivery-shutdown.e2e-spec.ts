import { spawnedEmailStack } from '../support/email-stack';
import { insertOutboxRows, statusCounts } from '../support/outbox-rows';
import { waitFor } from '../support/processes';
import { withProcessOutput } from '../support/worker-output';

/** SIGTERM (a deploy, a scale-down): the sends in hand finish and are recorded, then the worker exits. */
describe('delivery: graceful shutdown', () => {
  const stack = spawnedEmailStack();
  const startWorker = () => stack.startWorker();

  it(
    'finishes the sends in hand on SIGTERM, loses none and sends none twice',
    () =>
      withProcessOutput(stack.workers, async () => {
        const { smtp, db } = stack;
        smtp.behaviour.delayMs = 250; // ten sends always in flight when the signal comes
        const ids = await insertOutboxRows(
          db,
          Array.from({ length: 120 }, (_, i) => ({ toEmail: `term-${i}@example.org` })),
        );
        const first = startWorker();
        await waitFor('some delivered', async () => smtp.counts().size >= 20, 60_000);
        const signalledAt = Date.now();
        first.child.kill('SIGTERM');
        expect(await first.exited).toBe(0);
        const stopMs = Date.now() - signalledAt;

        // Everything the server accepted is recorded as sent: no send was cut off or left unmarked.
        const delivered = smtp.counts().size;
        const counts = await statusCounts(db);
        expect(counts.sent).toBe(delivered);
        expect(counts.pending).toBe(120 - delivered);
        expect(delivered).toBeLessThan(120);

        const second = startWorker();
        await smtp.waitForCount(120, 60_000);
        await waitFor('all sent', async () => (await statusCounts(db)).sent === 120);
        for (const id of ids) expect(smtp.counts().get(`<${id}@puente.local>`)).toBe(1);
        expect(smtp.duplicates()).toBe(0);
        console.log(
          `sigterm: stopped ${stopMs} ms after the signal with ${delivered}/120 delivered and all of ` +
            `them marked sent; the next worker sent the rest, 0 duplicates`,
        );
        await second.stop();
      }),
    120_000,
  );
});
