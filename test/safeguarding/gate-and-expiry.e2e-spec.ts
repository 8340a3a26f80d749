import { getQueueToken } from '@nestjs/bull';
import { Clock, QUEUES } from '@puente/platform';
import { SafeguardingGate, SafeguardingMaintenanceService } from '@puente/safeguarding';
import type { Queue } from 'bull';
import { addDays, addMonths } from '../../libs/safeguarding/src/calendar';
import { startTestApi, TestApi } from '../support/api-app';
import { waitFor } from '../support/processes';
import { createOrgWithCoordinator, TestUser } from '../support/factories';
import {
  dataSource,
  outbox,
  requirements,
  TestLinks,
  unmet,
  volunteer,
} from './safeguarding-harness';

const today = () => new Date().toISOString().slice(0, 10);

describe('safeguarding: the gate, expiry and the daily job (manual checks, controlled clock)', () => {
  let api: TestApi;
  let links: TestLinks;
  let clock: Clock;
  let org: { id: string };
  let coordinator: TestUser;

  beforeAll(async () => {
    api = await startTestApi({
      BACKGROUND_CHECK_VALID_MONTHS: '24',
      ADVERSE_ACTION_WAIT_DAYS: '5',
    });
    links = new TestLinks(api.app);
    clock = api.app.get(Clock);
    ({ org, coordinator } = await createOrgWithCoordinator(api.http));
  });
  afterEach(() => clock.reset());
  afterAll(async () => api.close());

  async function manualCheck(v: TestUser, completedOn: string, result = 'clear') {
    const res = await api.http.post(
      '/background-checks/manual',
      { volunteerId: v.id, result, completedOn, reference: `PNC-${completedOn}` },
      { token: coordinator.token },
    );
    expect(res.status).toBe(201);
    return res.body;
  }

  it('accepts a check valid through the trip end date and refuses one expiring the day before', async () => {
    const v = await volunteer(api.http);
    links.link(v.id, org.id);
    const completedOn = addDays(today(), -10);
    const check = await manualCheck(v, completedOn);
    const expiresAt = addMonths(completedOn, 24);
    expect(check).toMatchObject({
      status: 'completed',
      result: 'clear',
      provider: 'manual',
      expiresAt,
    });

    expect(await unmet(api, v.id, org.id, addDays(expiresAt, -7), expiresAt)).toEqual([]);
    const dayAfter = await unmet(api, v.id, org.id, addDays(expiresAt, -7), addDays(expiresAt, 1));
    expect(dayAfter).toEqual([
      {
        requirement: 'background_check',
        message: `background check: valid only until ${expiresAt}, before ${addDays(expiresAt, 1)}`,
      },
    ]);
  });

  it('with the clock moved past expiry, the daily job marks the check expired, emails the volunteer, and the gate refuses', async () => {
    const v = await volunteer(api.http);
    links.link(v.id, org.id);
    const completedOn = addDays(today(), -3);
    const check = await manualCheck(v, completedOn);
    const daily = api.app.get(SafeguardingMaintenanceService);

    // 30 days before: expiring-soon notices to the volunteer and the linked coordinators.
    clock.travelTo(new Date(`${addDays(check.expiresAt, -20)}T12:00:00Z`));
    await daily.runDaily();
    await daily.runDaily(); // a second run in a day changes nothing
    expect(
      await outbox(api, { template: 'background-check.expiring-soon', userId: v.id }),
    ).toHaveLength(1);
    const toCoordinator = await outbox(api, {
      template: 'background-check.expiring-coordinator',
      userId: coordinator.id,
    });
    expect(toCoordinator.filter((n) => n.data.checkId === check.id)).toHaveLength(1);

    clock.travelTo(new Date(`${addDays(check.expiresAt, 1)}T08:00:00Z`));
    const report = await daily.runDaily();
    expect(report.expired).toBeGreaterThanOrEqual(1);
    const res = await api.http.get(`/background-checks/${check.id}`, { token: v.token });
    expect(res.body.status).toBe('expired');
    expect(await outbox(api, { template: 'background-check.expired', userId: v.id })).toHaveLength(
      1,
    );
    const gate = await unmet(
      api,
      v.id,
      org.id,
      addDays(check.expiresAt, 10),
      addDays(check.expiresAt, 20),
    );
    expect(gate[0].message).toMatch(/background check: expired/);
  });

  it('erases details twelve months after expiry, keeping dates and result', async () => {
    const v = await volunteer(api.http);
    links.link(v.id, org.id);
    const check = await manualCheck(v, addDays(today(), -1));
    const daily = api.app.get(SafeguardingMaintenanceService);
    clock.travelTo(new Date(`${addMonths(check.expiresAt, 12)}T12:00:00Z`));
    await daily.runDaily(); // expires it; not yet 12 months past expiry + 1 day
    let [row] = await dataSource(api).query(`SELECT * FROM background_checks WHERE id = $1`, [
      check.id,
    ]);
    expect(row.status).toBe('expired');
    expect(row.provider_reference).not.toBeNull();

    clock.travelTo(new Date(`${addDays(addMonths(check.expiresAt, 12), 1)}T12:00:00Z`));
    await daily.runDaily();
    [row] = await dataSource(api).query(`SELECT * FROM background_checks WHERE id = $1`, [
      check.id,
    ]);
    expect(row).toMatchObject({
      status: 'expired',
      result: 'clear',
      provider_reference: null,
      requested_by: null,
      organization_id: null,
    });
    expect(row.completed_at).not.toBeNull();
    const [{ expires_on }] = await dataSource(api).query(
      `SELECT expires_on::text FROM background_checks WHERE id = $1`,
      [check.id],
    );
    expect(expires_on).toBe(check.expiresAt);
    expect(row.details_erased_at).not.toBeNull();
  });

  it('requires training valid through the end date, the current code of conduct, and guardian consent under 18', async () => {
    const v = await volunteer(api.http, {}, { dateOfBirth: '1990-01-01' });
    links.link(v.id, org.id);
    await manualCheck(v, today());
    const all = requirements({ safeguardingTraining: true, codeOfConduct: true });
    const start = addDays(today(), 60);
    const end = addDays(today(), 70);
    const reasons = (await unmet(api, v.id, org.id, start, end, all)).map((r) => r.requirement);
    expect(reasons).toEqual(['safeguarding_training', 'code_of_conduct']);

    const training = await api.http.post(
      '/safeguarding-trainings',
      {
        volunteerId: v.id,
        completedOn: today(),
        provider: 'Keeping Children Safe',
        reference: 'KCS-1',
      },
      { token: coordinator.token },
    );
    expect(training.status).toBe(201);
    expect(training.body.expiresAt).toBe(addMonths(today(), 24));

    const v1 = await api.http.post(
      `/organizations/${org.id}/code-of-conduct`,
      { version: '2026.1', text: 'Never be alone with a child out of sight of another adult.' },
      { token: coordinator.token },
    );
    expect(v1.status).toBe(201);
    expect((await unmet(api, v.id, org.id, start, end, all)).map((r) => r.message)).toEqual([
      'code of conduct: version 2026.1 not yet accepted',
    ]);
    const accept = await api.http.post(
      `/organizations/${org.id}/code-of-conduct/accept`,
      undefined,
      { token: v.token },
    );
    expect(accept.status).toBe(201);
    expect(accept.body).toMatchObject({ version: '2026.1', userId: v.id });
    expect(await unmet(api, v.id, org.id, start, end, all)).toEqual([]);

    // A new version needs a new acceptance.
    const v2 = await api.http.post(
      `/organizations/${org.id}/code-of-conduct`,
      {
        version: '2026.2',
        text: 'Never be alone with a child; never share photos of children online.',
      },
      { token: coordinator.token },
    );
    expect(v2.status).toBe(201);
    expect((await unmet(api, v.id, org.id, start, end, all)).map((r) => r.requirement)).toEqual([
      'code_of_conduct',
    ]);
    const status = await api.http.get('/me/safeguarding', { token: v.token });
    expect(
      status.body.requirements.find((r: any) => r.requirement === 'code_of_conduct'),
    ).toMatchObject({
      organization: { id: org.id },
      state: 'outdated',
    });
    await api.http.post(`/organizations/${org.id}/code-of-conduct/accept`, undefined, {
      token: v.token,
    });
    expect(await unmet(api, v.id, org.id, start, end, all)).toEqual([]);
    // Same version twice: 409.
    const again = await api.http.post(
      `/organizations/${org.id}/code-of-conduct`,
      {
        version: '2026.2',
        text: 'Never be alone with a child; never share photos of children online.',
      },
      { token: coordinator.token },
    );
    expect(again.status).toBe(409);

    // Training that ends the day before the trip ends does not count.
    const trainingEnd = addMonths(today(), 24);
    expect(
      (
        await unmet(
          api,
          v.id,
          org.id,
          start,
          addDays(trainingEnd, 1),
          requirements({ backgroundCheck: false, safeguardingTraining: true }),
        )
      ).map((r) => r.requirement),
    ).toEqual(['safeguarding_training']);
  });

  it('asks a guardian of a minor, whose one-time link lets them consent, and then the gate is met', async () => {
    const start = addDays(today(), 40);
    // 17 on the start date.
    const dob = addDays(addMonths(start, -12 * 17), -10);
    const v = await volunteer(api.http, {}, { dateOfBirth: dob });
    links.link(v.id, org.id);
    await manualCheck(v, today());
    const noGuardian = await api.http.post(
      '/me/guardian-consents',
      { organizationId: org.id },
      { token: v.token },
    );
    expect(noGuardian.status).toBe(422);
    expect(
      (await unmet(api, v.id, org.id, start, addDays(start, 7))).map((r) => r.message),
    ).toEqual(['guardian consent: not yet requested from a guardian']);

    await api.http.put(
      '/me/profile',
      {
        dateOfBirth: dob,
        phone: '+15125550100',
        country: 'US',
        emergencyContact: { name: 'Ana López', phone: '+15125550101', relation: 'mother' },
        guardianName: 'Ana López',
        guardianEmail: 'Ana.Lopez@Example.org',
      },
      { token: v.token },
    );
    const asked = await api.http.post(
      '/me/guardian-consents',
      { organizationId: org.id },
      { token: v.token },
    );
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ state: 'requested', guardianName: 'Ana López' });
    const [email] = await outbox(api, {
      template: 'guardian-consent.request',
      dedupeLike: `guardian-consent:${asked.body.id}:%`,
    });
    expect(email.to_email).toBe('ana.lopez@example.org');
    expect(JSON.stringify(email.data)).not.toMatch(/token/); // no usable link at rest

    // The email worker resolves the link when it sends: a fresh one-time token.
    const { NotificationDataRegistry } = await import('@puente/notifications');
    const [row] = await dataSource(api).query(`SELECT * FROM notifications WHERE dedupe_key = $1`, [
      email.dedupe_key,
    ]);
    const fresh = await api.app
      .get(NotificationDataRegistry)
      .resolve({ ...row, data: row.data, template: row.template });
    const token = /\/guardian-consents\?token=([A-Za-z0-9_-]{43})$/.exec(
      String(fresh!.consentUrl),
    )![1];
    const [stored] = await dataSource(api).query(
      `SELECT token_hash FROM guardian_consents WHERE id = $1`,
      [asked.body.id],
    );
    expect(stored.token_hash).not.toContain(token);

    expect(
      (await unmet(api, v.id, org.id, start, addDays(start, 7))).map((r) => r.message),
    ).toEqual(['guardian consent: waiting for the guardian to consent']);
    const page = await api.http.get(`/guardian-consents?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ guardianName: 'Ana López', state: 'requested' });
    expect(
      (await api.http.post('/guardian-consents', { token, consent: false, signedName: 'Ana' }))
        .status,
    ).toBe(400);
    const given = await api.http.post('/guardian-consents', {
      token,
      consent: true,
      signedName: 'Ana López',
    });
    expect(given.status).toBe(200);
    expect(given.body.state).toBe('given');
    expect(
      (
        await api.http.post('/guardian-consents', {
          token,
          consent: true,
          signedName: 'Ana López',
        })
      ).status,
    ).toBe(404);
    expect(await unmet(api, v.id, org.id, start, addDays(start, 7))).toEqual([]);
    // An adult on the start date needs none.
    expect(
      await unmet(api, v.id, org.id, addMonths(dob, 12 * 18), addMonths(dob, 12 * 18)),
    ).toEqual([]);
  });

  it('shows each requirement in /me/safeguarding with its state, expiry and next step', async () => {
    const v = await volunteer(api.http);
    links.link(v.id, org.id);
    let res = await api.http.get('/me/safeguarding', { token: v.token });
    expect(res.status).toBe(200);
    expect(res.body.minor).toBe(false);
    const bc = res.body.requirements.find((r: any) => r.requirement === 'background_check');
    expect(bc).toMatchObject({ state: 'none', expiresAt: null });
    expect(bc.next).toMatch(/requested/);
    const check = await manualCheck(v, today());
    res = await api.http.get('/me/safeguarding', { token: v.token });
    expect(
      res.body.requirements.find((r: any) => r.requirement === 'background_check'),
    ).toMatchObject({
      state: 'valid',
      expiresAt: check.expiresAt,
      next: null,
      id: check.id,
    });
  });

  it('requests a check in the caller’s transaction only when needed, and queues it only after commit', async () => {
    const v = await volunteer(api.http);
    links.link(v.id, org.id);
    const gate = api.app.get(SafeguardingGate);
    const queue = api.app.get<Queue>(getQueueToken(QUEUES.backgroundChecks));
    const input = {
      userId: v.id,
      organizationId: org.id,
      validThrough: addDays(today(), 90),
      requestedBy: coordinator.id,
    };
    const checks = async () =>
      (await dataSource(api).query(
        `SELECT id, status FROM background_checks WHERE volunteer_id = $1`,
        [v.id],
      )) as {
        id: string;
        status: string;
      }[];

    let rolledBack: string | null = null;
    await expect(
      dataSource(api).transaction(async (m) => {
        rolledBack = await gate.requestCheckIfNeeded(m, input);
        throw new Error('the caller rolls back');
      }),
    ).rejects.toThrow('the caller rolls back');
    expect(rolledBack).toEqual(expect.any(String));
    expect(await checks()).toEqual([]);

    const id = await dataSource(api).transaction((m) => gate.requestCheckIfNeeded(m, input));
    expect(await checks()).toEqual([{ id, status: 'pending' }]);
    await waitFor(
      'the first step to be queued',
      async () => (await queue.getJob(`${id}:start`)) ?? undefined,
    );
    expect(await queue.getJob(`${rolledBack}:start`)).toBeNull();

    // In progress: nothing more to request.
    expect(
      await dataSource(api).transaction((m) => gate.requestCheckIfNeeded(m, input)),
    ).toBeNull();
    // A clear check valid through the date: nothing either; beyond its expiry: a new one.
    await dataSource(api).query(`UPDATE background_checks SET status = 'cancelled' WHERE id = $1`, [
      id,
    ]);
    const manual = await manualCheck(v, today());
    expect(
      await dataSource(api).transaction((m) =>
        gate.requestCheckIfNeeded(m, { ...input, validThrough: manual.expiresAt }),
      ),
    ).toBeNull();
    const renewal = await dataSource(api).transaction((m) =>
      gate.requestCheckIfNeeded(m, { ...input, validThrough: addDays(manual.expiresAt, 1) }),
    );
    expect(renewal).toEqual(expect.any(String));
    expect(renewal).not.toBe(id);
  });

  it('records an offline check while a provider check is in flight; the clear one satisfies the gate', async () => {
    const v = await volunteer(api.http);
    links.link(v.id, org.id);
    const pending = await api.http.post(
      '/background-checks',
      { volunteerId: v.id },
      { token: coordinator.token },
    );
    expect(pending.status).toBe(202);
    const manual = await manualCheck(v, today());
    expect(manual.id).not.toBe(pending.body.id);
    expect(manual.history.map((h: { action: string }) => h.action)).toEqual(['completed']);
    expect(await unmet(api, v.id, org.id, addDays(today(), 30), addDays(today(), 40))).toEqual([]);
    const mine = await api.http.get('/me/background-checks', { token: v.token });
    expect(mine.body.items.map((c: { status: string }) => c.status).sort()).toEqual([
      'completed',
      'pending',
    ]);
  });

  it('a manual request is completed by the certificate the coordinator records', async () => {
    const v = await volunteer(api.http);
    links.link(v.id, org.id);
    const requested = await api.http.post(
      '/background-checks',
      { volunteerId: v.id, provider: 'manual' },
      { token: coordinator.token },
    );
    const manual = await manualCheck(v, today());
    expect(manual.id).toBe(requested.body.id);
    expect(manual).toMatchObject({
      status: 'completed',
      provider: 'manual',
      reference: `PNC-${today()}`,
    });
  });
});
