import { Clock } from '@puente/platform';
import { SafeguardingMaintenanceService } from '@puente/safeguarding';
import { startTestApi, TestApi } from '../support/api-app';
import { createOrgWithCoordinator, TestUser } from '../support/factories';
import { RunningProcess, startProcess, waitFor, WORKER_MAIN } from '../support/processes';
import {
  acceptedApplication,
  outbox,
  publishedTrip,
  volunteer,
  waitForCheck,
} from './safeguarding-harness';

/**
 * The whole flow over real HTTP: the real API in this process, the real worker spawned from the
 * build; the sandbox provider posts its signed webhook to the API after SANDBOX_CHECK_DELAY_MS.
 */
describe('safeguarding: accept → check requested → sandbox webhook → confirm', () => {
  let api: TestApi;
  let worker: RunningProcess;
  let org: { id: string };
  let coordinator: TestUser;

  beforeAll(async () => {
    const settings = {
      SANDBOX_CHECK_DELAY_MS: '400',
      BACKGROUND_CHECK_REPAIR_MS: '500',
      BACKGROUND_CHECK_WEBHOOK_SECRET: 'sandbox-flow-webhook-secret',
      ADVERSE_ACTION_WAIT_DAYS: '5',
    };
    api = await startTestApi(settings);
    worker = startProcess(WORKER_MAIN, {
      ...api.env.vars,
      ...settings,
      PUBLIC_URL: api.http.baseUrl,
      LOG_LEVEL: 'info',
    });
    await waitFor('the worker', async () => worker.output().includes('worker started'));
    ({ org, coordinator } = await createOrgWithCoordinator(api.http));
  });
  afterAll(async () => {
    api.app.get(Clock).reset();
    await worker?.stop();
    await api?.close();
  });

  async function acceptAndWait(email?: string) {
    const v = await volunteer(api.http, email ? { email } : {});
    const trip = await publishedTrip(api.http, org.id, coordinator);
    const applicationId = await acceptedApplication(api.http, trip.id, v, coordinator);
    const mine = await api.http.get('/me/background-checks', { token: v.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    const checkId = mine.body.items[0].id as string;
    return { v, trip, applicationId, checkId };
  }

  const confirm = (applicationId: string) =>
    api.http.post(`/applications/${applicationId}/confirm`, undefined, {
      token: coordinator.token,
    });

  it('clear: the accepted application requests a check, the sandbox completes it, and confirmation succeeds', async () => {
    const { v, applicationId, checkId } = await acceptAndWait();
    const early = await confirm(applicationId);
    if (early.status === 422) expect(early.body.reasons[0]).toMatch(/^background check: /);

    const done = await waitForCheck(api.http, v.token, checkId, (c) => c.status === 'completed');
    expect(done).toMatchObject({ provider: 'sandbox', result: 'clear', adjudication: null });
    expect(done.history.map((h: { action: string }) => h.action)).toEqual([
      'requested',
      'started',
      'completed',
    ]);
    const res = await confirm(applicationId);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('confirmed');
    // The worker renders and sends them (to .eml files here).
    for (const template of ['background-check.requested', 'background-check.completed']) {
      const [sent] = await waitFor(`${template} to be sent`, async () => {
        const rows = await outbox(api, { template, userId: v.id });
        return rows.length === 1 && rows[0].status !== 'pending' ? rows : undefined;
      });
      expect({ template, status: sent.status, error: sent.last_error }).toEqual({
        template,
        status: 'sent',
        error: null,
      });
    }
  });

  it('one clear check serves the next trip too: no second check is requested', async () => {
    const { v, checkId } = await acceptAndWait();
    await waitForCheck(api.http, v.token, checkId, (c) => c.status === 'completed');
    const trip2 = await publishedTrip(api.http, org.id, coordinator, { title: 'Otoño' });
    const app2 = await acceptedApplication(api.http, trip2.id, v, coordinator);
    expect(
      (await api.http.get('/me/background-checks', { token: v.token })).body.items,
    ).toHaveLength(1);
    expect((await confirm(app2)).status).toBe(200);
  });

  it('+consider: confirmation waits for review, then an approval lets it through', async () => {
    const { v, applicationId, checkId } = await acceptAndWait(
      `maria+consider-${Date.now()}@example.org`,
    );
    await waitForCheck(api.http, v.token, checkId, (c) => c.status === 'completed');
    const blocked = await confirm(applicationId);
    expect(blocked.status).toBe(422);
    expect(blocked.body.reasons).toEqual([
      'background check: completed, awaiting a coordinator’s review',
    ]);
    const review = await outbox(api, {
      template: 'background-check.needs-review',
      userId: coordinator.id,
    });
    expect(review.some((n) => n.data.checkId === checkId)).toBe(true);

    const approved = await api.http.post(
      `/background-checks/${checkId}/adjudicate`,
      { decision: 'approved', note: 'An old, unrelated traffic matter.' },
      { token: coordinator.token },
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ result: 'consider', adjudication: 'approved' });
    expect((await confirm(applicationId)).status).toBe(200);
    // Decided once: a second decision is a conflict.
    const again = await api.http.post(
      `/background-checks/${checkId}/adjudicate`,
      { decision: 'rejected', note: 'changed my mind' },
      { token: coordinator.token },
    );
    expect(again.status).toBe(409);
  });

  it('rejected: pre-adverse notice, a waiting period, then the final notice; confirmation stays blocked', async () => {
    const { v, applicationId, checkId } = await acceptAndWait(
      `juan+consider-${Date.now()}@example.org`,
    );
    await waitForCheck(api.http, v.token, checkId, (c) => c.status === 'completed');
    const rejected = await api.http.post(
      `/background-checks/${checkId}/adjudicate`,
      { decision: 'rejected', note: 'Relevant to work with children.' },
      { token: coordinator.token },
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body.adverseAction).toMatchObject({ stage: 'pre_adverse', finalSentAt: null });
    const [notice] = await outbox(api, {
      template: 'background-check.pre-adverse-action',
      userId: v.id,
    });
    expect(notice.data).toMatchObject({ waitDays: 5 });
    await waitFor('the pre-adverse notice to be sent', async () => {
      const rows = await outbox(api, {
        template: 'background-check.pre-adverse-action',
        userId: v.id,
      });
      return rows[0]?.status === 'sent' || undefined;
    });
    expect(notice.data.reportCopyUrl).toContain(`/background-checks/${checkId}`);
    expect(notice.data.disputeUrl).toContain(`/background-checks/${checkId}/dispute`);

    const blocked = await confirm(applicationId);
    expect(blocked.status).toBe(422);
    expect(blocked.body.reasons).toEqual(['background check: not cleared']);
    const status = await api.http.get('/me/safeguarding', { token: v.token });
    expect(status.body.requirements[0]).toMatchObject({ state: 'not_cleared' });
    expect(status.body.requirements[0].next).toMatch(/dispute/);

    // Four days on, nothing final yet; six days on, the daily job sends the final notice.
    const clock = api.app.get(Clock);
    const daily = api.app.get(SafeguardingMaintenanceService);
    clock.travelTo(new Date(Date.now() + 4 * 86_400_000));
    await daily.runDaily();
    expect(
      await outbox(api, { template: 'background-check.final-adverse-action', userId: v.id }),
    ).toHaveLength(0);
    clock.travelTo(new Date(Date.now() + 6 * 86_400_000));
    await daily.runDaily();
    clock.reset();
    expect(
      await outbox(api, { template: 'background-check.final-adverse-action', userId: v.id }),
    ).toHaveLength(1);
    const final = await api.http.get(`/background-checks/${checkId}`, { token: v.token });
    expect(final.body.adverseAction.stage).toBe('final');
    expect((await confirm(applicationId)).status).toBe(422);
  });

  it('a dispute in the waiting period holds the decision', async () => {
    const { v, checkId } = await acceptAndWait(`ana+consider-${Date.now()}@example.org`);
    await waitForCheck(api.http, v.token, checkId, (c) => c.status === 'completed');
    await api.http.post(
      `/background-checks/${checkId}/adjudicate`,
      { decision: 'rejected', note: 'Relevant to work with children.' },
      { token: coordinator.token },
    );
    const disputed = await api.http.post(
      `/background-checks/${checkId}/dispute`,
      { reason: 'That record belongs to someone else with my name.' },
      { token: v.token },
    );
    expect(disputed.status).toBe(200);
    expect(disputed.body.adverseAction.stage).toBe('disputed');
    const clock = api.app.get(Clock);
    clock.travelTo(new Date(Date.now() + 30 * 86_400_000));
    await api.app.get(SafeguardingMaintenanceService).runDaily();
    clock.reset();
    const held = await api.http.get(`/background-checks/${checkId}`, { token: v.token });
    expect(held.body.adverseAction).toMatchObject({ stage: 'disputed', finalSentAt: null });
    // A second dispute is a conflict; the coordinator decides again.
    expect(
      (
        await api.http.post(
          `/background-checks/${checkId}/dispute`,
          { reason: 'again' },
          { token: v.token },
        )
      ).status,
    ).toBe(409);
    const approved = await api.http.post(
      `/background-checks/${checkId}/adjudicate`,
      { decision: 'approved', note: 'Identity mix-up confirmed by the provider.' },
      { token: coordinator.token },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.adjudication).toBe('approved');
  });
});
