import { Client } from 'pg';
import {
  getFreePort,
  startApiProcess,
  startProcess,
  API_MAIN,
  WORKER_MAIN,
  waitFor,
  RunningProcess,
} from '../support/processes';
import { createTestEnv } from '../support/test-env';
import { ADMIN_DATABASE_URL, databaseUrl, runId } from '../support/test-run';
import { migrations } from '../../libs/platform/src/database/migrations';

/** Start-up and shutdown of the real built processes. */
describe('starting and stopping the API and the worker', () => {
  const running: RunningProcess[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => p.stop('SIGKILL')));
  });

  async function exitOf(main: string, env: Record<string, string>) {
    const proc = startProcess(main, env);
    running.push(proc);
    const code = await proc.exited;
    return { code, output: proc.output() };
  }

  it('refuses to start with invalid settings, one line per bad variable and no stack trace', async () => {
    const env = await createTestEnv();
    const { code, output } = await exitOf(API_MAIN, {
      ...env.vars,
      PORT: 'eighty',
      JWT_SECRET: 'short',
      REDIS_URL: 'http://nope',
    });
    expect(code).toBe(1);
    const lines = output.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.startsWith('puente-api: cannot start: PORT:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('puente-api: cannot start: JWT_SECRET:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('puente-api: cannot start: REDIS_URL:'))).toBe(true);
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('names an unreachable PostgreSQL in one line', async () => {
    const env = await createTestEnv();
    const { code, output } = await exitOf(API_MAIN, {
      ...env.vars,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/puente',
    });
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^puente-api: cannot start: DATABASE_URL: cannot use PostgreSQL at 127\.0\.0\.1:1\/puente: ECONNREFUSED/,
      ),
    ]);
  });

  it('names an unreachable Redis in one line (API and worker)', async () => {
    const env = await createTestEnv();
    for (const [main, app] of [
      [API_MAIN, 'puente-api'],
      [WORKER_MAIN, 'puente-worker'],
    ]) {
      const { code, output } = await exitOf(main, {
        ...env.vars,
        REDIS_URL: 'redis://127.0.0.1:1',
      });
      expect(code).toBe(1);
      expect(output.trim().split('\n')).toEqual([
        expect.stringMatching(
          new RegExp(`^${app}: cannot start: REDIS_URL: cannot reach Redis at 127\\.0\\.0\\.1:1`),
        ),
      ]);
    }
  });

  it('lets three APIs start at once on a missing database: created once, each migration applied once', async () => {
    const env = await createTestEnv();
    const name = `puente_t_${runId()}_fresh${Date.now().toString(36)}`;
    const url = databaseUrl(name);
    const ports = await Promise.all([getFreePort(), getFreePort(), getFreePort()]);
    const procs = await Promise.all(
      ports.map((port) => startApiProcess({ ...env.vars, DATABASE_URL: url }, port)),
    );
    running.push(...procs);
    const db = new Client({ connectionString: url });
    await db.connect();
    const { rows } = await db.query<{ name: string; n: number }>(
      'SELECT name, count(*)::int AS n FROM migrations GROUP BY name',
    );
    await db.end();
    expect(rows).toHaveLength(migrations.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    for (const port of ports) {
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(ready.status).toBe(200);
    }
    const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    await Promise.all(procs.map((p) => p.stop()));
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('makes the worker wait for the schema, then start, then stop cleanly on SIGTERM', async () => {
    const env = await createTestEnv();
    const name = `puente_t_${runId()}_late${Date.now().toString(36)}`;
    const url = databaseUrl(name);
    const worker = startProcess(WORKER_MAIN, { ...env.vars, DATABASE_URL: url, LOG_LEVEL: 'info' });
    running.push(worker);
    await waitFor('the worker to wait for the schema', async () =>
      worker.output().includes('waiting for the API to migrate'),
    );
    const api = await startApiProcess({ ...env.vars, DATABASE_URL: url }, await getFreePort());
    running.push(api);
    await waitFor('the worker to start', async () =>
      worker.output().includes('Puente worker started'),
    );
    expect(await worker.stop('SIGTERM')).toBe(0);
    expect(await api.stop('SIGTERM')).toBe(0);
    const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });
});
