import { startTestApi, TestApi } from '../support/api-app';
import { CheckrServer } from '../support/checkr-server';
import { createOrgWithCoordinator, TestUser } from '../support/factories';
import { RunningProcess, startProcess, waitFor, WORKER_MAIN } from '../support/processes';
import { dataSource, outbox, TestLinks, volunteer, waitForCheck } from './safeguarding-harness';

const API_KEY = 'test_checkr_api_key_0123';
const WEBHOOK_SECRET = 'checkr-webhook-secret-for-tests';

/** The Checkr adapter, run by the real worker against a local server shaped like Checkr's API. */
describe('safeguarding: the checkr provider against a Checkr-shaped server', () => {
  let api: TestApi;
  let checkr: CheckrServer;
  let worker: RunningProcess;
  let links: TestLinks;
  let org: { id: string };
  let coordinator: TestUser;
  let webhookUrl: string;

  beforeAll(async () => {
    checkr = await CheckrServer.start(API_KEY, WEBHOOK_SECRET);
    const settings = { CHECKR_WEBHOOK_SECRET: WEBHOOK_SECRET, BACKGROUND_CHECK_REPAIR_MS: '300' };
    api = await startTestApi(settings);
    webhookUrl = `${api.http.baseUrl}/webhooks/background-checks/checkr`;
    links = new TestLinks(api.app);
    worker = startProcess(WORKER_MAIN, {
      ...api.env.vars,
      ...settings,
      CHECKR_API_URL: checkr.url,
      CHECKR_API_KEY: API_KEY,
      CHECKR_PACKAGE: 'tasker_standard',
      PUBLIC_URL: api.http.baseUrl,
      LOG_LEVEL: 'info',
    });
    await waitFor('the worker', async () => worker.output().includes('worker started'));
    ({ org, coordinator } = await createOrgWithCoordinator(api.http));
  });
  afterAll(async () => {
    await worker?.stop();
    await api?.close();
    await checkr?.close();
  });

  async function requestCheckr(name = 'María José López') {
    const v = await volunteer(api.http, { name });
    links.link(v.id, org.id);
    const res = await api.http.post(
      '/background-checks',
      { volunteerId: v.id, provider: 'checkr' },
      { token: coordinator.token },
    );
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'pending' });
    return { v, checkId: res.body.id as string };
  }

  const invitationFor = (candidateId: string) =>
    [...checkr.invitations.values()].find((i) => i.candidate_id === candidateId)!;

  it('creates a candidate and an invitation, emails the consent link, and completes on the report webhook', async () => {
    const { v, checkId } = await requestCheckr();
    const started = await waitForCheck(
      api.http,
      v.token,
      checkId,
      (c) => c.status === 'in_progress',
    );
    const candidate = [...checkr.candidates.values()].find((c) => c.custom_id === checkId)!;
    expect(candidate).toMatchObject({
      email: v.email,
      first_name: 'María',
      last_name: 'José López',
    });
    const invitation = invitationFor(candidate.id);
    expect(invitation.package).toBe('tasker_standard');
    expect(started.consentUrl).toBe(invitation.invitation_url);
    expect(started.reference).toBe(candidate.id);

    // Basic auth with the key as user name; never an SSN, date of birth or licence number sent.
    const calls = checkr.requests.filter(
      (r) => r.body?.custom_id === checkId || r.body?.candidate_id === candidate.id,
    );
    expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/candidates',
      'POST /v1/invitations',
    ]);
    for (const call of calls) {
      expect(call.authorization).toBe(`Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`);
      expect(Object.keys(call.body!)).not.toEqual(expect.arrayContaining(['ssn']));
      expect(JSON.stringify(call.body)).not.toMatch(/ssn|dob|driver_license/);
    }
    const [email] = await outbox(api, { template: 'background-check.requested', userId: v.id });
    expect(email.data.consentUrl).toBe(invitation.invitation_url);
    // The consent link is the volunteer's: a coordinator's view does not carry it.
    const asCoordinator = await api.http.get(`/background-checks/${checkId}`, {
      token: coordinator.token,
    });
    expect(asCoordinator.body).not.toHaveProperty('consentUrl');

    const report = checkr.completeInvitation(invitation.id);
    expect(
      (await checkr.sendWebhook(webhookUrl, checkr.event('invitation.completed', invitation)))
        .status,
    ).toBe(200);
    checkr.completeReport(report.id, 'clear');
    expect(
      (await checkr.sendWebhook(webhookUrl, checkr.event('report.completed', report))).status,
    ).toBe(200);
    const done = await waitForCheck(api.http, v.token, checkId, (c) => c.status === 'completed');
    expect(done).toMatchObject({ provider: 'checkr', result: 'clear' });
    const [row] = await dataSource(api).query(
      `SELECT provider_report_id FROM background_checks WHERE id = $1`,
      [checkId],
    );
    expect(row.provider_report_id).toBe(report.id);
  });

  it('retries an outage with backoff and reuses the candidate it already made', async () => {
    checkr.failNext(1, 503, '/v1/invitations');
    const { v, checkId } = await requestCheckr();
    const started = await waitForCheck(
      api.http,
      v.token,
      checkId,
      (c) => c.status === 'in_progress',
      30_000,
    );
    const candidates = [...checkr.candidates.values()].filter((c) => c.custom_id === checkId);
    expect(candidates).toHaveLength(1);
    const invitationCalls = checkr.requests.filter(
      (r) => r.path === '/v1/invitations' && r.body?.candidate_id === candidates[0].id,
    );
    expect(invitationCalls).toHaveLength(2);
    expect(started.consentUrl).toBe(invitationFor(candidates[0].id).invitation_url);
  });

  it('does not retry a request Checkr refuses (4xx): the check waits, with a detail-free error', async () => {
    checkr.failNext(1, 422, '/v1/candidates');
    const { checkId } = await requestCheckr();
    const [row] = await waitFor('the refusal to be recorded', async () => {
      const rows = await dataSource(api).query(
        `SELECT status, last_error, attempts FROM background_checks WHERE id = $1 AND last_error IS NOT NULL`,
        [checkId],
      );
      return rows.length ? rows : undefined;
    });
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toBe('checkr answered 422 to POST /v1/candidates');
  });

  it('fetches the report when the event carries only its id (include_object off)', async () => {
    const { v, checkId } = await requestCheckr();
    await waitForCheck(api.http, v.token, checkId, (c) => c.status === 'in_progress');
    const candidate = [...checkr.candidates.values()].find((c) => c.custom_id === checkId)!;
    const invitation = invitationFor(candidate.id);
    const report = checkr.completeInvitation(invitation.id);
    await checkr.sendWebhook(webhookUrl, checkr.event('invitation.completed', invitation));
    checkr.completeReport(report.id, 'consider');
    const stub = { id: report.id, object: 'report', uri: `/v1/reports/${report.id}` };
    expect(
      (await checkr.sendWebhook(webhookUrl, checkr.event('report.completed', stub))).status,
    ).toBe(200);
    const done = await waitForCheck(api.http, v.token, checkId, (c) => c.status === 'completed');
    expect(done.result).toBe('consider');
    expect(
      checkr.requests.some((r) => r.method === 'GET' && r.path === `/v1/reports/${report.id}`),
    ).toBe(true);
  });

  it('cancels the check when the invitation expires unanswered', async () => {
    const { v, checkId } = await requestCheckr();
    await waitForCheck(api.http, v.token, checkId, (c) => c.status === 'in_progress');
    const candidate = [...checkr.candidates.values()].find((c) => c.custom_id === checkId)!;
    const invitation = checkr.expireInvitation(invitationFor(candidate.id).id);
    const event = checkr.event('invitation.expired', invitation);
    expect((await checkr.sendWebhook(webhookUrl, event)).status).toBe(200);
    expect((await checkr.sendWebhook(webhookUrl, event)).status).toBe(200); // a replay
    const done = await waitForCheck(api.http, v.token, checkId, (c) => c.status === 'cancelled');
    expect(done.history.map((h: { action: string }) => h.action)).toEqual([
      'requested',
      'started',
      'invitation_expired',
    ]);
    // The coordinator may request a new one now.
    const again = await api.http.post(
      '/background-checks',
      { volunteerId: v.id, provider: 'checkr' },
      { token: coordinator.token },
    );
    expect(again.status).toBe(202);
  });

  it('refuses a webhook signed with another secret', async () => {
    const event = checkr.event('report.completed', {
      id: 'r',
      object: 'report',
      status: 'complete',
      result: 'clear',
    });
    expect((await checkr.sendWebhook(webhookUrl, event, { secret: 'not-the-secret' })).status).toBe(
      401,
    );
    expect((await checkr.sendWebhook(webhookUrl, event, { signature: null })).status).toBe(401);
  });
});
