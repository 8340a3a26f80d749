import { RowClaim, RowClaims, type RowOutcome } from '@puente/notifications/delivery/row-claims';
import { Env } from '@puente/platform';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { insertOutboxRows } from '../support/outbox-rows';
import { waitFor } from '../support/processes';
import { connectDb, createTestEnv } from '../support/test-env';

const COLUMNS = ['id', 'status', 'attempts'];
type Row = { id: string; status: string; attempts: number };

/** Two workers' claims (each a connection of its own) on one test database. */
describe('RowClaims: who may send an outbox row', () => {
  let db: Client;
  let first: RowClaims;
  let second: RowClaims;

  beforeAll(async () => {
    const env = await createTestEnv();
    db = await connectDb(env);
    const config = Object.assign(new Env(), { DATABASE_URL: env.databaseUrl });
    first = new RowClaims(config);
    second = new RowClaims(config);
  });
  afterAll(async () => {
    await first?.onApplicationShutdown();
    await second?.onApplicationShutdown();
    await db?.end();
  });

  /** Claims the row as soon as it is free (a release or a lost connection frees it shortly). */
  const claimOnceFree = async (claims: RowClaims, id: string): Promise<RowClaim<Row>> => {
    let claim: RowClaim<Row> | null = null;
    await waitFor(`row ${id} claimable`, async () => {
      claim = await claims.claim<Row>(id, COLUMNS).catch(() => null);
      return claim !== null;
    });
    return claim as unknown as RowClaim<Row>;
  };
  const sent: RowOutcome = {
    status: 'sent',
    attempted: true,
    sentAt: new Date(),
    messageId: '<m@puente.local>',
    smtpResponse: '250 OK',
  };
  const advisoryLocks = async () =>
    (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database
                                                       WHERE datname = current_database())`,
      )
    ).rows[0].n;

  it('gives a row to one claimant at a time, across workers and within one', async () => {
    const [id] = await insertOutboxRows(db, [{}]);
    const claims = await Promise.all([
      first.claim<Row>(id, COLUMNS),
      first.claim<Row>(id, COLUMNS),
      second.claim<Row>(id, COLUMNS),
      second.claim<Row>(id, COLUMNS),
    ]);
    const winners = claims.filter((c) => c !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0].row).toEqual({ id, status: 'pending', attempts: 0 });

    // Held: nobody else gets it until the outcome is committed, then they read that outcome.
    expect(await second.claim(id, COLUMNS)).toBeNull();
    expect(await first.claim(id, COLUMNS)).toBeNull();
    await winners[0].commit(sent);
    const next = await second.claim<Row>(id, COLUMNS);
    expect(next?.row.status).toBe('sent');
    await next!.commit();
    expect(await advisoryLocks()).toBe(0);
  });

  it('splits 200 rows claimed by two workers at once: each row to exactly one', async () => {
    const ids = await insertOutboxRows(
      db,
      Array.from({ length: 200 }, () => ({})),
    );
    const attempts = ids.flatMap((id) => [
      first.claim<Row>(id, COLUMNS).then((c) => ({ id, c })),
      second.claim<Row>(id, COLUMNS).then((c) => ({ id, c })),
    ]);
    const won = (await Promise.all(attempts)).filter((a) => a.c !== null);
    expect(won.map((w) => w.id).sort()).toEqual([...ids].sort());
    expect(await advisoryLocks()).toBe(200);

    await Promise.all(won.map((w) => w.c!.commit(sent)));
    const { rows } = await db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM notifications WHERE id = ANY($1) GROUP BY status`,
      [ids],
    );
    expect(rows).toEqual([{ status: 'sent', n: 200 }]);
    expect(await advisoryLocks()).toBe(0);
  });

  it('writes each row its own outcome, leaving alone a row the API changed meanwhile', async () => {
    const ids = await insertOutboxRows(db, [
      { data: { link: 'https://puente.test/reset?token=secret', keep: 1 } },
      {},
      {},
      {},
    ]);
    const [sentRow, failedRow, retryRow, droppedRow] = ids;
    const claims = await Promise.all(ids.map((id) => first.claim<Row>(id, COLUMNS)));
    expect(claims.every((c) => c !== null)).toBe(true);
    // The API cancels two rows while they are claimed: a send is still recorded, a drop is not.
    await db.query(`UPDATE notifications SET status = 'cancelled' WHERE id = ANY($1)`, [
      [sentRow, droppedRow],
    ]);
    const retryAt = new Date(Date.now() + 60_000);
    await Promise.all([
      claims[0]!.commit({ ...sent, smtpResponse: "250 it's\0 queued", eraseKeys: ['link'] }),
      claims[1]!.commit({ status: 'failed', attempted: true, lastError: '550 no such user' }),
      claims[2]!.commit({
        attempted: true,
        lastError: '451 later',
        nextAttemptAt: retryAt,
        onlyIfPending: true,
      }),
      claims[3]!.commit({ status: 'failed', lastError: 'unknown template', onlyIfPending: true }),
    ]);
    const { rows } = await db.query(
      `SELECT id, status, attempts, smtp_response, message_id, last_error, next_attempt_at, data
         FROM notifications WHERE id = ANY($1)`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(sentRow)).toMatchObject({
      status: 'sent',
      attempts: 1,
      smtp_response: "250 it's queued",
      message_id: '<m@puente.local>',
      last_error: null,
      data: { keep: 1 },
    });
    expect(byId.get(failedRow)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: '550 no such user',
    });
    expect(byId.get(retryRow)).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: '451 later',
    });
    expect(byId.get(retryRow).next_attempt_at.getTime()).toBe(retryAt.getTime());
    expect(byId.get(droppedRow)).toMatchObject({
      status: 'cancelled',
      attempts: 0,
      last_error: null,
    });
    expect(await advisoryLocks()).toBe(0);
  });

  it('lets a row go when a claim is released without an outcome, leaving the row as it was', async () => {
    const [id] = await insertOutboxRows(db, [{}]);
    const claim = await first.claim<Row>(id, COLUMNS);
    expect(claim).not.toBeNull();
    claim!.release();
    const again = await claimOnceFree(second, id);
    expect(again.row.status).toBe('pending');
    await again.commit();
  });

  it('answers null for a missing row or a malformed id, and keeps no lock for it', async () => {
    expect(await first.claim(randomUUID(), COLUMNS)).toBeNull();
    expect(await first.claim('not-a-uuid', COLUMNS)).toBeNull();
    await waitFor('no advisory lock left', async () => (await advisoryLocks()) === 0);
  });

  it('frees the rows of a worker whose connection dies, and that worker carries on', async () => {
    const [held, later] = await insertOutboxRows(db, [{}, {}]);
    expect(await first.claim(held, COLUMNS)).not.toBeNull();
    expect(await second.claim(held, COLUMNS)).toBeNull();

    // What PostgreSQL does when a worker is killed: its session ends, its advisory locks go.
    await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
        WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database
                                                     WHERE datname = current_database())`,
    );
    await (await claimOnceFree(second, held)).commit();

    // The first worker reconnects on its next claim.
    const claim = await claimOnceFree(first, later);
    expect(claim.row).toEqual({ id: later, status: 'pending', attempts: 0 });
    await claim.commit();
  });
});
