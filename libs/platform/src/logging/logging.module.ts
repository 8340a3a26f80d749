import { Global, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { Env } from '../config/env';

/** Paths pino blanks out wherever they appear: secrets and safeguarding details never reach a log. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-checkr-signature"]',
  'req.headers["puente-signature"]',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.accessToken',
  '*.passwordHash',
  '*.privateLocation',
  '*.result',
  '*.adjudication',
];

@Global()
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({
        pinoHttp: {
          level: env.LOG_LEVEL,
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          // The HTTP adapter has already put a sane request id into the header (api.factory.ts).
          genReqId: (req: IncomingMessage) => String(req.headers['x-request-id'] ?? randomUUID()),
          // Query strings may carry tokens (unsubscribe links): log the path only.
          serializers: {
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              path: req.url.split('?')[0],
            }),
          },
          autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
        },
      }),
    }),
  ],
})
export class PlatformLoggingModule {}
