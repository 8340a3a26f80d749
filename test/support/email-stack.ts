import type { INestApplicationContext } from '@nestjs/common';
import type { Client } from 'pg';
import { startTestApi, type TestApi } from './api-app';
import { startProcess, WORKER_MAIN, type RunningProcess } from './processes';
import { TestSmtpServer } from './smtp-server';
import { connectDb, createTestEnv, type TestEnv } from './test-env';
import { startTestWorker } from './worker-app';

export interface SpawnedEmailStack {
  env: TestEnv;
  smtp: TestSmtpServer;
  db: Client;
  workers: RunningProcess[];
  /** Spawns a built worker over this stack (SMTP_URL, 10 sends in flight, 500 ms sweeps). */
  startWorker(extra?: Record<string, string>): RunningProcess;
}

/**
 * For tests that kill, flush and stop real worker processes: a database of its own, an SMTP server
 * (down until `smtp.up()` when `smtpDown`), and workers spawned from the build; all cleaned up.
 * Read the fields inside tests (they are set in beforeAll).
 */
export function spawnedEmailStack(
  opts: { env?: Record<string, string>; smtpDown?: boolean } = {},
): SpawnedEmailStack {
  const stack = { workers: [] as RunningProcess[] } as SpawnedEmailStack;
  beforeAll(async () => {
    stack.env = await createTestEnv(opts.env);
    stack.smtp = opts.smtpDown ? await TestSmtpServer.reservePort() : await TestSmtpServer.start();
    stack.db = await connectDb(stack.env);
  });
  afterAll(async () => {
    for (const w of stack.workers) await w.stop('SIGKILL');
    await stack.db?.end();
    await stack.smtp?.close();
  });
  stack.startWorker = (extra = {}) => {
    const worker = startProcess(WORKER_MAIN, {
      ...stack.env.vars,
      SMTP_URL: stack.smtp.url,
      EMAIL_CONCURRENCY: '10',
      OUTBOX_SWEEP_MS: '500',
      ...extra,
    });
    stack.workers.push(worker);
    return worker;
  };
  return stack;
}

export interface InProcessEmailStack {
  smtp: TestSmtpServer;
  api: TestApi;
  worker: INestApplicationContext;
}

/** The real API and worker in this process, sending to an SMTP server of the test's own. */
export function inProcessEmailStack(apiEnv: Record<string, string> = {}): InProcessEmailStack {
  const stack = {} as InProcessEmailStack;
  beforeAll(async () => {
    stack.smtp = await TestSmtpServer.start();
    stack.api = await startTestApi({
      SMTP_URL: stack.smtp.url,
      OUTBOX_SWEEP_MS: '300',
      ...apiEnv,
    });
    stack.worker = await startTestWorker();
  });
  afterAll(async () => {
    await stack.worker?.close();
    await stack.api?.close();
    await stack.smtp?.close();
  });
  return stack;
}
