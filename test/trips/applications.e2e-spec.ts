import { startTestApi, TestApi } from '../support/api-app';
import { registerUser, type TestUser } from '../support/factories';
import { connectDb } from '../support/test-env';
import {
  apply,
  createOrgWithCoordinator,
  createTrip,
  daysFromNow,
  Org,
  readyVolunteer,
} from './trip-fixtures';

describe('trip applications: eligibility, review, seats, history, authorisation', () => {
  let api: TestApi;
  let o: Org;
  let other: Org;

  const act = (id: string, action: string, who: TestUser, body?: unknown) =>
    api.http.post(`/applications/${id}/${action}`, body, { token: who.token });
  const count = async (sql: string, params: unknown[] = []) => {
    const db = await connectDb(api.env);
    try {
      return (await db.query(sql, params)).rows[0].n as number;
    } finally {
      await db.end();
    }
  };

  beforeAll(async () => {
    api = await startTestApi();
    o = await createOrgWithCoordinator(api.http);
    other = await createOrgWithCoordinator(api.http, o.admin);
  });
  afterAll(async () => api.close());

  describe('applying', () => {
    it('starts at submitted on a review trip, with the creation in the history', async () => {
      const trip = await createTrip(api.http, o);
      const v = await readyVolunteer(api.http);
      const res = await apply(api.http, trip.id, v);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        tripId: trip.id,
        status: 'submitted',
        trip: { id: trip.id, title: trip.title, organization: { id: o.org.id } },
        volunteer: { id: v.id, email: v.email },
        history: [{ from: null, to: 'submitted', by: v.id }],
      });
      expect(res.body.trip).not.toHaveProperty('privateLocation');
      const read = await api.http.get(`/applications/${res.body.id}`, { token: v.token });
      expect(read.body.history).toEqual([
        expect.objectContaining({ from: null, to: 'submitted', by: v.id, reason: null }),
      ]);
    });

    it('accepts on an auto trip while seats remain, then waitlists', async () => {
      const trip = await createTrip(api.http, o, { admission: 'auto', capacity: 2 });
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        const res = await apply(api.http, trip.id, await readyVolunteer(api.http));
        expect(res.status).toBe(201);
        statuses.push(res.body.status);
      }
      expect(statuses).toEqual(['accepted', 'accepted', 'waitlisted', 'waitlisted']);
      expect((await api.http.get(`/trips/${trip.id}`)).body.seatsRemaining).toBe(0);
    });

    it('refuses a second active application with 409, allows a new one after withdrawing', async () => {
      const trip = await createTrip(api.http, o);
      const v = await readyVolunteer(api.http);
      const first = await apply(api.http, trip.id, v);
      const second = await apply(api.http, trip.id, v);
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('ALREADY_APPLIED');
      expect((await act(first.body.id, 'withdraw', v)).status).toBe(200);
      expect((await apply(api.http, trip.id, v)).status).toBe(201);
    });

    it('refuses after the deadline (422), writing nothing', async () => {
      const trip = await createTrip(api.http, o, { applicationDeadline: daysFromNow(-1) });
      const v = await readyVolunteer(api.http);
      const res = await apply(api.http, trip.id, v);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('NOT_ELIGIBLE');
      expect(res.body.reasons).toEqual([expect.stringMatching(/deadline/)]);
      expect(
        await count('SELECT count(*)::int AS n FROM trip_applications WHERE trip_id = $1', [
          trip.id,
        ]),
      ).toBe(0);
    });

    it('refuses a trip that is not open (closed: 422; draft: 404)', async () => {
      const closed = await createTrip(api.http, o);
      await api.http.post(`/trips/${closed.id}/close`, undefined, { token: o.coordinator.token });
      const v = await readyVolunteer(api.http);
      const res = await apply(api.http, closed.id, v);
      expect(res.status).toBe(422);
      expect(res.body.reasons).toEqual([expect.stringMatching(/not open for applications/)]);
      const draft = await createTrip(api.http, o, {}, false);
      expect((await apply(api.http, draft.id, v)).status).toBe(404);
    });

    it('refuses a volunteer under the minimum age on the start date', async () => {
      const trip = await createTrip(api.http, o, { minAge: 21 });
      const born = daysFromNow(60 - 21 * 365 + 10); // turns 21 a few days after the start
      const v = await readyVolunteer(api.http, { dateOfBirth: born });
      const res = await apply(api.http, trip.id, v);
      expect(res.status).toBe(422);
      expect(res.body.reasons).toEqual([expect.stringMatching(/minimum age is 21/)]);
    });

    it('needs a passport valid 6 months after the end for a trip abroad only', async () => {
      const trip = await createTrip(api.http, o, { country: 'GT' });
      const endPlus6 = (() => {
        const d = new Date(`${trip.endDate}T00:00:00Z`);
        d.setUTCMonth(d.getUTCMonth() + 6);
        return d.toISOString().slice(0, 10);
      })();
      const dayBefore = new Date(Date.parse(`${endPlus6}T00:00:00Z`) - 86400000)
        .toISOString()
        .slice(0, 10);
      const short = await readyVolunteer(api.http, { passportExpiresOn: dayBefore });
      const res = await apply(api.http, trip.id, short);
      expect(res.status).toBe(422);
      expect(res.body.reasons).toEqual([expect.stringMatching(/passport/)]);
      const missing = await readyVolunteer(api.http, { passportExpiresOn: null });
      expect((await apply(api.http, trip.id, missing)).body.reasons).toEqual([
        expect.stringMatching(/passport expiry date/),
      ]);
      const enough = await readyVolunteer(api.http, { passportExpiresOn: endPlus6 });
      expect((await apply(api.http, trip.id, enough)).status).toBe(201);
      const local = await readyVolunteer(api.http, { country: 'GT', passportExpiresOn: null });
      expect((await apply(api.http, trip.id, local)).status).toBe(201);
    });

    it('refuses an incomplete profile, naming what is missing', async () => {
      const trip = await createTrip(api.http, o);
      const none = await registerUser(api.http);
      const res = await apply(api.http, trip.id, none);
      expect(res.status).toBe(422);
      expect(res.body.reasons).toEqual([
        expect.stringMatching(/incomplete: dateOfBirth, phone, country, emergencyContact/),
      ]);
      const noPhone = await readyVolunteer(api.http, { phone: null });
      expect((await apply(api.http, trip.id, noPhone)).body.reasons).toEqual([
        expect.stringMatching(/incomplete: phone missing/),
      ]);
    });

    it('lists every failed rule in one answer', async () => {
      const trip = await createTrip(api.http, o, {
        minAge: 30,
        applicationDeadline: daysFromNow(-2),
      });
      await api.http.post(`/trips/${trip.id}/close`, undefined, { token: o.coordinator.token });
      const v = await readyVolunteer(api.http, {
        phone: null,
        dateOfBirth: '2005-01-01',
        passportExpiresOn: daysFromNow(100),
      });
      const res = await apply(api.http, trip.id, v);
      expect(res.status).toBe(422);
      expect(res.body.reasons).toHaveLength(5);
      expect(res.body.reasons.join(' | ')).toMatch(
        /not open.*deadline.*incomplete.*minimum age.*passport/,
      );
    });
  });

  describe('reviewing', () => {
    it('accepts, waitlists, rejects with a reason, and keeps every change in the history', async () => {
      const trip = await createTrip(api.http, o);
      const [a, b, c] = [
        await readyVolunteer(api.http),
        await readyVolunteer(api.http),
        await readyVolunteer(api.http),
      ];
      const appA = (await apply(api.http, trip.id, a)).body;
      const appB = (await apply(api.http, trip.id, b)).body;
      const appC = (await apply(api.http, trip.id, c)).body;
      const accepted = await act(appA.id, 'accept', o.coordinator);
      expect(accepted.status).toBe(200);
      expect(accepted.body.status).toBe('accepted');
      const waitlisted = await act(appB.id, 'waitlist', o.coordinator, { reason: 'Full for now' });
      expect(waitlisted.body.status).toBe('waitlisted');
      const rejected = await act(appC.id, 'reject', o.coordinator, {
        reason: 'We need Spanish speakers',
      });
      expect(rejected.body.status).toBe('rejected');
      expect(rejected.body.history).toEqual([
        expect.objectContaining({ from: null, to: 'submitted', by: c.id }),
        expect.objectContaining({
          from: 'submitted',
          to: 'rejected',
          by: o.coordinator.id,
          byName: 'Test Coordinator',
          reason: 'We need Spanish speakers',
        }),
      ]);
      expect(typeof rejected.body.history[1].at).toBe('string');
      const mine = await api.http.get(`/applications/${appB.id}`, { token: b.token });
      expect(mine.body.history.map((h: { to: string }) => h.to)).toEqual([
        'submitted',
        'waitlisted',
      ]);
    });

    it('answers TRIP_FULL (409) when no seat is free', async () => {
      const trip = await createTrip(api.http, o, { capacity: 1 });
      const one = (await apply(api.http, trip.id, await readyVolunteer(api.http))).body;
      const two = (await apply(api.http, trip.id, await readyVolunteer(api.http))).body;
      expect((await act(one.id, 'accept', o.coordinator)).status).toBe(200);
      const full = await act(two.id, 'accept', o.coordinator);
      expect(full.status).toBe(409);
      expect(full.body.code).toBe('TRIP_FULL');
      expect(
        (await api.http.get(`/applications/${two.id}`, { token: o.coordinator.token })).body.status,
      ).toBe('submitted');
    });

    it('confirms when the trip requires nothing, and shows the private location to the confirmed volunteer', async () => {
      const trip = await createTrip(api.http, o, {
        requiresBackgroundCheck: false,
        requiresSafeguardingTraining: false,
        requiresCodeOfConduct: false,
      });
      const v = await readyVolunteer(api.http);
      const app = (await apply(api.http, trip.id, v)).body;
      await act(app.id, 'accept', o.coordinator);
      expect(
        (await api.http.get(`/applications/${app.id}`, { token: v.token })).body.trip,
      ).not.toHaveProperty('privateLocation');
      expect((await api.http.get(`/trips/${trip.id}`, { token: v.token })).body).not.toHaveProperty(
        'privateLocation',
      );
      const confirmed = await act(app.id, 'confirm', o.coordinator);
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.status).toBe('confirmed');
      const own = await api.http.get(`/applications/${app.id}`, { token: v.token });
      expect(own.body.trip.privateLocation).toContain('Casa segura');
      expect(
        (await api.http.get(`/trips/${trip.id}`, { token: v.token })).body.privateLocation,
      ).toContain('Casa segura');
      const mine = await api.http.get('/me/applications', { token: v.token });
      expect(mine.body.items[0].trip.privateLocation).toContain('Casa segura');
    });

    it('refuses to confirm while a required item is unmet (422 naming it), changing nothing', async () => {
      const trip = await createTrip(api.http, o, { requiresBackgroundCheck: true });
      const v = await readyVolunteer(api.http);
      const app = (await apply(api.http, trip.id, v)).body;
      await act(app.id, 'accept', o.coordinator);
      const res = await act(app.id, 'confirm', o.coordinator);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('REQUIREMENTS_UNMET');
      expect(res.body.reasons.join(' ')).toMatch(/background check/i);
      const after = await api.http.get(`/applications/${app.id}`, { token: v.token });
      expect(after.body.status).toBe('accepted');
      expect(after.body.history).toHaveLength(2);
    });

    it('refuses every illegal transition with 409', async () => {
      const trip = await createTrip(api.http, o, { capacity: 5 });
      const at = async (path: string[]) => {
        const v = await readyVolunteer(api.http);
        const app = (await apply(api.http, trip.id, v)).body;
        for (const step of path) expect((await act(app.id, step, o.coordinator)).status).toBe(200);
        return app.id as string;
      };
      const illegal: [string[], string[]][] = [
        [[], ['confirm']],
        [['accept'], ['accept', 'waitlist', 'reject']],
        [['waitlist'], ['waitlist', 'reject', 'confirm']],
        [['reject'], ['accept', 'waitlist', 'reject', 'confirm', 'withdraw']],
        [
          ['accept', 'confirm'],
          ['accept', 'waitlist', 'reject', 'confirm'],
        ],
        [['withdraw'], ['accept', 'waitlist', 'reject', 'confirm', 'withdraw']],
      ];
      for (const [path, actions] of illegal) {
        const id = await at(path);
        for (const action of actions) {
          const res = await act(id, action, o.coordinator);
          expect({ path, action, status: res.status, code: res.body.code }).toEqual({
            path,
            action,
            status: 409,
            code: 'ILLEGAL_TRANSITION',
          });
        }
      }
      // And the legal ones from waitlisted: accept.
      const w = await at(['waitlist']);
      expect((await act(w, 'accept', o.coordinator)).body.status).toBe('accepted');
    });

    it('refuses decisions once the trip is completed or cancelled (409)', async () => {
      const trip = await createTrip(api.http, o);
      const app = (await apply(api.http, trip.id, await readyVolunteer(api.http))).body;
      await api.http.post(`/trips/${trip.id}/close`, undefined, { token: o.coordinator.token });
      // Closed only stops new applications: decisions go on.
      expect((await act(app.id, 'accept', o.coordinator)).status).toBe(200);
      await api.http.post(`/trips/${trip.id}/complete`, undefined, { token: o.coordinator.token });
      const res = await act(app.id, 'withdraw', o.coordinator);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('TRIP_NOT_ACTIVE');
    });
  });

  describe('seats and the waitlist', () => {
    it('promotes the oldest waitlisted application when an accepted one is withdrawn', async () => {
      const trip = await createTrip(api.http, o, { admission: 'auto', capacity: 1 });
      const vs = [];
      const apps = [];
      for (let i = 0; i < 3; i++) {
        const v = await readyVolunteer(api.http);
        vs.push(v);
        apps.push((await apply(api.http, trip.id, v)).body);
      }
      expect(apps.map((a) => a.status)).toEqual(['accepted', 'waitlisted', 'waitlisted']);
      const withdrawn = await act(apps[0].id, 'withdraw', vs[0], { reason: 'Exams moved' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.status).toBe('withdrawn');
      const promoted = await api.http.get(`/applications/${apps[1].id}`, { token: vs[1].token });
      expect(promoted.body.status).toBe('accepted');
      expect(promoted.body.history.at(-1)).toMatchObject({
        from: 'waitlisted',
        to: 'accepted',
        by: null,
      });
      expect(
        (await api.http.get(`/applications/${apps[2].id}`, { token: vs[2].token })).body.status,
      ).toBe('waitlisted');
      expect((await api.http.get(`/trips/${trip.id}`)).body.seatsRemaining).toBe(0);
    });

    it('frees the seat of a confirmed application too, and a coordinator may withdraw it', async () => {
      const trip = await createTrip(api.http, o, { capacity: 1 });
      const a = (await apply(api.http, trip.id, await readyVolunteer(api.http))).body;
      const b = (await apply(api.http, trip.id, await readyVolunteer(api.http))).body;
      await act(a.id, 'accept', o.coordinator);
      await act(a.id, 'confirm', o.coordinator);
      await act(b.id, 'waitlist', o.coordinator);
      expect((await act(a.id, 'withdraw', o.coordinator)).body.status).toBe('withdrawn');
      expect(
        (await api.http.get(`/applications/${b.id}`, { token: o.coordinator.token })).body.status,
      ).toBe('accepted');
    });

    it('promotes as many as the new capacity allows, oldest first', async () => {
      const trip = await createTrip(api.http, o, { admission: 'auto', capacity: 1 });
      const apps = [];
      for (let i = 0; i < 4; i++)
        apps.push((await apply(api.http, trip.id, await readyVolunteer(api.http))).body);
      const res = await api.http.patch(
        `/trips/${trip.id}`,
        { capacity: 3 },
        {
          token: o.coordinator.token,
        },
      );
      expect(res.status).toBe(200);
      expect(res.body.seatsRemaining).toBe(0);
      const statuses = [];
      for (const a of apps)
        statuses.push(
          (await api.http.get(`/applications/${a.id}`, { token: o.coordinator.token })).body.status,
        );
      expect(statuses).toEqual(['accepted', 'accepted', 'accepted', 'waitlisted']);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM trip_applications WHERE trip_id = $1 AND status IN ('accepted','confirmed')`,
          [trip.id],
        ),
      ).toBe(3);
    });

    it('withdraws every active application when the trip is cancelled', async () => {
      const trip = await createTrip(api.http, o, { admission: 'auto', capacity: 1 });
      const a = (await apply(api.http, trip.id, await readyVolunteer(api.http))).body;
      const b = (await apply(api.http, trip.id, await readyVolunteer(api.http))).body;
      await api.http.post(
        `/trips/${trip.id}/cancel`,
        { reason: 'Storm season' },
        {
          token: o.coordinator.token,
        },
      );
      for (const app of [a, b]) {
        const read = await api.http.get(`/applications/${app.id}`, { token: o.coordinator.token });
        expect(read.body.status).toBe('withdrawn');
        expect(read.body.history.at(-1).reason).toMatch(/cancelled: Storm season/);
      }
      expect(await count('SELECT seats_taken AS n FROM trips WHERE id = $1', [trip.id])).toBe(0);
    });
  });

  describe('reading and authorisation', () => {
    it('lets only the volunteer and the organisation see an application (others: 404)', async () => {
      const trip = await createTrip(api.http, o);
      const v = await readyVolunteer(api.http);
      const stranger = await readyVolunteer(api.http);
      const app = (await apply(api.http, trip.id, v)).body;
      expect((await api.http.get(`/applications/${app.id}`, { token: v.token })).status).toBe(200);
      expect(
        (await api.http.get(`/applications/${app.id}`, { token: o.coordinator.token })).status,
      ).toBe(200);
      expect((await api.http.get(`/applications/${app.id}`, { token: o.admin.token })).status).toBe(
        200,
      );
      expect(
        (await api.http.get(`/applications/${app.id}`, { token: stranger.token })).status,
      ).toBe(404);
      expect(
        (await api.http.get(`/applications/${app.id}`, { token: other.coordinator.token })).status,
      ).toBe(404);
      expect((await api.http.get(`/applications/${app.id}`)).status).toBe(401);
      expect((await api.http.get('/applications/not-a-uuid', { token: v.token })).status).toBe(404);
      for (const action of ['accept', 'waitlist', 'reject', 'confirm', 'withdraw']) {
        expect((await act(app.id, action, stranger)).status).toBe(404);
        expect((await act(app.id, action, other.coordinator, { reason: 42 })).status).toBe(404);
      }
      // The owner may withdraw, not decide (403, before the malformed body).
      for (const action of ['accept', 'waitlist', 'reject', 'confirm'])
        expect((await act(app.id, action, v, { reason: 42 })).status).toBe(403);
      expect((await act(app.id, 'accept', o.admin)).status).toBe(200);
    });

    it('lists a trip’s applications for its coordinators, filtered by status and paged', async () => {
      const trip = await createTrip(api.http, o, { admission: 'auto', capacity: 2 });
      const ids = [];
      for (let i = 0; i < 5; i++)
        ids.push((await apply(api.http, trip.id, await readyVolunteer(api.http))).body.id);
      const all = await api.http.get(`/trips/${trip.id}/applications?limit=2`, {
        token: o.coordinator.token,
      });
      expect(all.status).toBe(200);
      expect(all.body.items.map((a: { id: string }) => a.id)).toEqual(ids.slice(0, 2));
      const next = await api.http.get(
        `/trips/${trip.id}/applications?limit=2&cursor=${all.body.nextCursor}`,
        { token: o.coordinator.token },
      );
      expect(next.body.items.map((a: { id: string }) => a.id)).toEqual(ids.slice(2, 4));
      const waitlisted = await api.http.get(`/trips/${trip.id}/applications?status=waitlisted`, {
        token: o.coordinator.token,
      });
      expect(waitlisted.body.items.map((a: { id: string }) => a.id)).toEqual(ids.slice(2));
      expect(waitlisted.body.nextCursor).toBeNull();
      expect(waitlisted.body.items[0].volunteer).toHaveProperty('email');
      const bad = await api.http.get(`/trips/${trip.id}/applications?status=pending`, {
        token: o.coordinator.token,
      });
      expect(bad.status).toBe(400);
      expect(
        (await api.http.get(`/trips/${trip.id}/applications`, { token: other.coordinator.token }))
          .status,
      ).toBe(403);
    });

    it('lists my own applications, newest first, and nobody else’s', async () => {
      const v = await readyVolunteer(api.http);
      const trips = [
        await createTrip(api.http, o),
        await createTrip(api.http, other),
        await createTrip(api.http, o),
      ];
      const ids = [];
      for (const trip of trips) ids.push((await apply(api.http, trip.id, v)).body.id);
      await apply(api.http, trips[0].id, await readyVolunteer(api.http));
      const first = await api.http.get('/me/applications?limit=2', { token: v.token });
      expect(first.body.items.map((a: { id: string }) => a.id)).toEqual([ids[2], ids[1]]);
      const second = await api.http.get(
        `/me/applications?limit=2&cursor=${first.body.nextCursor}`,
        {
          token: v.token,
        },
      );
      expect(second.body.items.map((a: { id: string }) => a.id)).toEqual([ids[0]]);
      expect(second.body.nextCursor).toBeNull();
      expect((await api.http.get('/me/applications?limit=0', { token: v.token })).status).toBe(400);
      expect((await api.http.get('/me/applications?cursor=abc', { token: v.token })).status).toBe(
        400,
      );
      expect((await api.http.get('/me/applications')).status).toBe(401);
    });
  });

  describe('roster CSV', () => {
    it('has a header and one row per accepted or confirmed participant, UTF-8 and quoted', async () => {
      const trip = await createTrip(api.http, o, { capacity: 5 });
      const jose = await readyVolunteer(api.http, {}, 'José Pérez');
      const quoted = await readyVolunteer(api.http, {}, 'Smith, "Jo"');
      const formula = await readyVolunteer(api.http, {}, '=HYPERLINK("x")');
      const waiting = await readyVolunteer(api.http, {}, 'Waiting Wanda');
      for (const v of [jose, quoted, formula]) {
        const app = (await apply(api.http, trip.id, v)).body;
        await act(app.id, 'accept', o.coordinator);
        if (v === jose) await act(app.id, 'confirm', o.coordinator);
      }
      const w = (await apply(api.http, trip.id, waiting)).body;
      await act(w.id, 'waitlist', o.coordinator);

      const res = await fetch(`${api.http.baseUrl}/trips/${trip.id}/roster.csv`, {
        headers: { authorization: `Bearer ${o.coordinator.token}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(
        /attachment; filename="roster-.*\.csv"/,
      );
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, for Excel
      const text = bytes.subarray(3).toString('utf8');
      const lines = text.trim().split('\r\n');
      expect(lines[0]).toBe(
        'name,email,status,safeguarding,emergency contact name,emergency contact phone,emergency contact relation',
      );
      expect(lines).toHaveLength(4);
      expect(text).not.toContain('Waiting Wanda');
      expect(lines.find((l) => l.startsWith('José Pérez'))).toBe(
        `José Pérez,${jose.email},confirmed,cleared (nothing required),Ana López,+15125550101,mother`,
      );
      expect(text).toContain(`"Smith, ""Jo""",${quoted.email},accepted`);
      expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    });

    it('names the unmet requirements in the safeguarding column', async () => {
      const trip = await createTrip(api.http, o, { requiresBackgroundCheck: true });
      const v = await readyVolunteer(api.http, {}, 'Ana Check');
      const app = (await apply(api.http, trip.id, v)).body;
      await act(app.id, 'accept', o.coordinator);
      const res = await api.http.get(`/trips/${trip.id}/roster.csv`, {
        token: o.coordinator.token,
      });
      expect(res.text.split('\r\n')[1]).toMatch(/^Ana Check,.*,accepted,.*background check/i);
    });
  });
});
