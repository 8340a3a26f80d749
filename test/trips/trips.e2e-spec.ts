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
  tripBody,
} from './trip-fixtures';

describe('trips: create, edit, lifecycle, visibility', () => {
  let api: TestApi;
  let o: Org;
  let other: Org;
  let volunteer: TestUser;

  beforeAll(async () => {
    api = await startTestApi();
    o = await createOrgWithCoordinator(api.http);
    other = await createOrgWithCoordinator(api.http, o.admin);
    volunteer = await registerUser(api.http);
  });
  afterAll(async () => api.close());

  it('creates a draft with the defaults of the contract', async () => {
    const body = tripBody();
    delete (body as Record<string, unknown>).requiresBackgroundCheck;
    const res = await api.http.post(
      `/organizations/${o.org.id}/trips`,
      { ...body, country: 'gt', currency: 'usd' },
      { token: o.coordinator.token },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      country: 'GT',
      currency: 'USD',
      requiresBackgroundCheck: true,
      requiresSafeguardingTraining: false,
      requiresCodeOfConduct: false,
      capacity: 10,
      seatsRemaining: 10,
      organization: { id: o.org.id, name: o.org.name },
      privateLocation: 'Casa segura, 4a Calle Poniente 12, Antigua',
      skills: ['teaching', 'childcare'],
      languages: ['es', 'en'],
    });
  });

  it.each([
    [
      'end before start',
      { startDate: daysFromNow(60), endDate: daysFromNow(59) },
      /endDate must not be before startDate/,
    ],
    [
      'deadline after start',
      { applicationDeadline: daysFromNow(61) },
      /applicationDeadline must not be after startDate/,
    ],
    ['an unknown skill', { skills: ['teaching', 'juggling'] }, /juggling is not in the skill/],
    ['capacity 0', { capacity: 0 }, /capacity/],
    ['a made-up country', { country: 'XX' }, /country/],
    ['a made-up currency', { currency: 'ABC' }, /currency/],
    ['a negative cost', { costCents: -1 }, /costCents/],
    ['a fractional cost', { costCents: 10.5 }, /costCents/],
    ['minAge 121', { minAge: 121 }, /minAge/],
    ['a language that is not ISO 639-1', { languages: ['xx'] }, /languages/],
  ])('refuses %s with a 400 naming the field, writing nothing', async (_, patch, message) => {
    const db = await connectDb(api.env);
    const before = (await db.query('SELECT count(*)::int AS n FROM trips')).rows[0].n;
    const res = await api.http.post(`/organizations/${o.org.id}/trips`, tripBody(patch), {
      token: o.coordinator.token,
    });
    const after = (await db.query('SELECT count(*)::int AS n FROM trips')).rows[0].n;
    await db.end();
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toMatch(message);
    expect(after).toBe(before);
  });

  it('lists every cross-field problem at once', async () => {
    const res = await api.http.post(
      `/organizations/${o.org.id}/trips`,
      tripBody({
        startDate: daysFromNow(60),
        endDate: daysFromNow(50),
        applicationDeadline: daysFromNow(70),
        skills: ['flying'],
      }),
      { token: o.coordinator.token },
    );
    expect(res.status).toBe(400);
    expect(res.body.message).toHaveLength(3);
  });

  it('lets only the organisation’s coordinators (and admins) create trips', async () => {
    const asVolunteer = await api.http.post(`/organizations/${o.org.id}/trips`, tripBody(), {
      token: volunteer.token,
    });
    expect(asVolunteer.status).toBe(403);
    const asOtherCoordinator = await api.http.post(
      `/organizations/${o.org.id}/trips`,
      {},
      {
        token: other.coordinator.token,
      },
    );
    expect(asOtherCoordinator.status).toBe(403); // 403 before the empty body's 400
    const asAdmin = await api.http.post(`/organizations/${o.org.id}/trips`, tripBody(), {
      token: o.admin.token,
    });
    expect(asAdmin.status).toBe(201);
    const anonymous = await api.http.post(`/organizations/${o.org.id}/trips`, tripBody());
    expect(anonymous.status).toBe(401);
  });

  it('walks the lifecycle draft → published → closed → completed and refuses the rest with 409', async () => {
    const trip = await createTrip(api.http, o, {}, false);
    const t = (action: string) =>
      api.http.post(`/trips/${trip.id}/${action}`, undefined, { token: o.coordinator.token });
    expect((await t('close')).status).toBe(409);
    expect((await t('complete')).status).toBe(409);
    expect((await t('publish')).body.status).toBe('published');
    const again = await t('publish');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ILLEGAL_TRANSITION');
    expect((await t('complete')).status).toBe(409);
    expect((await t('close')).body.status).toBe('closed');
    expect((await t('publish')).status).toBe(409);
    expect((await t('complete')).body.status).toBe('completed');
    for (const action of ['publish', 'close', 'complete', 'cancel'])
      expect((await t(action)).status).toBe(409);
  });

  it.each(['draft', 'published', 'closed'])(
    'cancels a %s trip, and nothing after',
    async (state) => {
      const trip = await createTrip(api.http, o, {}, state !== 'draft');
      if (state === 'closed')
        await api.http.post(`/trips/${trip.id}/close`, undefined, { token: o.coordinator.token });
      const res = await api.http.post(
        `/trips/${trip.id}/cancel`,
        { reason: 'The home is closed for repairs' },
        { token: o.coordinator.token },
      );
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('cancelled');
      for (const action of ['publish', 'close', 'complete', 'cancel']) {
        const r = await api.http.post(`/trips/${trip.id}/${action}`, undefined, {
          token: o.coordinator.token,
        });
        expect(r.status).toBe(409);
      }
      const edit = await api.http.patch(
        `/trips/${trip.id}`,
        { title: 'Another title' },
        {
          token: o.coordinator.token,
        },
      );
      expect(edit.status).toBe(409);
    },
  );

  it('hides drafts from everyone but the organisation (404), shows published trips to anyone', async () => {
    const draft = await createTrip(api.http, o, {}, false);
    expect((await api.http.get(`/trips/${draft.id}`)).status).toBe(404);
    expect((await api.http.get(`/trips/${draft.id}`, { token: volunteer.token })).status).toBe(404);
    expect(
      (await api.http.get(`/trips/${draft.id}`, { token: other.coordinator.token })).status,
    ).toBe(404);
    const own = await api.http.get(`/trips/${draft.id}`, { token: o.coordinator.token });
    expect(own.status).toBe(200);
    expect(own.body.privateLocation).toContain('Casa segura');
    // Mutations on another organisation's draft: 404 too (it cannot be seen).
    const patch = await api.http.patch(
      `/trips/${draft.id}`,
      { capacity: 'lots' },
      {
        token: other.coordinator.token,
      },
    );
    expect(patch.status).toBe(404);

    await api.http.post(`/trips/${draft.id}/publish`, undefined, { token: o.coordinator.token });
    const pub = await api.http.get(`/trips/${draft.id}`);
    expect(pub.status).toBe(200);
    expect(pub.body).not.toHaveProperty('privateLocation');
    expect(pub.text).not.toContain('Casa segura');
    const asVolunteer = await api.http.get(`/trips/${draft.id}`, { token: volunteer.token });
    expect(asVolunteer.body).not.toHaveProperty('privateLocation');
  });

  it('answers 404 for a trip id that is not a UUID or does not exist', async () => {
    expect((await api.http.get('/trips/not-a-uuid')).status).toBe(404);
    expect((await api.http.get('/trips/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect(
      (
        await api.http.post('/trips/00000000-0000-4000-8000-000000000000/publish', undefined, {
          token: o.coordinator.token,
        })
      ).status,
    ).toBe(404);
  });

  it('refuses mutations by a coordinator of another organisation with 403, before validating the body', async () => {
    const trip = await createTrip(api.http, o);
    const patch = await api.http.patch(
      `/trips/${trip.id}`,
      { capacity: -5, bogus: 1 },
      {
        token: other.coordinator.token,
      },
    );
    expect(patch.status).toBe(403);
    for (const action of ['publish', 'close', 'complete', 'cancel']) {
      const r = await api.http.post(`/trips/${trip.id}/${action}`, undefined, {
        token: other.coordinator.token,
      });
      expect(r.status).toBe(403);
    }
    const asVolunteer = await api.http.patch(
      `/trips/${trip.id}`,
      { title: 'Mine now' },
      {
        token: volunteer.token,
      },
    );
    expect(asVolunteer.status).toBe(403);
    expect(
      (await api.http.get(`/trips/${trip.id}/applications`, { token: volunteer.token })).status,
    ).toBe(403);
    expect(
      (await api.http.get(`/trips/${trip.id}/roster.csv`, { token: other.coordinator.token }))
        .status,
    ).toBe(403);
    expect((await api.http.get(`/trips/${trip.id}`)).body.title).toBe(trip.title);
  });

  it('edits a trip, re-validating the merged result', async () => {
    const trip = await createTrip(api.http, o);
    const ok = await api.http.patch(
      `/trips/${trip.id}`,
      { title: 'Verano 2', privateLocation: null, skills: ['nursing'] },
      { token: o.coordinator.token },
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      title: 'Verano 2',
      privateLocation: null,
      skills: ['nursing'],
    });
    // Only the end date sent, but before the stored start date.
    const bad = await api.http.patch(
      `/trips/${trip.id}`,
      { endDate: daysFromNow(10) },
      { token: o.coordinator.token },
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/endDate must not be before startDate/);
    const nulls = await api.http.patch(
      `/trips/${trip.id}`,
      { title: null, capacity: null },
      {
        token: o.coordinator.token,
      },
    );
    expect(nulls.status).toBe(400);
    const unknown = await api.http.patch(
      `/trips/${trip.id}`,
      { status: 'published' },
      {
        token: o.coordinator.token,
      },
    );
    expect(unknown.status).toBe(400);
    const after = await api.http.get(`/trips/${trip.id}`, { token: o.coordinator.token });
    expect(after.body.title).toBe('Verano 2');
  });

  it('refuses capacity below the seats taken (409) and accepts it equal', async () => {
    const trip = await createTrip(api.http, o, { admission: 'auto', capacity: 3 });
    for (let i = 0; i < 2; i++) {
      const v = await readyVolunteer(api.http);
      expect((await apply(api.http, trip.id, v)).body.status).toBe('accepted');
    }
    const below = await api.http.patch(
      `/trips/${trip.id}`,
      { capacity: 1 },
      {
        token: o.coordinator.token,
      },
    );
    expect(below.status).toBe(409);
    expect(below.body.code).toBe('CAPACITY_BELOW_SEATS_TAKEN');
    const equal = await api.http.patch(
      `/trips/${trip.id}`,
      { capacity: 2 },
      {
        token: o.coordinator.token,
      },
    );
    expect(equal.status).toBe(200);
    expect(equal.body.seatsRemaining).toBe(0);
  });

  it('lists the organisation’s trips, drafts included, for its coordinators only', async () => {
    const fresh = await createOrgWithCoordinator(api.http, o.admin);
    await createTrip(
      api.http,
      fresh,
      { startDate: daysFromNow(90), endDate: daysFromNow(95) },
      false,
    );
    await createTrip(api.http, fresh);
    const page1 = await api.http.get(`/organizations/${fresh.org.id}/trips?limit=1`, {
      token: fresh.coordinator.token,
    });
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.items[0].status).toBe('published');
    const page2 = await api.http.get(
      `/organizations/${fresh.org.id}/trips?limit=1&cursor=${page1.body.nextCursor}`,
      { token: fresh.coordinator.token },
    );
    expect(page2.body.items[0].status).toBe('draft');
    expect(page2.body.nextCursor).toBeNull();
    expect(
      (await api.http.get(`/organizations/${fresh.org.id}/trips`, { token: volunteer.token }))
        .status,
    ).toBe(403);
  });

  it('documents every trip endpoint in OpenAPI', async () => {
    const doc = (await api.http.get('/docs-json')).body;
    for (const path of [
      '/organizations/{orgId}/trips',
      '/trips',
      '/trips/{id}',
      '/trips/{id}/publish',
      '/trips/{id}/close',
      '/trips/{id}/complete',
      '/trips/{id}/cancel',
      '/trips/{id}/roster.csv',
      '/trips/{id}/applications',
      '/me/applications',
      '/applications/{id}',
      '/applications/{id}/accept',
      '/applications/{id}/waitlist',
      '/applications/{id}/reject',
      '/applications/{id}/withdraw',
      '/applications/{id}/confirm',
    ])
      expect(doc.paths).toHaveProperty([path]);
    expect(doc.components.schemas.CreateTripDto.required).toEqual(
      expect.arrayContaining(['title', 'startDate', 'capacity', 'admission']),
    );
    expect(doc.components.schemas.TripView.properties).toHaveProperty('seatsRemaining');
  });
});
