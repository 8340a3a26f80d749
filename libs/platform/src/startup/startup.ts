import Redis from 'ioredis';
import { Env, InvalidEnvError, loadEnv } from '../config/env';
import { ensureDatabase, runMigrations, waitForSchema } from '../database/database-setup';

/** Stops the process with one clear line per problem: a start-up failure is not a stack trace. */
export function exitWith(app: string, lines: string[]): never {
  for (const line of lines) process.stderr.write(`${app}: cannot start: ${line}\n`);
  process.exit(1);
}

export function loadEnvOrExit(app: string): Env {
  try {
    return loadEnv();
  } catch (err) {
    if (err instanceof InvalidEnvError) exitWith(app, err.problems);
    throw err;
  }
}

/** A password-free description of where a URL points. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '(default port)'}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return '(unparseable URL)';
  }
}

function reason(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return [e.code, e.message].filter(Boolean).join(' ') || String(err);
}

/** API start-up: create the database if missing and apply pending migrations. */
export async function prepareDatabaseOrExit(app: string, env: Env): Promise<string[]> {
  try {
    await ensureDatabase(env.DATABASE_URL);
    return await runMigrations(env.DATABASE_URL);
  } catch (err) {
    exitWith(app, [
      `DATABASE_URL: cannot use PostgreSQL at ${describeUrl(env.DATABASE_URL)}: ${reason(err)}`,
    ]);
  }
}

/** Worker start-up: wait until the API has migrated the schema this build expects. */
export async function waitForSchemaOrExit(
  app: string,
  env: Env,
  log: (msg: string) => void,
): Promise<void> {
  try {
    await waitForSchema(env.DATABASE_URL, 300_000, () =>
      log('waiting for the API to migrate the database'),
    );
  } catch (err) {
    exitWith(app, [
      `DATABASE_URL: cannot use PostgreSQL at ${describeUrl(env.DATABASE_URL)}: ${reason(err)}`,
    ]);
  }
}

export async function checkRedisOrExit(app: string, env: Env): Promise<void> {
  const redis = new Redis(env.REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 5000,
  });
  redis.on('error', () => undefined); // reported below, once
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    exitWith(app, [
      `REDIS_URL: cannot reach Redis at ${describeUrl(env.REDIS_URL)}: ${reason(err)}`,
    ]);
  } finally {
    redis.disconnect();
  }
}

/**
 * Closes the app on SIGTERM/SIGINT (Bull queues close after the jobs in hand finish, the HTTP
 * server after the requests in flight), then exits 0. A second signal exits at once.
 */
export function closeOnSignals(app: { close(): Promise<void> }, log: (msg: string) => void): void {
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (closing) process.exit(1);
      closing = true;
      log(`${signal} received: finishing the work in hand`);
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}
