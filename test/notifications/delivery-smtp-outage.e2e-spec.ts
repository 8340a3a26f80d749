import { spawnedEmailStack } from '../support/email-stack';
import { insertOutboxRows, statusCounts } from '../support/outbox-rows';
import { waitFor } from '../support/processes';
import { withProcessOutput } from '../support/worker-output';

const CONCURRENCY = 10;

/** SMTP trouble: refused connections and dropped sessions are retried; a 550 fails at once. */
describe('delivery: the SMTP server goes away and comes back', () => {
  const stack = spawnedEmailStack({ smtpDown: true }); // down: connections are refused
  beforeAll(() => {
    stack.startWorker({ EMAIL_CONCURRENCY: String(CONCURRENCY) });
  });

  const attempted = async (min: number) => {
    const { rows } = await stack.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE attempts >= $1`,
      [min],
    );
    return rows[0].n;
  };

  it(
    'delivers everything, marks nothing failed, when the server refuses connections for a while',
    () =>
      withProcessOutput(stack.workers, async () => {
        const { smtp, db } = stack;
        const ids = await insertOutboxRows(
          db,
          Array.from({ length: 200 }, (_, i) => ({ toEmail: `outage-${i}@example.org` })),
        );
        // Every row tried and refused, some more than once, before the server comes up.
        await waitFor('every row tried', async () => (await attempted(1)) === 200, 60_000);
        await waitFor('retries under way', async () => (await attempted(2)) >= 50, 60_000);
        const { rows: errors } = await db.query<{ last_error: string }>(
          'SELECT DISTINCT last_error FROM notifications',
        );
        expect(errors.map((e) => e.last_error).join('\n')).toMatch(/ECONNREFUSED/);
        expect(await statusCounts(db)).toEqual({ pending: 200 });

        const upAt = Date.now();
        await smtp.up();
        await smtp.waitForCount(200, 90_000);
        await waitFor('all sent', async () => (await statusCounts(db)).sent === 200, 30_000);
        expect(await statusCounts(db)).toEqual({ sent: 200 });
        const counts = smtp.counts();
        for (const id of ids) expect(counts.get(`<${id}@puente.local>`)).toBe(1);
        const { rows } = await db.query<{ max: number }>(
          'SELECT max(attempts)::int AS max FROM notifications',
        );
        console.log(
          `smtp outage: 200 emails refused (up to ${rows[0].max} attempts each), all delivered ` +
            `${((Math.max(...smtp.received.map((m) => m.at)) - upAt) / 1000).toFixed(1)} s after the ` +
            `server came back; 0 failed, ${smtp.duplicates()} duplicates`,
        );
      }),
    150_000,
  );

  it(
    'retries sends cut off when the server drops its sessions mid-stream',
    () =>
      withProcessOutput(stack.workers, async () => {
        const { smtp, db } = stack;
        smtp.received.length = 0;
        smtp.behaviour.delayMs = 20;
        const ids = await insertOutboxRows(
          db,
          Array.from({ length: 300 }, (_, i) => ({ toEmail: `cut-${i}@example.org` })),
        );
        await waitFor('some delivered', async () => smtp.counts().size >= 60, 60_000);
        await smtp.down(); // drops open sessions (421) and refuses new ones
        await waitFor('refusals recorded', async () => {
          const { rows } = await db.query(
            `SELECT count(*)::int AS n FROM notifications WHERE id = ANY($1) AND last_error IS NOT NULL`,
            [ids],
          );
          return rows[0].n > 0;
        });
        await smtp.up();
        await waitFor(
          'all sent',
          async () => {
            const { rows } = await db.query(
              `SELECT count(*)::int AS n FROM notifications WHERE id = ANY($1) AND status = 'sent'`,
              [ids],
            );
            return rows[0].n === 300;
          },
          90_000,
        );
        for (const id of ids)
          expect(smtp.counts().get(`<${id}@puente.local>`)).toBeGreaterThanOrEqual(1);
        // A message whose 250 was lost with the session can come twice: at most the sends in flight.
        expect(smtp.duplicates()).toBeLessThanOrEqual(CONCURRENCY);
        expect((await statusCounts(db)).failed ?? 0).toBe(0);
      }),
    150_000,
  );

  it(
    'fails a 550 at once, without retrying, and leaves the others alone',
    () =>
      withProcessOutput(stack.workers, async () => {
        const { smtp, db } = stack;
        smtp.behaviour.delayMs = 0;
        smtp.behaviour.rejectRecipient = (address) =>
          address === 'gone@example.org' ? { code: 550, message: '5.1.1 User unknown' } : null;
        const [bounced, fine] = await insertOutboxRows(db, [
          { toEmail: 'gone@example.org' },
          { toEmail: 'here@example.org' },
        ]);
        await waitFor('both settled', async () => {
          const { rows } = await db.query(
            `SELECT count(*)::int AS n FROM notifications WHERE id = ANY($1) AND status <> 'pending'`,
            [[bounced, fine]],
          );
          return rows[0].n === 2;
        });
        const { rows } = await db.query(
          'SELECT id, status, attempts, last_error, next_attempt_at FROM notifications WHERE id = ANY($1)',
          [[bounced, fine]],
        );
        const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
        expect(byId[bounced]).toMatchObject({
          status: 'failed',
          attempts: 1,
          next_attempt_at: null,
        });
        expect(byId[bounced].last_error).toMatch(/550.*User unknown/);
        expect(byId[fine]).toMatchObject({ status: 'sent', attempts: 1 });
      }),
    60_000,
  );
});
