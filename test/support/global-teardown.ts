import { Client } from 'pg';
import Redis from 'ioredis';
import { ADMIN_DATABASE_URL, runId, TEST_REDIS_URL } from './test-run';

/** Drops every database and Redis key this run made. */
export default async function globalTeardown(): Promise<void> {
  const run = runId();
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`puente_t_${run}_%`],
    );
    for (const { datname } of rows)
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  for (let db = 0; db < 16; db++) {
    const redis = new Redis(`${TEST_REDIS_URL}/${db}`);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `t${run}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
}
