import { ensureDatabase, runMigrations } from '../../libs/platform/src/database/database-setup';
import { databaseUrl, templateDatabase } from './test-run';

/** Migrates one template database per run; each test file clones it (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  const run = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  process.env.PUENTE_TEST_RUN = run;
  const url = databaseUrl(templateDatabase(run));
  await ensureDatabase(url);
  await runMigrations(url);
}
