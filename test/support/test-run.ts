/** Names shared by every test file of one `npm test` run, so runs never touch each other's data. */
export const ADMIN_DATABASE_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function runId(): string {
  const id = process.env.PUENTE_TEST_RUN;
  if (!id) throw new Error('PUENTE_TEST_RUN is not set: run the tests through jest (npm test)');
  return id;
}

export const templateDatabase = (run: string) => `puente_t_${run}_template`;

export function databaseUrl(name: string): string {
  const u = new URL(ADMIN_DATABASE_URL);
  u.pathname = `/${name}`;
  return u.toString();
}
