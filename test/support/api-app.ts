import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../../apps/api/src/api.factory';
import { HttpClient } from './http-client';
import { createTestEnv, TestEnv } from './test-env';

export interface TestApi {
  app: NestFastifyApplication;
  http: HttpClient;
  env: TestEnv;
  close(): Promise<void>;
}

/** The real API (same factory as production) in this process, on a free port, over its own database. */
export async function startTestApi(extraEnv: Record<string, string> = {}): Promise<TestApi> {
  const env = await createTestEnv(extraEnv);
  const app = await createApiApp();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    env,
    http: new HttpClient(`http://127.0.0.1:${address.port}`),
    close: () => app.close(),
  };
}
