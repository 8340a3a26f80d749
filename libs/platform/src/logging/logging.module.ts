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
          // Honour a caller's request id, else make one; it is echoed back in X-Request-Id.
          genReqId: (req: IncomingMessage, res) => {
            const given = req.headers['x-request-id'];
            const id =
              typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
            res.setHeader('X-Request-Id', id);
            return id;
          },
          // Query strings may carry tokens (unsubscribe links): log the path only.
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              path: req.url.split('?')[0],
            }),
          },
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
        },
      }),
    }),
  ],
})
export class PlatformLoggingModule {}
