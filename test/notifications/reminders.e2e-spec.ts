import { OutboxSweeper } from '@puente/notifications/delivery/outbox-sweeper.service';
import { OutboxService, emailJob, type OutboxMessage } from '@puente/notifications';
import { Clock, QUEUES } from '@puente/platform';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { registerUser, type TestUser } from '../support/factories';
import { sampleTrip } from '../support/outbox-rows';
import { waitFor } from '../support/processes';
import { connectDb } from '../support/test-env';
import { inProcessEmailStack } from '../support/email-stack';

const DAY = 86_400_000;

/**
 * Scheduled emails with the clock under the test's control: the worker runs in this process and
 * the test moves its Clock; sweeps are called directly so "not sent yet" needs no waiting.
 */
describe('reminders: scheduled emails go when due, never early, and follow reschedules and cancels', () => {
  const stack = inProcessEmailStack({
    // A long sweep period: the test runs the sweeps itself.
    OUTBOX_SWEEP_MS: '3600000',
  });
  let user: TestUser;
  let start: number;

  beforeAll(async () => {
    user = await registerUser(stack.api.http);
  });
  beforeEach(() => {
    start = Date.now();
    stack.worker.get(Clock).reset();
    stack.api.app.get(Clock).reset();
  });

  // Each test counts what the sweep finds: leave nothing pending for the next one.
  afterEach(async () => {
    const db = await connectDb(stack.api.env);
    await db.query(`UPDATE notifications SET status = 'cancelled' WHERE status = 'pending'`);
    await db.end();
  });

  const travel = (ms: number) => stack.worker.get(Clock).travelTo(new Date(start + ms));
  const sweep = () => stack.worker.get(OutboxSweeper).sweep();

  async function schedule(messages: Omit<OutboxMessage, 'userId'>[]) {
    const outbox = stack.api.app.get(OutboxService);
    const results = await stack.api.app.get(DataSource).transaction(async (m) => {
      const out = [];
      for (const msg of messages) out.push(await outbox.enqueue(m, { ...msg, userId: user.id }));
      return out;
    });
    await outbox.dispatch(results);
    return results;
  }

  async function statusOf(id: string): Promise<string> {
    const db = await connectDb(stack.api.env);
    try {
      return (await db.query('SELECT status FROM notifications WHERE id = $1', [id])).rows[0]
        .status;
    } finally {
      await db.end();
    }
  }

  const arrived = (id: string) =>
    stack.smtp.received.some((m) => m.messageId.startsWith(`<${id}@`));
  const departure = (key: string, sendAt: Date, daysBefore = 7) => ({
    dedupeKey: key,
    template: 'reminder-departure',
    data: { trip: sampleTrip(), daysBefore },
    sendAt,
  });

  it('is not sent before its time, and is sent by the sweep once due', async () => {
    const [r] = await schedule([departure(`r1:${start}`, new Date(start + 30 * DAY))]);
    expect(r).toMatchObject({ dueNow: false });
    expect(await sweep()).toBe(0);

    travel(30 * DAY - 60_000);
    expect(await sweep()).toBe(0);
    expect(await statusOf(r!.id)).toBe('pending');

    travel(30 * DAY + 60_000);
    expect(await sweep()).toBe(1);
    const mail = await stack.smtp.waitForMail({ messageId: `<${r!.id}@puente.local>` });
    expect(mail.subject).toMatch(/starts in 7 days/);
    await waitFor('sent', async () => (await statusOf(r!.id)) === 'sent');
    expect(await sweep()).toBe(0);
  });

  it('is not sent early even when a job for it reaches the worker', async () => {
    const [r] = await schedule([departure(`r2:${start}`, new Date(start + 7 * DAY))]);
    const queue = stack.api.app.get<Queue>(getQueueToken(QUEUES.email), { strict: false });
    const job = await queue.add(
      emailJob(r!.id).name,
      { notificationId: r!.id },
      emailJob(r!.id).opts,
    );
    await waitFor('the job processed', async () => (await queue.getJob(job.id)) === null);
    expect(await statusOf(r!.id)).toBe('pending');
    expect(arrived(r!.id)).toBe(false);
  });

  it('follows a reschedule: not at the old time, at the new one', async () => {
    const key = `r3:${start}`;
    const [r] = await schedule([departure(key, new Date(start + 10 * DAY))]);
    const moved = await stack.api.app
      .get(DataSource)
      .transaction((m) =>
        stack.api.app.get(OutboxService).reschedule(m, key, new Date(start + 20 * DAY)),
      );
    expect(moved).toBe(1);

    travel(15 * DAY);
    expect(await sweep()).toBe(0);
    travel(20 * DAY + 1000);
    expect(await sweep()).toBe(1);
    await stack.smtp.waitForMail({ messageId: `<${r!.id}@puente.local>` });
  });

  it('never sends cancelled reminders, and leaves other keys alone', async () => {
    const prefix = `application:${start}:reminder:`;
    const rows = await schedule([
      departure(`${prefix}departure-30d`, new Date(start + 2 * DAY), 30),
      departure(`${prefix}departure-7d`, new Date(start + 3 * DAY), 7),
      departure(`other:${start}:reminder:departure-1d`, new Date(start + 4 * DAY), 1),
    ]);
    const cancelled = await stack.api.app
      .get(DataSource)
      .transaction((m) => stack.api.app.get(OutboxService).cancelPending(m, prefix));
    expect(cancelled).toBe(2);

    travel(5 * DAY);
    expect(await sweep()).toBe(1);
    await stack.smtp.waitForMail({ messageId: `<${rows[2]!.id}@puente.local>` });
    expect(await statusOf(rows[0]!.id)).toBe('cancelled');
    expect(await statusOf(rows[1]!.id)).toBe('cancelled');
    expect(arrived(rows[0]!.id) || arrived(rows[1]!.id)).toBe(false);
  });

  it('does not write a reminder whose time has already passed (never sent late)', async () => {
    stack.api.app.get(Clock).travelTo(new Date(start + 10 * DAY));
    const [late, onTime] = await schedule([
      { ...departure(`r5:${start}:late`, new Date(start + 9 * DAY)), skipIfPast: true },
      { ...departure(`r5:${start}:ok`, new Date(start + 11 * DAY)), skipIfPast: true },
    ]);
    expect(late).toBeNull();
    expect(onTime).toMatchObject({ dueNow: false });
  });

  it('writes each dedupe key once: scheduling twice is a no-op', async () => {
    const key = `r6:${start}`;
    const [first] = await schedule([departure(key, new Date(start + DAY))]);
    const [second] = await schedule([departure(key, new Date(start + 2 * DAY))]);
    expect(first).not.toBeNull();
    expect(second).toBeNull();
  });
});
