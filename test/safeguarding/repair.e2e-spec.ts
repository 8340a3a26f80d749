import Redis from 'ioredis';
import { startTestApi, TestApi } from '../support/api-app';
import { createOrgWithCoordinator, TestUser } from '../support/factories';
import { RunningProcess, startProcess, waitFor, WORKER_MAIN } from '../support/processes';
import { TEST_REDIS_URL } from '../support/test-run';
import { TestLinks, volunteer, waitForCheck } from './safeguarding-harness';

/** PostgreSQL holds the state: losing every Bull key in Redis strands no check. */
describe('safeguarding: checks survive a Redis flush', () => {
  let api: TestApi;
  let links: TestLinks;
  let org: { id: string };
  let coordinator: TestUser;
  let redis: Redis;
  const workers: RunningProcess[] = [];
  const settings = { SANDBOX_CHECK_DELAY_MS: '1500', BACKGROUND_CHECK_REPAIR_MS: '300' };

  async function startWorker(): Promise<RunningProcess> {
    const w = startProcess(WORKER_MAIN, {
      ...api.env.vars,
      ...settings,
      PUBLIC_URL: api.http.baseUrl,
      LOG_LEVEL: 'info',
    });
    workers.push(w);
    await waitFor('the worker', async () => w.output().includes('worker started'));
    return w;
  }

  /** Deletes every Redis key of this test's deployment: queued, delayed and active jobs alike. */
  async function flushRedis(): Promise<number> {
    const keys = await redis.keys(`${api.env.queuePrefix}*`);
    if (keys.length) await redis.del(...keys);
    return keys.length;
  }

  async function request() {
    const v = await volunteer(api.http);
    links.link(v.id, org.id);
    const res = await api.http.post(
      '/background-checks',
      { volunteerId: v.id },
      { token: coordinator.token },
    );
    expect(res.status).toBe(202);
    return { v, checkId: res.body.id as string };
  }

  beforeAll(async () => {
    api = await startTestApi(settings);
    links = new TestLinks(api.app);
    redis = new Redis(TEST_REDIS_URL);
    ({ org, coordinator } = await createOrgWithCoordinator(api.http));
  });
  afterAll(async () => {
    for (const w of workers) await w.stop();
    redis?.disconnect();
    await api?.close();
  });

  it('completes a sandbox check whose delayed completion job was flushed away', async () => {
    await startWorker();
    const { v, checkId } = await request();
    await waitForCheck(api.http, v.token, checkId, (c) => c.status === 'in_progress');
    expect(await flushRedis()).toBeGreaterThan(0);
    const done = await waitForCheck(api.http, v.token, checkId, (c) => c.status === 'completed');
    expect(done.result).toBe('clear');
  });

  it('starts a pending check whose first job was flushed while no worker ran', async () => {
    await workers.pop()!.stop();
    const { v, checkId } = await request();
    expect(await flushRedis()).toBeGreaterThan(0);
    await startWorker();
    const done = await waitForCheck(api.http, v.token, checkId, (c) => c.status === 'completed');
    expect(done.history.map((h: { action: string }) => h.action)).toEqual([
      'requested',
      'started',
      'completed',
    ]);
  });
});
