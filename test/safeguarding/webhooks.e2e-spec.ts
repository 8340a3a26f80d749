import { createHmac, randomBytes } from 'node:crypto';
import { startTestApi, TestApi } from '../support/api-app';
import { createOrgWithCoordinator, TestUser } from '../support/factories';
import { dataSource, TestLinks, volunteer } from './safeguarding-harness';

const SECRET = 'sandbox-webhook-secret-for-tests';
const CHECKR_SECRET = 'checkr-webhook-secret-for-tests';

const hmac = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(payload).digest('hex');
const unix = () => Math.floor(Date.now() / 1000);

function sandboxHeaders(raw: string, opts: { secret?: string; t?: number } = {}) {
  const t = opts.t ?? unix();
  return { 'puente-signature': `t=${t},v1=${hmac(opts.secret ?? SECRET, `${t}.${raw}`)}` };
}

describe('safeguarding: provider webhooks (signatures, replay, trust)', () => {
  let api: TestApi;
  let links: TestLinks;
  let org: { id: string };
  let coordinator: TestUser;

  beforeAll(async () => {
    api = await startTestApi({
      BACKGROUND_CHECK_WEBHOOK_SECRET: SECRET,
      CHECKR_WEBHOOK_SECRET: CHECKR_SECRET,
    });
    links = new TestLinks(api.app);
    ({ org, coordinator } = await createOrgWithCoordinator(api.http));
  });
  afterAll(async () => api.close());

  /** A check as the worker leaves it once the provider has started it (no worker runs here). */
  async function startedCheck(provider: 'sandbox' | 'checkr', email?: string) {
    const v = await volunteer(api.http, email ? { email } : {});
    links.link(v.id, org.id);
    const res = await api.http.post(
      '/background-checks',
      { volunteerId: v.id, provider },
      { token: coordinator.token },
    );
    expect(res.status).toBe(202);
    const reference = `${provider === 'sandbox' ? 'sbx_' : ''}${randomBytes(12).toString('hex')}`;
    await dataSource(api).query(
      `UPDATE background_checks SET status = 'in_progress', provider_reference = $2, started_at = now()
       WHERE id = $1`,
      [res.body.id, reference],
    );
    return { volunteer: v, checkId: res.body.id as string, reference };
  }

  async function snapshot(checkId: string) {
    const [check] = await dataSource(api).query(
      `SELECT status, result, completed_at, expires_on::text, updated_at FROM background_checks WHERE id = $1`,
      [checkId],
    );
    const [{ n: events }] = await dataSource(api).query(
      `SELECT count(*)::int AS n FROM background_check_events WHERE check_id = $1`,
      [checkId],
    );
    const [{ n: emails }] = await dataSource(api).query(
      `SELECT count(*)::int AS n FROM notifications WHERE data->>'checkId' = $1`,
      [checkId],
    );
    return { check, events, emails };
  }

  const post = (provider: string, raw: string, headers: Record<string, string>) =>
    api.http.post(`/webhooks/background-checks/${provider}`, undefined, { raw, headers });

  const completion = (reference: string, result = 'clear', extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      id: `evt_${randomBytes(6).toString('hex')}`,
      type: 'check.completed',
      created: unix(),
      data: { reference, result, ...extra },
    });

  it('refuses forged sandbox events with 401 and changes nothing', async () => {
    const { checkId, reference } = await startedCheck('sandbox');
    const before = await snapshot(checkId);
    const raw = completion(reference);
    const t = unix();
    const forgeries: [string, string, Record<string, string>][] = [
      ['wrong secret', raw, sandboxHeaders(raw, { secret: 'another-secret-entirely' })],
      ['tampered body', raw.replace('"clear"', '"consider"'), sandboxHeaders(raw)],
      ['missing header', raw, {}],
      ['stale timestamp', raw, sandboxHeaders(raw, { t: t - 301 })],
      ['timestamp from the future', raw, sandboxHeaders(raw, { t: t + 301 })],
      [
        'signature of another timestamp',
        raw,
        { 'puente-signature': `t=${t},v1=${hmac(SECRET, `${t - 1}.${raw}`)}` },
      ],
      ['garbage header', raw, { 'puente-signature': 'garbage' }],
      [
        'truncated signature',
        raw,
        { 'puente-signature': sandboxHeaders(raw)['puente-signature'].slice(0, -2) },
      ],
      ['checkr-style signature', raw, { 'x-checkr-signature': hmac(SECRET, raw) }],
    ];
    for (const [name, body, headers] of forgeries) {
      const res = await post('sandbox', body, headers);
      expect({ name, status: res.status }).toEqual({ name, status: 401 });
    }
    expect(await snapshot(checkId)).toEqual(before);
    const [{ n }] = await dataSource(api).query(
      `SELECT count(*)::int AS n FROM background_check_webhook_events WHERE provider = 'sandbox'`,
    );
    expect(n).toBe(0);
  });

  it('applies a signed event once; a replay answers 200 and changes nothing', async () => {
    const { volunteer: v, checkId, reference } = await startedCheck('sandbox');
    const raw = completion(reference);
    const headers = sandboxHeaders(raw);
    const first = await post('sandbox', raw, headers);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: true, duplicate: false });
    const after = await snapshot(checkId);
    expect(after.check).toMatchObject({ status: 'completed', result: 'clear' });
    expect(after.emails).toBeGreaterThanOrEqual(1);

    const replay = await post('sandbox', raw, headers);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ received: true, duplicate: true });
    expect(await snapshot(checkId)).toEqual(after);

    // The same outcome under a new event id is not a change either.
    const again = completion(reference);
    expect((await post('sandbox', again, sandboxHeaders(again))).status).toBe(200);
    expect((await snapshot(checkId)).check).toEqual(after.check);

    const seen = await api.http.get(`/background-checks/${checkId}`, { token: v.token });
    expect(seen.body.history.map((h: { action: string }) => h.action)).toEqual([
      'requested',
      'completed',
    ]);
  });

  it('trusts nothing but what the signature covers, and only the fields it understands', async () => {
    const { checkId, reference } = await startedCheck('sandbox');
    const raw = completion(reference, 'clear', {
      expiresOn: '2099-12-31',
      volunteerId: coordinator.id,
    });
    expect((await post('sandbox', raw, sandboxHeaders(raw))).status).toBe(200);
    const { check } = await snapshot(checkId);
    const [row] = await dataSource(api).query(
      `SELECT volunteer_id, (completed_at::date + interval '24 months')::date::text AS expected FROM background_checks WHERE id = $1`,
      [checkId],
    );
    expect(check.expires_on).toBe(row.expected);
    expect(row.volunteer_id).not.toBe(coordinator.id);
  });

  it('acknowledges unknown events and events for no known check; refuses a signed non-event with 400', async () => {
    const unknown = JSON.stringify({ id: 'evt_unknown_1', type: 'check.reticulated', data: {} });
    const res = await post('sandbox', unknown, sandboxHeaders(unknown));
    expect(res.status).toBe(200);
    const stray = completion('sbx_no_such_reference');
    expect((await post('sandbox', stray, sandboxHeaders(stray))).status).toBe(200);
    for (const body of [
      '[]',
      '{"type":"check.completed"}',
      '{"id":"evt_x","type":"check.completed","data":{}}',
    ]) {
      expect((await post('sandbox', body, sandboxHeaders(body))).status).toBe(400);
    }
    expect((await post('nosuch', unknown, sandboxHeaders(unknown))).status).toBe(404);
    expect((await post('manual', unknown, sandboxHeaders(unknown))).status).toBe(404);
  });

  describe('checkr', () => {
    const checkrEvent = (type: string, object: Record<string, unknown>) =>
      JSON.stringify({
        id: randomBytes(12).toString('hex'),
        object: 'event',
        type,
        created_at: new Date().toISOString(),
        data: { object },
      });
    const signed = (raw: string, secret = CHECKR_SECRET) => ({
      'x-checkr-signature': hmac(secret, raw),
    });

    it('completes on report.completed and on report.complete (both spellings), looked up by candidate', async () => {
      for (const [type, result] of [
        ['report.completed', 'consider'],
        ['report.complete', 'clear'],
      ]) {
        const { checkId, reference } = await startedCheck('checkr');
        const report = {
          id: randomBytes(12).toString('hex'),
          object: 'report',
          status: 'complete',
          result,
          candidate_id: reference,
        };
        const raw = checkrEvent(type, report);
        expect((await post('checkr', raw, signed(raw))).status).toBe(200);
        const { check } = await snapshot(checkId);
        expect(check).toMatchObject({ status: 'completed', result });
        const [{ provider_report_id }] = await dataSource(api).query(
          `SELECT provider_report_id FROM background_checks WHERE id = $1`,
          [checkId],
        );
        expect(provider_report_id).toBe(report.id);
      }
    });

    it('refuses a wrong, missing or tampered X-Checkr-Signature with 401', async () => {
      const { checkId, reference } = await startedCheck('checkr');
      const before = await snapshot(checkId);
      const raw = checkrEvent('report.completed', {
        id: 'r1',
        object: 'report',
        status: 'complete',
        result: 'clear',
        candidate_id: reference,
      });
      expect((await post('checkr', raw, signed(raw, 'wrong-secret'))).status).toBe(401);
      expect((await post('checkr', raw, {})).status).toBe(401);
      expect((await post('checkr', raw.replace('clear', 'consider'), signed(raw))).status).toBe(
        401,
      );
      expect(
        (await post('checkr', raw, sandboxHeaders(raw, { secret: CHECKR_SECRET }))).status,
      ).toBe(401);
      expect(await snapshot(checkId)).toEqual(before);
    });

    it('cancels on invitation.expired and report.canceled; acknowledges others', async () => {
      const { checkId } = await startedCheck('checkr');
      await dataSource(api).query(
        `UPDATE background_checks SET provider_invitation_id = 'inv_1' WHERE id = $1`,
        [checkId],
      );
      const expired = checkrEvent('invitation.expired', {
        id: 'inv_1',
        object: 'invitation',
        status: 'expired',
      });
      expect((await post('checkr', expired, signed(expired))).status).toBe(200);
      expect((await snapshot(checkId)).check.status).toBe('cancelled');

      const second = await startedCheck('checkr');
      const canceled = checkrEvent('report.canceled', {
        id: 'rep_9',
        object: 'report',
        status: 'canceled',
        candidate_id: second.reference,
      });
      expect((await post('checkr', canceled, signed(canceled))).status).toBe(200);
      expect((await snapshot(second.checkId)).check.status).toBe('cancelled');

      const other = checkrEvent('candidate.created', { id: 'cand_x', object: 'candidate' });
      expect((await post('checkr', other, signed(other))).status).toBe(200);
    });
  });
});
