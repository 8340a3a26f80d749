import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  checkRedisOrExit,
  closeOnSignals,
  loadEnvOrExit,
  waitForSchemaOrExit,
} from '@puente/platform';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

const APP = 'puente-worker';

async function main(): Promise<void> {
  const env = loadEnvOrExit(APP);
  const logger = new NestLogger('Main');
  await checkRedisOrExit(APP, env);
  await waitForSchemaOrExit(APP, env, (msg) => logger.log(msg));
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  closeOnSignals(app, (msg) => logger.log(msg));
  logger.log(
    `Puente worker started (email concurrency ${env.EMAIL_CONCURRENCY}, outbox sweep every ${env.OUTBOX_SWEEP_MS} ms)`,
  );
}

void main();
