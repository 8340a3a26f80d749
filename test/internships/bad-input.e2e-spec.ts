import type { Client } from 'pg';
import { startTestApi, TestApi } from '../support/api-app';
import {
  completeProfile,
  createOrgWithCoordinator,
  registerUser,
  type TestUser,
} from '../support/factories';
import { connectDb } from '../support/test-env';
import { createNeed, needBody } from './internship-fixtures';

type Org = Awaited<ReturnType<typeof createOrgWithCoordinator>>;

describe('internships: bad input gets a clear 4xx and writes nothing', () => {
  let api: TestApi;
  let db: Client;
  let o: Org;
  let other: Org;
  let volunteer: TestUser;
  let need: any;

  const count = async (table: string) =>
    (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

  beforeAll(async () => {
    api = await startTestApi();
    db = await connectDb(api.env);
    o = await createOrgWithCoordinator(api.http);
    other = await createOrgWithCoordinator(api.http, o.admin);
    volunteer = await registerUser(api.http);
    need = await createNeed(api.http, o.org.id, o.coordinator.token);
  });
  afterAll(async () => {
    await db.end();
    await api.close();
  });

  describe('needs', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['zero slots', { slots: 0 }, /slots must not be less than 1/],
      ['no slots', { slots: undefined }, /slots/],
      ['slots as text', { slots: '2' }, /slots must be an integer/],
      [
        'an unknown skill',
        { requiredSkills: [{ skill: 'basket-weaving', minLevel: 2 }] },
        /basket-weaving is not in the skill taxonomy/,
      ],
      [
        'an unknown preferred skill',
        { preferredSkills: [{ skill: 'juggling', weight: 2 }] },
        /juggling is not in the skill taxonomy/,
      ],
      [
        'a level above 5',
        { requiredSkills: [{ skill: 'counseling', minLevel: 6 }] },
        /minLevel must not be greater than 5/,
      ],
      [
        'a level below 1',
        { requiredSkills: [{ skill: 'counseling', minLevel: 0 }] },
        /minLevel must not be less than 1/,
      ],
      [
        'a language level above 5',
        { languages: [{ code: 'es', minLevel: 6 }] },
        /minLevel must not be greater than 5/,
      ],
      ['a bad language code', { languages: [{ code: 'xx', minLevel: 2 }] }, /ISO 639-1/],
      [
        'a weight above 10',
        { preferredSkills: [{ skill: 'social-work', weight: 11 }] },
        /weight must not be greater than 10/,
      ],
      [
        'a weight of 0',
        { preferredSkills: [{ skill: 'social-work', weight: 0 }] },
        /weight must not be less than 1/,
      ],
      [
        'end before start',
        { startDate: '2027-05-01', endDate: '2027-04-30' },
        /endDate must be on or after startDate/,
      ],
      ['an impossible date', { startDate: '2027-02-30' }, /startDate must be a date/],
      [
        'a skill listed twice',
        {
          requiredSkills: [
            { skill: 'counseling', minLevel: 2 },
            { skill: 'counseling', minLevel: 3 },
          ],
        },
        /counseling more than once/,
      ],
      ['an unknown property', { salary: 100 }, /property salary should not exist/],
      [
        'a nested unknown property',
        { languages: [{ code: 'es', minLevel: 2, x: 1 }] },
        /x should not exist/,
      ],
      ['an empty title', { title: '   ' }, /title must be longer/],
    ];

    it.each(cases)('refuses %s with 400 naming the field', async (_name, patch, message) => {
      const before = await count('needs');
      const res = await api.http.post(
        `/organizations/${o.org.id}/needs`,
        { ...needBody(), ...patch },
        { token: o.coordinator.token },
      );
      expect(res.status).toBe(400);
      expect([res.body.message].flat().join(' | ')).toMatch(message);
      expect(await count('needs')).toBe(before);
    });

    it('decides who may act before reading the body (403 before 400)', async () => {
      const bad = { ...needBody(), slots: 0 };
      const res = await api.http.post(`/organizations/${o.org.id}/needs`, bad, {
        token: volunteer.token,
      });
      expect(res.status).toBe(403);
      const foreign = await api.http.post(`/organizations/${o.org.id}/needs`, bad, {
        token: other.coordinator.token,
      });
      expect(foreign.status).toBe(403);
      const patch = await api.http.patch(
        `/needs/${need.id}`,
        { slots: 0 },
        { token: volunteer.token },
      );
      expect(patch.status).toBe(403);
      const unknown = await api.http.patch(
        '/needs/00000000-0000-4000-8000-000000000000',
        { slots: 0 },
        { token: o.coordinator.token },
      );
      expect(unknown.status).toBe(404);
      expect((await api.http.get('/needs/not-a-uuid')).status).toBe(404);
    });

    it.each([
      ['zero slots', { slots: 0 }, /slots must not be less than 1/],
      ['a null title', { title: null }, /title must not be null/],
      ['end before the current start', { endDate: '2027-01-01' }, /endDate must be on or after/],
      ['an unknown property', { status: 'filled' }, /property status should not exist/],
    ])('refuses a PATCH with %s and changes nothing', async (_name, patch, message) => {
      const res = await api.http.patch(`/needs/${need.id}`, patch, { token: o.coordinator.token });
      expect(res.status).toBe(400);
      expect([res.body.message].flat().join(' | ')).toMatch(message);
      const now = await api.http.get(`/needs/${need.id}`);
      expect(now.body).toMatchObject({ slots: 1, title: need.title, endDate: need.endDate });
    });

    it('refuses list parameters out of range', async () => {
      expect((await api.http.get('/needs?limit=0')).status).toBe(400);
      expect((await api.http.get('/needs?limit=101')).status).toBe(400);
      expect((await api.http.get('/needs?cursor=garbage')).status).toBe(400);
      expect((await api.http.get('/needs?skill=Not%20A%20Slug')).status).toBe(400);
    });
  });

  describe('intern applications', () => {
    const body = (overrides: Record<string, unknown> = {}) => ({
      availableFrom: '2027-02-01',
      availableTo: '2027-09-30',
      statement: 'I would love to serve.',
      ...overrides,
    });

    it('asks for a complete profile with a skill (422 listing what is missing)', async () => {
      const bare = await registerUser(api.http);
      const res = await api.http.post('/intern-applications', body(), { token: bare.token });
      expect(res.status).toBe(422);
      expect(res.body.reasons).toEqual(
        expect.arrayContaining([
          'profile: dateOfBirth is missing',
          'profile: list at least one skill (PUT /me/profile) before applying',
        ]),
      );
      const noSkills = await registerUser(api.http);
      await completeProfile(api.http, noSkills, { skills: [] });
      const res2 = await api.http.post('/intern-applications', body(), { token: noSkills.token });
      expect(res2.status).toBe(422);
      expect(res2.body.reasons).toEqual([
        'profile: list at least one skill (PUT /me/profile) before applying',
      ]);
      expect(await count('intern_applications')).toBe(0);
    });

    it.each([
      [
        'an availability window ending before it starts',
        { availableFrom: '2027-05-01', availableTo: '2027-04-01' },
        /availableTo must be on or after availableFrom/,
      ],
      [
        'an availability window in the past',
        { availableFrom: '2020-01-01', availableTo: '2020-02-01' },
        /past/,
      ],
      ['a malformed date', { availableTo: '30/09/2027' }, /availableTo must be a date/],
      [
        'a preference that is not an id',
        { preferences: ['need-1'] },
        /preferences must be a need id/,
      ],
      [
        'a preference that is no open need',
        { preferences: ['00000000-0000-4000-8000-000000000000'] },
        /is not an open need/,
      ],
      ['no statement', { statement: undefined }, /statement/],
      [
        'an unknown property',
        { skills: [{ skill: 'counseling', level: 5 }] },
        /property skills should not exist/,
      ],
    ])('refuses %s with 400', async (_name, patch, message) => {
      const user = await registerUser(api.http);
      await completeProfile(api.http, user);
      const res = await api.http.post('/intern-applications', body(patch), { token: user.token });
      expect(res.status).toBe(400);
      expect([res.body.message].flat().join(' | ')).toMatch(message);
      expect(await count('intern_applications')).toBe(0);
    });

    it('refuses a second active application with 409, even sent at once', async () => {
      const user = await registerUser(api.http);
      await completeProfile(api.http, user);
      const [a, b] = await Promise.all([
        api.http.post('/intern-applications', body(), { token: user.token }),
        api.http.post('/intern-applications', body(), { token: user.token }),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      const again = await api.http.post('/intern-applications', body(), { token: user.token });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ACTIVE_APPLICATION_EXISTS');
      const { rows } = await db.query(
        'SELECT count(*)::int AS n FROM intern_applications WHERE user_id = $1',
        [user.id],
      );
      expect(rows[0].n).toBe(1);
      // Withdrawn, a new one may be made; the skills are the profile's at the time.
      const id = (a.status === 201 ? a : b).body.id;
      const w = await api.http.post(
        `/intern-applications/${id}/withdraw`,
        {},
        { token: user.token },
      );
      expect(w.status).toBe(200);
      expect(w.body.status).toBe('withdrawn');
      const other = await registerUser(api.http);
      expect(
        (await api.http.post(`/intern-applications/${id}/withdraw`, {}, { token: other.token }))
          .status,
      ).toBe(404);
      const fresh = await api.http.post('/intern-applications', body(), { token: user.token });
      expect(fresh.status).toBe(201);
      expect(fresh.body.skills).toEqual([{ skill: 'counseling', level: 3 }]);
    });
  });

  describe('matching runs', () => {
    it.each([
      ['an unknown mode', { mode: 'greedy' }, 400, /mode must be optimal or stable/],
      ['no mode', {}, 400, /mode/],
      ['needIds that are not ids', { mode: 'optimal', needIds: ['x'] }, 400, /needIds/],
      ['an empty needIds', { mode: 'optimal', needIds: [] }, 400, /needIds/],
      [
        'a need of no organisation',
        { mode: 'optimal', needIds: ['00000000-0000-4000-8000-000000000000'] },
        404,
        /not found/,
      ],
      ['an unknown property', { mode: 'optimal', dryRun: true }, 400, /dryRun should not exist/],
    ])('refuses %s', async (_name, runBody, status, message) => {
      const before = await count('matching_runs');
      const res = await api.http.post(`/organizations/${o.org.id}/matching-runs`, runBody, {
        token: o.coordinator.token,
      });
      expect(res.status).toBe(status);
      expect([res.body.message].flat().join(' | ')).toMatch(message);
      expect(await count('matching_runs')).toBe(before);
    });

    it('refuses a need that is not open (400) and a volunteer (403 before 400)', async () => {
      const closed = await createNeed(api.http, o.org.id, o.coordinator.token);
      const close = await api.http.post(
        `/needs/${closed.id}/close`,
        {},
        { token: o.coordinator.token },
      );
      expect(close.status).toBe(200);
      expect(close.body.status).toBe('closed');
      const res = await api.http.post(
        `/organizations/${o.org.id}/matching-runs`,
        { mode: 'optimal', needIds: [closed.id] },
        { token: o.coordinator.token },
      );
      expect(res.status).toBe(400);
      expect([res.body.message].flat().join(' ')).toMatch(/not open/);
      const volunteerRun = await api.http.post(
        `/organizations/${o.org.id}/matching-runs`,
        { mode: 'nope' },
        { token: volunteer.token },
      );
      expect(volunteerRun.status).toBe(403);
      expect(await count('matching_runs')).toBe(0);
    });

    it('answers 404 for runs and placements that are not there', async () => {
      const token = { token: o.coordinator.token };
      expect((await api.http.get('/matching-runs/not-a-uuid', token)).status).toBe(404);
      expect(
        (
          await api.http.patch(
            '/matching-runs/00000000-0000-4000-8000-000000000000/proposals',
            { changes: [] },
            token,
          )
        ).status,
      ).toBe(404);
      expect((await api.http.post('/placements/not-a-uuid/accept', {}, token)).status).toBe(404);
      expect(
        (await api.http.post('/placements/00000000-0000-4000-8000-000000000000/decline', {}, token))
          .status,
      ).toBe(404);
    });
  });

  it('documents every internship endpoint in OpenAPI', async () => {
    const doc = await api.http.get('/docs-json');
    const paths = Object.keys(doc.body.paths);
    for (const p of [
      '/organizations/{orgId}/needs',
      '/needs',
      '/needs/{id}',
      '/needs/{id}/close',
      '/needs/{id}/candidates',
      '/intern-applications',
      '/me/intern-applications',
      '/intern-applications/{id}/withdraw',
      '/organizations/{orgId}/matching-runs',
      '/matching-runs/{id}',
      '/matching-runs/{id}/proposals',
      '/matching-runs/{id}/apply',
      '/me/placements',
      '/placements/{id}',
      '/placements/{id}/accept',
      '/placements/{id}/decline',
    ])
      expect(paths).toContain(p);
    expect(doc.body.components.schemas.CreateNeedDto.required).toEqual(
      expect.arrayContaining(['title', 'startDate', 'endDate', 'slots']),
    );
  });
});
