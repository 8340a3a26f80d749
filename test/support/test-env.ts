import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  ADMIN_DATABASE_URL,
  databaseUrl,
  runId,
  templateDatabase,
  TEST_REDIS_URL,
} from './test-run';

export interface TestEnv {
  /** Environment for an API or worker of this test file (in this process or spawned). */
  vars: Record<string, string>;
  databaseUrl: string;
  queuePrefix: string;
}

/**
 * A fresh database cloned from the run's migrated template, and a Redis key prefix of its own.
 * Sets process.env so an in-process app picks them up.
 */
export async function createTestEnv(extra: Record<string, string> = {}): Promise<TestEnv> {
  const run = runId();
  const suffix = randomBytes(4).toString('hex');
  const name = `puente_t_${run}_${suffix}`;
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase(run)}"`);
  } finally {
    await admin.end();
  }
  const queuePrefix = `t${run}${suffix}`;
  const vars: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl(name),
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: 'warn',
    JWT_SECRET: 'test-secret-at-least-16-chars',
    BOOTSTRAP_ADMIN_EMAIL: 'admin@puente.test',
    BOOTSTRAP_ADMIN_PASSWORD: 'admin-password-123',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    MAIL_DIR: `/tmp/puente-test-mail/${queuePrefix}`,
    ...extra,
  };
  Object.assign(process.env, vars);
  return { vars, databaseUrl: vars.DATABASE_URL, queuePrefix };
}

/** A direct connection to the test database, for assertions on what was (not) written. */
export async function connectDb(env: TestEnv): Promise<Client> {
  const client = new Client({ connectionString: env.databaseUrl });
  await client.connect();
  return client;
}
