import helmet from '@fastify/helmet';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Env, HttpErrorFilter } from '@puente/platform';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';

/** Builds the HTTP application exactly as production runs it (main.ts and the e2e tests share this). */
export async function createApiApp(): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule,
    new FastifyAdapter({ trustProxy: process.env.TRUST_PROXY === 'true', bodyLimit: 1024 * 1024 }),
    { rawBody: true, bufferLogs: true },
  );
  await configureApiApp(app);
  return app;
}

export async function configureApiApp(app: NestFastifyApplication): Promise<void> {
  const env = app.get(Env);
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
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
