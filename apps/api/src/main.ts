import { Logger } from '@nestjs/common';
import {
  checkRedisOrExit,
  closeOnSignals,
  loadEnvOrExit,
  prepareDatabaseOrExit,
} from '@puente/platform';
import { createApiApp } from './api.factory';

const APP = 'puente-api';

async function main(): Promise<void> {
  const env = loadEnvOrExit(APP);
  await checkRedisOrExit(APP, env);
  const applied = await prepareDatabaseOrExit(APP, env);
  const app = await createApiApp();
  const logger = new Logger('Main');
  if (applied.length) logger.log(`applied migrations: ${applied.join(', ')}`);
  await app.listen(env.PORT, env.HOST);
  closeOnSignals(app, (msg) => logger.log(msg));
  const base = `http://localhost:${env.PORT}`;
  logger.log(`Puente API listening on ${base} — docs at ${base}/docs, health at ${base}/health`);
}

void main();
