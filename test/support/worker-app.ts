import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/**
 * The real worker module in this process (over process.env as set by createTestEnv), for tests
 * that need to move its clock. Tests about crashes spawn the built worker instead (processes.ts).
 */
export async function startTestWorker(): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  await app.init();
  return app;
}
