import { NotificationDataRegistry, type Notification } from '@puente/notifications';
import { VolunteerLinksRegistry } from '@puente/safeguarding';
import { CoordinatorDigestService } from '@puente/trips';
import type { Client } from 'pg';
import { startTestApi, TestApi } from '../support/api-app';
import { createOrganization, registerUser, type TestUser } from '../support/factories';
import { connectDb } from '../support/test-env';
import {
  apply,
  createOrgWithCoordinator,
  createTrip,
  daysFromNow,
  Org,
  readyVolunteer,
} from './trip-fixtures';

interface Row {
  id: string;
  dedupe_key: string;
  template: string;
  user_id: string;
  data: Record<string, any>;
  send_at: Date;
  status: string;
}

/** 09:00 UTC, `days` from the date. */
const at9 = (date: string, days: number) => {
  const d = new Date(`${date}T09:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString();
};

describe('trip emails: outbox rows written with each change', () => {
  let api: TestApi;
  let db: Client;
  let o: Org;
  const rows = async (applicationId: string) =>
    (
      await db.query<Row>(
        `SELECT * FROM notifications WHERE dedupe_key LIKE $1 ORDER BY send_at, dedupe_key`,
        [`application:${applicationId}:%`],
      )
    ).rows;
  const act = (id: string, action: string, who: TestUser, body?: unknown) =>
    api.http.post(`/applications/${id}/${action}`, body, { token: who.token });

  beforeAll(async () => {
    api = await startTestApi();
    db = await connectDb(api.env);
    o = await createOrgWithCoordinator(api.http);
  });
  afterAll(async () => {
    await db.end();
    await api.close();
  });

  it('acknowledges a review application, with the trip but never its private location', async () => {
    const trip = await createTrip(api.http, o);
    const v = await readyVolunteer(api.http);
    const app = (await apply(api.http, trip.id, v)).body;
    const [row] = await rows(app.id);
    expect(row).toMatchObject({
      dedupe_key: `application:${app.id}:received`,
      template: 'application-received',
      user_id: v.id,
      status: 'pending',
      data: {
        trip: {
          id: trip.id,
          title: trip.title,
          startDate: trip.startDate,
          endDate: trip.endDate,
          city: 'Antigua Guatemala',
          country: 'GT',
          organizationName: o.org.name,
        },
        application: { id: app.id, status: 'submitted' },
      },
    });
    expect(Object.keys(row.data.trip).sort()).toEqual([
      'city',
      'country',
      'endDate',
      'id',
      'organizationName',
      'startDate',
      'title',
    ]);
  });

  it('on acceptance: the email and the reminders at 09:00 UTC (30, 7, 1 days; 21 days; 3 days after)', async () => {
    const trip = await createTrip(api.http, o);
    const v = await readyVolunteer(api.http);
    const app = (await apply(api.http, trip.id, v)).body;
    await act(app.id, 'accept', o.coordinator);
    const byKey = Object.fromEntries((await rows(app.id)).map((r) => [r.dedupe_key, r]));
    const k = (s: string) => `application:${app.id}:${s}`;
    expect(byKey[k('accepted')].template).toBe('application-accepted');
    expect(byKey[k('accepted')].data.application.status).toBe('accepted');
    const reminders: [string, string, string, number | undefined][] = [
      ['reminder:departure-30d:v1', 'reminder-departure', at9(trip.startDate, -30), 30],
      ['reminder:departure-7d:v1', 'reminder-departure', at9(trip.startDate, -7), 7],
      ['reminder:departure-1d:v1', 'reminder-departure', at9(trip.startDate, -1), 1],
      [
        'reminder:requirements-21d:v1',
        'reminder-requirements',
        at9(trip.startDate, -21),
        undefined,
      ],
      ['reminder:survey:v1', 'survey-post-trip', at9(trip.endDate, 3), undefined],
    ];
    for (const [key, template, sendAt, daysBefore] of reminders) {
      const r = byKey[k(key)];
      expect({ key, template: r?.template, sendAt: r?.send_at.toISOString() }).toEqual({
        key,
        template,
        sendAt,
      });
      expect(r.status).toBe('pending');
      expect(r.data.daysBefore).toBe(daysBefore);
      expect(r.data.trip.id).toBe(trip.id);
    }
    // Confirming schedules again: nothing doubles.
    await act(app.id, 'confirm', o.coordinator);
    const after = await rows(app.id);
    expect(after.filter((r) => r.template === 'reminder-departure')).toHaveLength(3);
    expect(after.find((r) => r.template === 'application-confirmed')).toBeDefined();
  });

  it('writes no reminder whose time has already passed', async () => {
    const trip = await createTrip(api.http, o, {
      startDate: daysFromNow(5),
      endDate: daysFromNow(8),
      applicationDeadline: daysFromNow(2),
      admission: 'auto',
    });
    const app = (await apply(api.http, trip.id, await readyVolunteer(api.http))).body;
    expect(app.status).toBe('accepted');
    const keys = (await rows(app.id)).map((r) => r.dedupe_key.split(':').slice(2).join(':'));
    expect(keys.sort()).toEqual(
      ['accepted', 'reminder:departure-1d:v1', 'reminder:survey:v1'].sort(),
    );
  });

  it('rejection carries the reason and cancels pending reminders; withdrawal cancels them too', async () => {
    const trip = await createTrip(api.http, o, { admission: 'auto', capacity: 1 });
    const a = await readyVolunteer(api.http);
    const appA = (await apply(api.http, trip.id, a)).body;
    const b = await readyVolunteer(api.http);
    const appB = (await apply(api.http, trip.id, b)).body; // waitlisted
    expect((await rows(appB.id)).map((r) => r.template)).toEqual(['application-waitlisted']);
    await act(appA.id, 'withdraw', a, { reason: 'Family reasons' });
    const ofA = await rows(appA.id);
    expect(
      ofA
        .filter((r) => r.template.startsWith('reminder') || r.template === 'survey-post-trip')
        .every((r) => r.status === 'cancelled'),
    ).toBe(true);
    expect(ofA.find((r) => r.template === 'application-withdrawn')?.data.reason).toBe(
      'Family reasons',
    );
    // B was promoted: its own email and reminders.
    const ofB = await rows(appB.id);
    expect(ofB.find((r) => r.template === 'application-promoted')?.data.application.status).toBe(
      'accepted',
    );
    expect(
      ofB.filter((r) => r.template === 'reminder-departure' && r.status === 'pending'),
    ).toHaveLength(3);

    const trip2 = await createTrip(api.http, o);
    const c = await readyVolunteer(api.http);
    const appC = (await apply(api.http, trip2.id, c)).body;
    await act(appC.id, 'reject', o.coordinator, { reason: 'We need nurses this time' });
    const rejected = (await rows(appC.id)).find((r) => r.template === 'application-rejected');
    expect(rejected?.dedupe_key).toBe(`application:${appC.id}:rejected`);
    expect(rejected?.data.reason).toBe('We need nurses this time');
  });

  it('new dates: every applicant told with the previous dates; reminders moved, never at the old time, never twice', async () => {
    const trip = await createTrip(api.http, o, { admission: 'auto', capacity: 1 });
    const a = (await apply(api.http, trip.id, await readyVolunteer(api.http))).body; // accepted
    const b = (await apply(api.http, trip.id, await readyVolunteer(api.http))).body; // waitlisted
    const newStart = daysFromNow(90);
    const newEnd = daysFromNow(100);
    const res = await api.http.patch(
      `/trips/${trip.id}`,
      { startDate: newStart, endDate: newEnd },
      { token: o.coordinator.token },
    );
    expect(res.status).toBe(200);
    for (const app of [a, b]) {
      const changed = (await rows(app.id)).find((r) => r.template === 'trip-dates-changed');
      expect(changed?.data).toMatchObject({
        previous: { startDate: trip.startDate, endDate: trip.endDate },
        trip: { startDate: newStart, endDate: newEnd },
      });
    }
    const reminders = (await rows(a.id)).filter((r) => r.dedupe_key.includes(':reminder:'));
    const pending = reminders.filter((r) => r.status === 'pending');
    expect(pending.map((r) => r.send_at.toISOString()).sort()).toEqual(
      [
        at9(newStart, -30),
        at9(newStart, -21),
        at9(newStart, -7),
        at9(newStart, -1),
        at9(newEnd, 3),
      ].sort(),
    );
    const old = reminders.filter((r) => r.dedupe_key.endsWith(':v1'));
    expect(old).toHaveLength(5);
    expect(old.every((r) => r.status === 'cancelled')).toBe(true);
    // Back to the first dates: a third version, again exactly one pending row per reminder.
    await api.http.patch(
      `/trips/${trip.id}`,
      { startDate: trip.startDate, endDate: trip.endDate },
      { token: o.coordinator.token },
    );
    const third = (await rows(a.id)).filter(
      (r) => r.dedupe_key.includes(':reminder:') && r.status === 'pending',
    );
    expect(third).toHaveLength(5);
    expect(third.every((r) => r.dedupe_key.endsWith(':v3'))).toBe(true);
    // Unchanged dates in an edit: no email.
    const before = (await rows(a.id)).length;
    await api.http.patch(`/trips/${trip.id}`, { title: 'Renamed' }, { token: o.coordinator.token });
    expect((await rows(a.id)).length).toBe(before);
  });

  it('trip cancellation: everyone active told with the reason, every reminder cancelled', async () => {
    const trip = await createTrip(api.http, o, { admission: 'auto', capacity: 1 });
    const a = (await apply(api.http, trip.id, await readyVolunteer(api.http))).body;
    const b = (await apply(api.http, trip.id, await readyVolunteer(api.http))).body;
    await api.http.post(
      `/trips/${trip.id}/cancel`,
      { reason: 'Hurricane warning' },
      {
        token: o.coordinator.token,
      },
    );
    for (const app of [a, b]) {
      const all = await rows(app.id);
      expect(all.find((r) => r.template === 'trip-cancelled')?.data.reason).toBe(
        'Hurricane warning',
      );
      const reminders = all.filter((r) => r.dedupe_key.includes(':reminder:'));
      expect(reminders.every((r) => r.status === 'cancelled')).toBe(true);
    }
  });

  it('never writes the private location into any email', async () => {
    const { rows: leaks } = await db.query(
      `SELECT dedupe_key FROM notifications WHERE data::text LIKE '%Casa segura%' OR data::text LIKE '%privateLocation%'`,
    );
    expect(leaks).toEqual([]);
    expect(
      (await db.query('SELECT count(*)::int AS n FROM notifications')).rows[0].n,
    ).toBeGreaterThan(20);
  });

  it('the requirements reminder says what is outstanding on the day it goes out, or is not sent', async () => {
    const registry = api.app.get(NotificationDataRegistry);
    const read = async (appId: string) => {
      const { rows: r } = await db.query(
        `SELECT id, dedupe_key AS "dedupeKey", template, data FROM notifications
          WHERE dedupe_key LIKE $1 AND template = 'reminder-requirements' AND status = 'pending'`,
        [`application:${appId}:%`],
      );
      return r[0] as Notification;
    };
    const checked = await createTrip(api.http, o, { requiresBackgroundCheck: true });
    const v = await readyVolunteer(api.http);
    const app = (await apply(api.http, checked.id, v)).body;
    await act(app.id, 'accept', o.coordinator);
    const n = await read(app.id);
    const fresh = await registry.resolve(n);
    expect(fresh?.missing).toEqual([expect.stringMatching(/background check/i)]);
    // The profile loses its phone: it says so too.
    await api.http.put(
      '/me/profile',
      { dateOfBirth: '1995-04-12', country: 'US' },
      { token: v.token },
    );
    expect((await registry.resolve(n))?.missing).toEqual(
      expect.arrayContaining([
        'profile: phone number missing',
        'profile: emergency contact missing',
        expect.stringMatching(/background check/i),
      ]),
    );

    const easy = await createTrip(api.http, o, { requiresBackgroundCheck: false });
    const w = await readyVolunteer(api.http);
    const app2 = (await apply(api.http, easy.id, w)).body;
    await act(app2.id, 'accept', o.coordinator);
    const n2 = await read(app2.id);
    expect(await registry.resolve(n2)).toBeNull(); // nothing outstanding: not sent
    await api.http.put('/me/profile', {}, { token: w.token });
    expect((await registry.resolve(n2))?.missing).toEqual(
      expect.arrayContaining([
        'profile: date of birth missing',
        'profile: phone number missing',
        'profile: country missing',
        'profile: emergency contact missing',
      ]),
    );
    await act(app2.id, 'withdraw', w);
    expect(await registry.resolve(n2)).toBeNull(); // no longer on the trip
  });

  it('tells safeguarding which organisations a volunteer is linked to by an active application', async () => {
    const links = api.app.get(VolunteerLinksRegistry);
    const second = await createOrgWithCoordinator(api.http, o.admin);
    const v = await readyVolunteer(api.http);
    expect(await links.activeOrganizationIds(v.id)).toEqual([]);
    const a = (await apply(api.http, (await createTrip(api.http, o)).id, v)).body;
    const b = (await apply(api.http, (await createTrip(api.http, second)).id, v)).body;
    expect((await links.activeOrganizationIds(v.id)).sort()).toEqual(
      [o.org.id, second.org.id].sort(),
    );
    await act(a.id, 'withdraw', v);
    await act(b.id, 'reject', second.coordinator);
    expect(await links.activeOrganizationIds(v.id)).toEqual([]);
  });

  describe('coordinator digest', () => {
    it('goes out at 07:00 in the organisation’s time zone, per coordinator, grouped per trip, once', async () => {
      const digests = api.app.get(CoordinatorDigestService);
      // Guatemala is UTC-6 all year: 07:00 there is 13:00 UTC.
      const org = await createOrganization(api.http, o.admin, {
        name: 'Hogar Digest',
        timeZone: 'America/Guatemala',
      });
      const coordinators: TestUser[] = [];
      for (let i = 0; i < 2; i++) {
        const c = await registerUser(api.http, { name: `Digest Coordinator ${i}` });
        await api.http.post(
          `/organizations/${org.id}/members`,
          { email: c.email, role: 'coordinator' },
          { token: o.admin.token },
        );
        coordinators.push(c);
      }
      const owner: Org = { admin: o.admin, org, coordinator: coordinators[0] };
      const t1 = await createTrip(api.http, owner, { title: 'Trip One' });
      const t2 = await createTrip(api.http, owner, {
        title: 'Trip Two',
        startDate: daysFromNow(61),
      });
      const t3 = await createTrip(api.http, owner, { title: 'Trip Three' });
      const apps: string[] = [];
      for (const trip of [t1, t1, t2])
        apps.push((await apply(api.http, trip.id, await readyVolunteer(api.http))).body.id);
      const late = (await apply(api.http, t3.id, await readyVolunteer(api.http))).body.id;
      // Place them in time: three before 2030-03-10 07:00 local, one just after.
      await db.query(
        `UPDATE trip_applications SET created_at = '2030-03-10T12:00:00Z' WHERE id = ANY($1)`,
        [apps],
      );
      await db.query(
        `UPDATE trip_applications SET created_at = '2030-03-10T13:00:01Z' WHERE id = $1`,
        [late],
      );
      await db.query(
        `INSERT INTO trip_digests (organization_id, covered_until) VALUES ($1, '2030-03-09T13:00:00Z')`,
        [org.id],
      );

      await digests.run(new Date('2030-03-10T12:59:00Z')); // 06:59 local: not yet
      const digestRows = async () =>
        (
          await db.query<Row>(
            `SELECT * FROM notifications WHERE dedupe_key LIKE $1 ORDER BY dedupe_key`,
            [`digest:${org.id}:%`],
          )
        ).rows;
      expect(await digestRows()).toEqual([]);

      await digests.run(new Date('2030-03-10T13:00:00Z')); // 07:00 local
      const sent = await digestRows();
      expect(sent.map((r) => r.dedupe_key).sort()).toEqual(
        coordinators.map((c) => `digest:${org.id}:${c.id}:2030-03-10`).sort(),
      );
      expect(sent[0].template).toBe('coordinator-digest');
      expect(sent[0].data).toEqual({
        organizationName: 'Hogar Digest',
        date: '2030-03-10',
        trips: [
          { id: t1.id, title: 'Trip One', newApplications: 2 },
          { id: t2.id, title: 'Trip Two', newApplications: 1 },
        ],
      });
      // Running again (another worker, the next tick) writes nothing more.
      await digests.run(new Date('2030-03-10T13:05:00Z'));
      expect(await digestRows()).toHaveLength(2);
      // The next day covers what came after the previous cutoff, and only that.
      await digests.run(new Date('2030-03-11T13:01:00Z'));
      const next = (await digestRows()).filter((r) => r.dedupe_key.endsWith('2030-03-11'));
      expect(next).toHaveLength(2);
      expect(next[0].data.trips).toEqual([{ id: t3.id, title: 'Trip Three', newApplications: 1 }]);
      // A day without new applications: no digest.
      await digests.run(new Date('2030-03-12T13:01:00Z'));
      expect((await digestRows()).filter((r) => r.dedupe_key.endsWith('2030-03-12'))).toEqual([]);
    });
  });
});
