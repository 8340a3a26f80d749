import type { Client } from 'pg';
import type { TestUser } from '../support/factories';
import { HttpClient } from '../support/http-client';
import { getFreePort, RunningProcess, startApiProcess } from '../support/processes';
import { connectDb, createTestEnv, TestEnv } from '../support/test-env';
import { bulkVolunteers, createOrgWithCoordinator, createTrip, Org } from './trip-fixtures';

/**
 * Seats under concurrency, against two API processes started from the build over one database:
 * accepted + confirmed never exceed the capacity, and the database agrees with the answers.
 */
describe('seats never overbook, across two API processes', () => {
  let env: TestEnv;
  let procs: RunningProcess[] = [];
  let http: HttpClient[] = [];
  let db: Client;
  let o: Org;

  const seats = async (tripId: string) =>
    (
      await db.query<{ seats_taken: number; capacity: number; seated: number }>(
        `SELECT t.seats_taken, t.capacity,
                (SELECT count(*)::int FROM trip_applications a
                  WHERE a.trip_id = t.id AND a.status IN ('accepted', 'confirmed')) AS seated
           FROM trips t WHERE t.id = $1`,
        [tripId],
      )
    ).rows[0];
  const byStatus = async (tripId: string) =>
    Object.fromEntries(
      (
        await db.query<{ status: string; n: number }>(
          `SELECT status, count(*)::int AS n FROM trip_applications WHERE trip_id = $1 GROUP BY status`,
          [tripId],
        )
      ).rows.map((r) => [r.status, r.n]),
    );
  const applyAll = (tripId: string, volunteers: TestUser[]) =>
    Promise.all(
      volunteers.map((v, i) =>
        http[i % 2].post(
          `/trips/${tripId}/applications`,
          { motivation: 'I would love to help the girls with their homework.' },
          { token: v.token },
        ),
      ),
    );

  beforeAll(async () => {
    env = await createTestEnv();
    const ports = [await getFreePort(), await getFreePort()];
    procs = await Promise.all(ports.map((port) => startApiProcess(env.vars, port)));
    http = ports.map((port) => new HttpClient(`http://127.0.0.1:${port}`));
    db = await connectDb(env);
    o = await createOrgWithCoordinator(http[0]);
  }, 60_000);
  afterAll(async () => {
    await db?.end();
    await Promise.all(procs.map((p) => p.stop()));
  });

  it('200 concurrent applications to an auto trip of capacity 20: 20 accepted, 180 waitlisted', async () => {
    const trip = await createTrip(http[0], o, { admission: 'auto', capacity: 20 });
    const volunteers = await bulkVolunteers(db, 200);
    const answers = await applyAll(trip.id, volunteers);
    const statuses = answers.map((r) => `${r.status} ${r.body.status ?? r.body.code}`);
    const tally = statuses.reduce<Record<string, number>>(
      (t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }),
      {},
    );
    console.log('auto race (200 applications, capacity 20):', tally);
    expect(tally).toEqual({ '201 accepted': 20, '201 waitlisted': 180 });
    expect(await byStatus(trip.id)).toEqual({ accepted: 20, waitlisted: 180 });
    expect(await seats(trip.id)).toEqual({ seats_taken: 20, capacity: 20, seated: 20 });
    const accepted = new Set(
      answers.filter((r) => r.body.status === 'accepted').map((r) => r.body.id),
    );
    const { rows } = await db.query(
      `SELECT id FROM trip_applications WHERE trip_id = $1 AND status = 'accepted'`,
      [trip.id],
    );
    expect(new Set(rows.map((r) => r.id))).toEqual(accepted);
    // Both processes took part.
    expect(answers.filter((_, i) => i % 2 === 1 && _.status === 201)).toHaveLength(100);
  });

  it('100 concurrent accepts on a review trip of capacity 10: 10 accepted, 90 TRIP_FULL', async () => {
    const trip = await createTrip(http[0], o, { admission: 'review', capacity: 10 });
    const applied = await applyAll(trip.id, await bulkVolunteers(db, 100));
    expect(applied.every((r) => r.status === 201 && r.body.status === 'submitted')).toBe(true);
    const answers = await Promise.all(
      applied.map((a, i) =>
        http[i % 2].post(`/applications/${a.body.id}/accept`, undefined, {
          token: o.coordinator.token,
        }),
      ),
    );
    const tally = answers
      .map((r) => `${r.status} ${r.body.status ?? r.body.code}`)
      .reduce<Record<string, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});
    console.log('review race (100 accepts, capacity 10):', tally);
    expect(tally).toEqual({ '200 accepted': 10, '409 TRIP_FULL': 90 });
    expect(await byStatus(trip.id)).toEqual({ accepted: 10, submitted: 90 });
    expect(await seats(trip.id)).toEqual({ seats_taken: 10, capacity: 10, seated: 10 });
    const events = await db.query(
      `SELECT count(*)::int AS n FROM trip_application_events e JOIN trip_applications a ON a.id = e.application_id
        WHERE a.trip_id = $1 AND e.to_status = 'accepted'`,
      [trip.id],
    );
    expect(events.rows[0].n).toBe(10);
  });

  it('concurrent withdrawals promote each waitlisted application at most once', async () => {
    const trip = await createTrip(http[0], o, { admission: 'auto', capacity: 10 });
    const volunteers = await bulkVolunteers(db, 40);
    // Apply in order so "oldest waitlisted" is well defined.
    const apps = [];
    for (const v of volunteers) {
      const r = await http[0].post(
        `/trips/${trip.id}/applications`,
        { motivation: 'I would love to help the girls with their homework.' },
        { token: v.token },
      );
      apps.push({ id: r.body.id as string, status: r.body.status as string, v });
    }
    const accepted = apps.filter((a) => a.status === 'accepted');
    const waitlisted = apps.filter((a) => a.status === 'waitlisted');
    expect([accepted.length, waitlisted.length]).toEqual([10, 30]);
    // Every accepted volunteer and the five oldest waitlisted withdraw, each request sent twice,
    // through both processes at once.
    const leaving = [...accepted, ...waitlisted.slice(0, 5)];
    const answers = await Promise.all(
      leaving.flatMap((a, i) =>
        [0, 1].map((k) =>
          http[(i + k) % 2].post(`/applications/${a.id}/withdraw`, undefined, { token: a.v.token }),
        ),
      ),
    );
    const ok = answers.filter((r) => r.status === 200).length;
    const conflicts = answers.filter((r) => r.status === 409).length;
    console.log(`withdraw race: ${ok} withdrawn, ${conflicts} refused as already withdrawn`);
    expect([ok, conflicts]).toEqual([15, 15]);

    const status = await byStatus(trip.id);
    expect(status).toEqual({ withdrawn: 15, accepted: 10, waitlisted: 15 });
    expect(await seats(trip.id)).toEqual({ seats_taken: 10, capacity: 10, seated: 10 });
    const promotions = await db.query<{ application_id: string; n: number }>(
      `SELECT e.application_id, count(*)::int AS n FROM trip_application_events e
         JOIN trip_applications a ON a.id = e.application_id
        WHERE a.trip_id = $1 AND e.from_status = 'waitlisted' AND e.to_status = 'accepted'
        GROUP BY e.application_id`,
      [trip.id],
    );
    expect(promotions.rows.every((r) => r.n === 1)).toBe(true);
    // Ten seats freed by the accepted ones; a promoted-then-withdrawn one frees another.
    const stillAccepted = new Set(
      (
        await db.query(
          `SELECT id FROM trip_applications WHERE trip_id = $1 AND status = 'accepted'`,
          [trip.id],
        )
      ).rows.map((r) => r.id),
    );
    // The promoted ones are the oldest waitlisted that did not leave.
    expect(stillAccepted).toEqual(new Set(waitlisted.slice(5, 15).map((a) => a.id)));
    const emails = await db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE template = 'application-promoted' AND dedupe_key = ANY($1)`,
      [waitlisted.map((a) => `application:${a.id}:promoted`)],
    );
    expect(emails.rows[0].n).toBe(promotions.rows.length);
  });
});
