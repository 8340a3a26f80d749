import type { Client } from 'pg';
import { startTestApi, TestApi } from '../support/api-app';
import { connectDb } from '../support/test-env';
import {
  apply,
  createOrgWithCoordinator,
  createTrip,
  Org,
  readyVolunteer,
  tripBody,
} from './trip-fixtures';
import type { TestUser } from '../support/factories';

const COUNTED = ['trips', 'trip_applications', 'trip_application_events', 'notifications'];

describe('trips: malformed bodies answer 400, never 500, and write nothing', () => {
  let api: TestApi;
  let db: Client;
  let o: Org;
  let trip: { id: string };
  let volunteer: TestUser;
  let applicationId: string;

  const snapshot = async () => {
    const counts: Record<string, number> = {};
    for (const table of COUNTED)
      counts[table] = (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
    counts.tripVersion = (
      await db.query(`SELECT extract(epoch FROM updated_at) * 1000 AS v FROM trips WHERE id = $1`, [
        trip.id,
      ])
    ).rows[0].v;
    return counts;
  };

  beforeAll(async () => {
    api = await startTestApi();
    db = await connectDb(api.env);
    o = await createOrgWithCoordinator(api.http);
    trip = await createTrip(api.http, o);
    volunteer = await readyVolunteer(api.http);
    const other = await readyVolunteer(api.http);
    applicationId = (await apply(api.http, trip.id, other)).body.id;
  });
  afterAll(async () => {
    await db.end();
    await api.close();
  });

  const create = (body: unknown) => ({
    method: 'POST',
    path: () => `/organizations/${o.org.id}/trips`,
    body,
  });
  const patch = (body: unknown) => ({ method: 'PATCH', path: () => `/trips/${trip.id}`, body });
  const cases: [
    string,
    { method: string; path: () => string; body?: unknown; raw?: string },
    string,
  ][] = [
    ['create: empty object', create({}), 'coordinator'],
    ['create: a JSON array', create([tripBody()]), 'coordinator'],
    ['create: a JSON string', create('a trip'), 'coordinator'],
    ['create: title missing', create({ ...tripBody(), title: undefined }), 'coordinator'],
    ['create: title a number', create(tripBody({ title: 42 })), 'coordinator'],
    ['create: title too long', create(tripBody({ title: 'x'.repeat(201) })), 'coordinator'],
    ['create: description too short', create(tripBody({ description: 'short' })), 'coordinator'],
    ['create: country lower-case word', create(tripBody({ country: 'guatemala' })), 'coordinator'],
    ['create: country a number', create(tripBody({ country: 12 })), 'coordinator'],
    ['create: city empty', create(tripBody({ city: '   ' })), 'coordinator'],
    ['create: startDate not a date', create(tripBody({ startDate: 'next summer' })), 'coordinator'],
    ['create: startDate 2027-02-30', create(tripBody({ startDate: '2027-02-30' })), 'coordinator'],
    [
      'create: endDate an ISO instant',
      create(tripBody({ endDate: '2027-07-14T00:00:00Z' })),
      'coordinator',
    ],
    ['create: capacity a string', create(tripBody({ capacity: '10' })), 'coordinator'],
    ['create: capacity negative', create(tripBody({ capacity: -1 })), 'coordinator'],
    ['create: capacity huge', create(tripBody({ capacity: 1e12 })), 'coordinator'],
    ['create: costCents a float', create(tripBody({ costCents: 99.99 })), 'coordinator'],
    ['create: costCents above int range', create(tripBody({ costCents: 2 ** 31 })), 'coordinator'],
    [
      'create: currency lower-case nonsense',
      create(tripBody({ currency: 'dollars' })),
      'coordinator',
    ],
    [
      'create: applicationDeadline null',
      create(tripBody({ applicationDeadline: null })),
      'coordinator',
    ],
    ['create: minAge negative', create(tripBody({ minAge: -1 })), 'coordinator'],
    [
      'create: requiresBackgroundCheck a string',
      create(tripBody({ requiresBackgroundCheck: 'yes' })),
      'coordinator',
    ],
    [
      'create: requiresCodeOfConduct null',
      create(tripBody({ requiresCodeOfConduct: null })),
      'coordinator',
    ],
    ['create: admission unknown', create(tripBody({ admission: 'lottery' })), 'coordinator'],
    ['create: skills a string', create(tripBody({ skills: 'teaching' })), 'coordinator'],
    ['create: skills with a number', create(tripBody({ skills: ['teaching', 3] })), 'coordinator'],
    [
      'create: skills twice the same',
      create(tripBody({ skills: ['teaching', 'teaching'] })),
      'coordinator',
    ],
    ['create: languages an object', create(tripBody({ languages: { es: true } })), 'coordinator'],
    ['create: privateLocation a number', create(tripBody({ privateLocation: 12 })), 'coordinator'],
    ['create: unknown property', create(tripBody({ status: 'published' })), 'coordinator'],
    ['create: seatsTaken smuggled', create(tripBody({ seatsTaken: 5 })), 'coordinator'],
    [
      'create: malformed JSON',
      { method: 'POST', path: () => `/organizations/${o.org.id}/trips`, raw: '{"title": "x",' },
      'coordinator',
    ],
    ['patch: capacity zero', patch({ capacity: 0 }), 'coordinator'],
    ['patch: title null', patch({ title: null }), 'coordinator'],
    ['patch: dates reversed with stored values', patch({ startDate: '2099-01-01' }), 'coordinator'],
    ['patch: unknown skill', patch({ skills: ['basket-weaving'] }), 'coordinator'],
    [
      'patch: unknown property',
      patch({ organizationId: '00000000-0000-4000-8000-000000000000' }),
      'coordinator',
    ],
    [
      'patch: malformed JSON',
      { method: 'PATCH', path: () => `/trips/${trip.id}`, raw: 'capacity=3' },
      'coordinator',
    ],
    [
      'cancel: reason a number',
      { method: 'POST', path: () => `/trips/${trip.id}/cancel`, body: { reason: 7 } },
      'coordinator',
    ],
    [
      'cancel: reason too long',
      {
        method: 'POST',
        path: () => `/trips/${trip.id}/cancel`,
        body: { reason: 'x'.repeat(1001) },
      },
      'coordinator',
    ],
    [
      'apply: empty object',
      { method: 'POST', path: () => `/trips/${trip.id}/applications`, body: {} },
      'volunteer',
    ],
    [
      'apply: motivation too short',
      { method: 'POST', path: () => `/trips/${trip.id}/applications`, body: { motivation: 'hi' } },
      'volunteer',
    ],
    [
      'apply: motivation an array',
      {
        method: 'POST',
        path: () => `/trips/${trip.id}/applications`,
        body: { motivation: ['I', 'want'] },
      },
      'volunteer',
    ],
    [
      'apply: motivation too long',
      {
        method: 'POST',
        path: () => `/trips/${trip.id}/applications`,
        body: { motivation: 'x'.repeat(5001) },
      },
      'volunteer',
    ],
    [
      'apply: status smuggled',
      {
        method: 'POST',
        path: () => `/trips/${trip.id}/applications`,
        body: { motivation: 'I would love to help out.', status: 'accepted' },
      },
      'volunteer',
    ],
    [
      'apply: malformed JSON',
      { method: 'POST', path: () => `/trips/${trip.id}/applications`, raw: '{motivation: hi}' },
      'volunteer',
    ],
    [
      'reject: reason an object',
      {
        method: 'POST',
        path: () => `/applications/${applicationId}/reject`,
        body: { reason: { why: 'no' } },
      },
      'coordinator',
    ],
    [
      'waitlist: unknown property',
      {
        method: 'POST',
        path: () => `/applications/${applicationId}/waitlist`,
        body: { position: 1 },
      },
      'coordinator',
    ],
    [
      'withdraw: reason empty',
      {
        method: 'POST',
        path: () => `/applications/${applicationId}/withdraw`,
        body: { reason: '' },
      },
      'coordinator',
    ],
  ];

  it(`has at least 30 cases (${cases.length})`, () =>
    expect(cases.length).toBeGreaterThanOrEqual(30));

  it.each(cases)('%s → 400', async (_, c, who) => {
    const before = await snapshot();
    const token = who === 'coordinator' ? o.coordinator.token : volunteer.token;
    const res = await api.http.request(c.method, c.path(), c.body, { token, raw: c.raw });
    expect({ status: res.status, body: res.body }).toEqual({
      status: 400,
      body: expect.objectContaining({ statusCode: 400, error: 'Bad Request' }),
    });
    expect(await snapshot()).toEqual(before);
  });
});
