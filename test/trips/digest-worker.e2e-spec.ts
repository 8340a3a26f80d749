import { startTestApi, TestApi } from '../support/api-app';
import { startProcess, waitFor, WORKER_MAIN, type RunningProcess } from '../support/processes';
import { connectDb } from '../support/test-env';
import { apply, createOrgWithCoordinator, createTrip, readyVolunteer } from './trip-fixtures';

describe('coordinator digest from the worker process', () => {
  let api: TestApi;
  let worker: RunningProcess | undefined;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await worker?.stop();
    await api.close();
  });

  it('writes the digest that has fallen due as soon as the worker starts', async () => {
    const o = await createOrgWithCoordinator(api.http); // time zone UTC
    const trip = await createTrip(api.http, o, { title: 'Digest trip' });
    const app = (await apply(api.http, trip.id, await readyVolunteer(api.http))).body;
    // The last 07:00 UTC that has passed, and an application an hour before it.
    const now = new Date();
    const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 7));
    if (cutoff > now) cutoff.setUTCDate(cutoff.getUTCDate() - 1);
    const day = cutoff.toISOString().slice(0, 10);
    const db = await connectDb(api.env);
    try {
      await db.query(`UPDATE trip_applications SET created_at = $2 WHERE id = $1`, [
        app.id,
        new Date(cutoff.getTime() - 3600_000),
      ]);
      worker = startProcess(WORKER_MAIN, api.env.vars);
      const row = await waitFor(
        'the digest row',
        async () =>
          (
            await db.query(
              `SELECT dedupe_key, template, data FROM notifications WHERE dedupe_key = $1`,
              [`digest:${o.org.id}:${o.coordinator.id}:${day}`],
            )
          ).rows[0],
        60_000,
      );
      expect(row.template).toBe('coordinator-digest');
      expect(row.data.trips).toEqual([{ id: trip.id, title: 'Digest trip', newApplications: 1 }]);
      const { rows } = await db.query(
        `SELECT covered_until FROM trip_digests WHERE organization_id = $1`,
        [o.org.id],
      );
      expect(rows[0].covered_until.toISOString()).toBe(cutoff.toISOString());
    } finally {
      await db.end();
    }
  }, 90_000);
});
