import { randomBytes } from 'node:crypto';
import { startTestApi, TestApi } from '../support/api-app';
import { createOrgWithCoordinator, loginAdmin, TestUser } from '../support/factories';
import { dataSource, daysFromNow, TestLinks, volunteer } from './safeguarding-harness';

describe('safeguarding: who may see and act, and malformed input', () => {
  let api: TestApi;
  let links: TestLinks;
  let orgA: { id: string };
  let coordA: TestUser;
  let coordB: TestUser;
  let v: TestUser;
  let other: TestUser;
  let checkId: string;

  beforeAll(async () => {
    api = await startTestApi();
    links = new TestLinks(api.app);
    ({ org: orgA, coordinator: coordA } = await createOrgWithCoordinator(api.http));
    ({ coordinator: coordB } = await createOrgWithCoordinator(api.http));
    v = await volunteer(api.http);
    other = await volunteer(api.http);
    links.link(v.id, orgA.id);
    const res = await api.http.post(
      '/background-checks',
      { volunteerId: v.id },
      { token: coordA.token },
    );
    expect(res.status).toBe(202);
    checkId = res.body.id;
  });
  afterAll(async () => api.close());

  const audits = async (actorId: string) =>
    (
      await dataSource(api).query(
        `SELECT action, organization_ids FROM background_check_audit WHERE actor_id = $1 AND check_id = $2 ORDER BY at`,
        [actorId, checkId],
      )
    ).map((r: { action: string }) => r.action);

  it('lets the volunteer and a linked coordinator read the check, auditing the coordinator', async () => {
    const own = await api.http.get(`/background-checks/${checkId}`, { token: v.token });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      id: checkId,
      status: 'pending',
      provider: 'sandbox',
      result: null,
    });
    expect(own.body).toHaveProperty('consentUrl');
    const coordinator = await api.http.get(`/background-checks/${checkId}`, {
      token: coordA.token,
    });
    expect(coordinator.status).toBe(200);
    expect(await audits(coordA.id)).toEqual(['request', 'read']);
    const [row] = await dataSource(api).query(
      `SELECT organization_ids FROM background_check_audit WHERE actor_id = $1 AND action = 'read'`,
      [coordA.id],
    );
    expect(row.organization_ids).toEqual([orgA.id]);
    expect(await audits(v.id)).toEqual([]);
  });

  it('answers 404 to another volunteer, a coordinator of an unrelated organisation and an admin', async () => {
    const admin = await loginAdmin(api.http);
    for (const who of [other, coordB, admin]) {
      expect(
        (await api.http.get(`/background-checks/${checkId}`, { token: who.token })).status,
      ).toBe(404);
      const adj = await api.http.post(
        `/background-checks/${checkId}/adjudicate`,
        { decision: 'approved', note: 'fine' },
        { token: who.token },
      );
      expect(adj.status).toBe(404);
      expect(
        (
          await api.http.post(
            `/background-checks/${checkId}/dispute`,
            { reason: 'x' },
            { token: who.token },
          )
        ).status,
      ).toBe(404);
    }
    expect((await api.http.get('/background-checks/not-a-uuid', { token: v.token })).status).toBe(
      404,
    );
    expect(
      (
        await api.http.get(`/background-checks/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, {
          token: v.token,
        })
      ).status,
    ).toBe(404);
    expect((await api.http.get(`/background-checks/${checkId}`)).status).toBe(401);
    // Acting on a volunteer who is not linked to the caller's organisation: 404 too.
    for (const [path, body] of [
      ['/background-checks', { volunteerId: v.id }],
      [
        '/background-checks/manual',
        { volunteerId: v.id, result: 'clear', completedOn: daysFromNow(-1), reference: 'PNC-1' },
      ],
      [
        '/safeguarding-trainings',
        { volunteerId: v.id, completedOn: daysFromNow(-1), provider: 'KCS', reference: 'KCS-1' },
      ],
    ] as const) {
      expect((await api.http.post(path, body, { token: coordB.token })).status).toBe(404);
    }
    expect(await audits(coordB.id)).toEqual([]);
  });

  it('answers 403 to the wrong role among those who may see the check', async () => {
    expect(
      (
        await api.http.post(
          `/background-checks/${checkId}/adjudicate`,
          { decision: 'approved', note: 'x' },
          { token: v.token },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await api.http.post(
          `/background-checks/${checkId}/dispute`,
          { reason: 'x' },
          { token: coordA.token },
        )
      ).status,
    ).toBe(403);
    // A volunteer who coordinates nothing may not request checks, whatever the body (403 before 400).
    expect(
      (
        await api.http.post(
          '/background-checks',
          { volunteerId: 'nonsense' },
          { token: other.token },
        )
      ).status,
    ).toBe(403);
    expect(
      (await api.http.post('/safeguarding-trainings', {}, { token: other.token })).status,
    ).toBe(403);
    expect(
      (
        await api.http.post(
          `/organizations/${orgA.id}/code-of-conduct`,
          {},
          { token: coordB.token },
        )
      ).status,
    ).toBe(403);
  });

  it('answers 409 to adjudicating a result that is not consider', async () => {
    const res = await api.http.post(
      `/background-checks/${checkId}/adjudicate`,
      { decision: 'approved', note: 'nothing to decide' },
      { token: coordA.token },
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('NOT_ADJUDICABLE');
    expect(await audits(coordA.id)).toEqual(['request', 'read']);
  });

  it('ends a coordinator’s access when the link ends', async () => {
    const w = await volunteer(api.http);
    links.link(w.id, orgA.id);
    const res = await api.http.post(
      '/background-checks',
      { volunteerId: w.id },
      { token: coordA.token },
    );
    expect(
      (await api.http.get(`/background-checks/${res.body.id}`, { token: coordA.token })).status,
    ).toBe(200);
    links.unlink(w.id, orgA.id);
    expect(
      (await api.http.get(`/background-checks/${res.body.id}`, { token: coordA.token })).status,
    ).toBe(404);
    expect(
      (await api.http.get(`/background-checks/${res.body.id}`, { token: w.token })).status,
    ).toBe(200);
  });

  it('answers 409 to a second request while one is in progress, and pages my checks', async () => {
    const again = await api.http.post(
      '/background-checks',
      { volunteerId: v.id },
      { token: coordA.token },
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CHECK_IN_PROGRESS');
    await dataSource(api).query(`UPDATE background_checks SET status = 'cancelled' WHERE id = $1`, [
      checkId,
    ]);
    const second = await api.http.post(
      '/background-checks',
      { volunteerId: v.id },
      { token: coordA.token },
    );
    expect(second.status).toBe(202);
    const page1 = await api.http.get('/me/background-checks?limit=1', { token: v.token });
    expect(page1.body.items.map((c: { id: string }) => c.id)).toEqual([second.body.id]);
    const page2 = await api.http.get(
      `/me/background-checks?limit=1&cursor=${page1.body.nextCursor}`,
      { token: v.token },
    );
    expect(page2.body).toEqual({
      items: [expect.objectContaining({ id: checkId })],
      nextCursor: null,
    });
    expect((await api.http.get('/me/background-checks', { token: other.token })).body).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('answers 400 naming the field to malformed input, and writes nothing', async () => {
    // A check with result consider, so adjudication reaches body validation.
    const c = await volunteer(api.http);
    links.link(c.id, orgA.id);
    const manual = await api.http.post(
      '/background-checks/manual',
      {
        volunteerId: c.id,
        result: 'consider',
        completedOn: daysFromNow(-2),
        reference: 'PNC-2026-1',
      },
      { token: coordA.token },
    );
    expect(manual.status).toBe(201);
    const considerId = manual.body.id;
    await dataSource(api).query(
      `UPDATE background_checks SET provider = 'sandbox', adjudication = 'rejected', adverse_stage = 'pre_adverse',
         pre_adverse_at = now(), final_adverse_due_at = now() + interval '5 days' WHERE id = $1`,
      [considerId],
    );
    const ssn = '123-45-6789';
    const validToken = randomBytes(32).toString('base64url');
    const A = coordA.token;
    const cases: [string, string, unknown, string, RegExp][] = [
      ['POST', '/background-checks', {}, A, /volunteerId/],
      ['POST', '/background-checks', { volunteerId: 'not-a-uuid' }, A, /volunteerId/],
      ['POST', '/background-checks', { volunteerId: v.id, provider: 'acme' }, A, /provider/],
      ['POST', '/background-checks', { volunteerId: v.id, ssn }, A, /ssn/],
      ['POST', '/background-checks', { volunteerId: 42 }, A, /volunteerId/],
      [
        'POST',
        '/background-checks/manual',
        { volunteerId: c.id, completedOn: daysFromNow(-1), reference: 'R1' },
        A,
        /result/,
      ],
      [
        'POST',
        '/background-checks/manual',
        { volunteerId: c.id, result: 'maybe', completedOn: daysFromNow(-1), reference: 'R1' },
        A,
        /result/,
      ],
      [
        'POST',
        '/background-checks/manual',
        { volunteerId: c.id, result: 'clear', completedOn: '2026-02-30', reference: 'R1' },
        A,
        /completedOn/,
      ],
      [
        'POST',
        '/background-checks/manual',
        { volunteerId: c.id, result: 'clear', completedOn: daysFromNow(3), reference: 'R1' },
        A,
        /completedOn/,
      ],
      [
        'POST',
        '/background-checks/manual',
        { volunteerId: c.id, result: 'clear', completedOn: daysFromNow(-900), reference: 'R1' },
        A,
        /completedOn/,
      ],
      [
        'POST',
        '/background-checks/manual',
        { volunteerId: c.id, result: 'clear', completedOn: daysFromNow(-1), reference: '' },
        A,
        /reference/,
      ],
      [
        'POST',
        '/background-checks/manual',
        { volunteerId: c.id, result: 'clear', completedOn: daysFromNow(-1), reference: ssn },
        A,
        /reference/,
      ],
      [
        'POST',
        '/background-checks/manual',
        { volunteerId: c.id, result: 'clear', completedOn: daysFromNow(-1), reference: '<script>' },
        A,
        /reference/,
      ],
      [
        'POST',
        `/background-checks/${considerId}/adjudicate`,
        { decision: 'maybe', note: 'x' },
        A,
        /decision/,
      ],
      ['POST', `/background-checks/${considerId}/adjudicate`, { decision: 'approved' }, A, /note/],
      [
        'POST',
        `/background-checks/${considerId}/adjudicate`,
        { decision: 'approved', note: '   ' },
        A,
        /note/,
      ],
      [
        'POST',
        `/background-checks/${considerId}/adjudicate`,
        { decision: 'approved', note: 'x'.repeat(2001) },
        A,
        /note/,
      ],
      ['POST', `/background-checks/${considerId}/dispute`, {}, c.token, /reason/],
      ['POST', `/background-checks/${considerId}/dispute`, { reason: 42 }, c.token, /reason/],
      [
        'POST',
        '/safeguarding-trainings',
        { volunteerId: c.id, completedOn: 'yesterday', provider: 'KCS', reference: 'K1' },
        A,
        /completedOn/,
      ],
      [
        'POST',
        '/safeguarding-trainings',
        { volunteerId: c.id, completedOn: daysFromNow(-1), reference: 'K1' },
        A,
        /provider/,
      ],
      [
        'POST',
        '/safeguarding-trainings',
        { volunteerId: c.id, completedOn: daysFromNow(5), provider: 'KCS', reference: 'K1' },
        A,
        /completedOn/,
      ],
      [
        'POST',
        `/organizations/${orgA.id}/code-of-conduct`,
        { version: 'has spaces!', text: 'A long enough code of conduct text.' },
        A,
        /version/,
      ],
      [
        'POST',
        `/organizations/${orgA.id}/code-of-conduct`,
        { version: '1', text: 'short' },
        A,
        /text/,
      ],
      ['POST', '/me/guardian-consents', { organizationId: 'nope' }, c.token, /organizationId/],
      [
        'POST',
        '/guardian-consents',
        { token: validToken, consent: 'yes', signedName: 'A' },
        '',
        /consent|signedName/,
      ],
      [
        'POST',
        '/guardian-consents',
        { token: 'short', consent: true, signedName: 'Ana' },
        '',
        /token/,
      ],
      ['GET', '/guardian-consents?token=', undefined, '', /token/],
      ['GET', '/me/background-checks?limit=0', undefined, c.token, /limit/],
      ['GET', '/me/background-checks?limit=101', undefined, c.token, /limit/],
      ['GET', '/me/background-checks?cursor=garbage', undefined, c.token, /cursor/],
    ];
    const count = async () =>
      (
        await dataSource(api).query(
          `SELECT (SELECT count(*) FROM background_checks)::int + (SELECT count(*) FROM background_check_events)::int
             + (SELECT count(*) FROM safeguarding_trainings)::int + (SELECT count(*) FROM codes_of_conduct)::int
             + (SELECT count(*) FROM guardian_consents)::int + (SELECT count(*) FROM background_check_audit)::int AS n`,
        )
      )[0].n;
    const before = await count();
    for (const [method, path, body, token, field] of cases) {
      const res = await api.http.request(method, path, body, token ? { token } : {});
      expect({ path, body, status: res.status }).toEqual({ path, body, status: 400 });
      expect(JSON.stringify(res.body.message)).toMatch(field);
    }
    for (const raw of ['{"volunteerId":', 'not json at all']) {
      const res = await api.http.post('/background-checks', undefined, { raw, token: A });
      expect(res.status).toBe(400);
    }
    expect(cases.length + 2).toBeGreaterThanOrEqual(20);
    expect(await count()).toBe(before);
  });
});
