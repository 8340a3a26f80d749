import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { databaseOptions } from './database-options';
import { migrations } from './migrations';

// Any fixed 64-bit number works; it only has to be the same in every Puente process.
const MIGRATION_LOCK_ID = 727_001;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** Creates the database named in the URL when it does not exist yet (several processes may race). */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await admin
        .query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`)
        .catch((err: { code?: string }) => {
          // 42P04 duplicate_database, 23505: another process created it between our check and create.
          if (err.code !== '42P04' && err.code !== '23505') throw err;
        });
    }
  } finally {
    await admin.end();
  }
}

/** Applies pending migrations under an advisory lock, so API processes starting together take turns. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource(databaseOptions(url));
  await ds.initialize();
  const runner = ds.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
    await ds.destroy();
  }
}

/** Resolves once every migration this build knows has been applied (the worker waits for the API). */
export async function waitForSchema(
  url: string,
  timeoutMs = 120_000,
  onWait?: () => void,
): Promise<void> {
  const expected = migrations.length;
  const deadline = Date.now() + timeoutMs;
  let warned = false;
  for (;;) {
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM migrations WHERE to_regclass('migrations') IS NOT NULL`,
      );
      if (Number(rows[0].n) >= expected) return;
    } catch (err) {
      const code = (err as { code?: string }).code;
      // 3D000: database missing, 42P01: migrations table missing — both mean "not yet".
      if (code !== '3D000' && code !== '42P01') throw err;
    } finally {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline)
      throw new Error('the database schema was not migrated in time (is the API running?)');
    if (!warned) onWait?.();
    warned = true;
    await new Promise((r) => setTimeout(r, 500));
  }
}
