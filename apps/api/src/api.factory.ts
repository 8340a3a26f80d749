import helmet from '@fastify/helmet';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Env, HttpErrorFilter, loadEnv } from '@puente/platform';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiModule } from './api.module';

/** Honours a caller's X-Request-Id (when sane), else makes one; the logger reads it from the header. */
function requestId(req: Pick<IncomingMessage, 'headers'>): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
  req.headers['x-request-id'] = id;
  return id;
}

/** Builds the HTTP application exactly as production runs it (main.ts and the e2e tests share this). */
export async function createApiApp(): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule,
    new FastifyAdapter({
      trustProxy: loadEnv().TRUST_PROXY === 'true',
      bodyLimit: 1024 * 1024,
      genReqId: requestId,
    }),
    { rawBody: true, bufferLogs: true },
  );
  await configureApiApp(app);
  return app;
}

export async function configureApiApp(app: NestFastifyApplication): Promise<void> {
  const env = app.get(Env);
  app.useLogger(app.get(Logger));
  // Every answer carries the request id that its log lines carry.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (req, reply) => {
      reply.header('x-request-id', req.id);
    });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // Served over plain http on localhost too: do not ask browsers to upgrade.
        upgradeInsecureRequests: null,
      },
    },
  });
  app.enableCors({
    origin: env.CORS_ORIGINS === '*' ? true : env.CORS_ORIGINS.split(',').map((o) => o.trim()),
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      stopAtFirstError: false,
    }),
  );
  app.useGlobalFilters(new HttpErrorFilter());

  const config = new DocumentBuilder()
    .setTitle('Puente API')
    .setDescription(
      'Volunteer short-term trips and internships for organisations that care for vulnerable children. ' +
        'Authenticate with POST /auth/login and send the accessToken as a bearer token.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
