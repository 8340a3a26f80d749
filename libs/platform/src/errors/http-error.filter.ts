import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { BadRequestError, DomainError } from './domain-error';

const REASON_PHRASES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  code?: string;
  reasons?: string[];
  errorId?: string;
}

/** Maps every error to Nest's JSON error shape; a 500 carries an errorId that is in the log. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    reply.status(body.statusCode).send(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const message =
        exception instanceof BadRequestError && exception.messages
          ? exception.messages
          : exception.message;
      return {
        statusCode: exception.status,
        error: REASON_PHRASES[exception.status] ?? 'Error',
        message,
        ...(exception.code ? { code: exception.code } : {}),
        ...(exception.reasons ? { reasons: exception.reasons } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const body: ErrorBody =
        typeof response === 'object' && response !== null
          ? ({
              statusCode: status,
              error: REASON_PHRASES[status] ?? 'Error',
              ...response,
            } as ErrorBody)
          : {
              statusCode: status,
              error: REASON_PHRASES[status] ?? 'Error',
              message: String(response),
            };
      return body;
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception as QueryFailedError & { code?: string }).code;
      // Input PostgreSQL itself rejects (bad text representation, out-of-range values).
      if (code === '22P02' || code === '22007' || code === '22008' || code === '22003') {
        return {
          statusCode: 400,
          error: 'Bad Request',
          message: 'A value is malformed or out of range',
        };
      }
    }
    // Errors raised by Fastify before the route (malformed JSON, unsupported content type, body too large).
    const status = (exception as { statusCode?: number })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return {
        statusCode: status,
        error: REASON_PHRASES[status] ?? 'Error',
        message: (exception as Error).message,
      };
    }
    const errorId = randomUUID();
    this.logger.error({ err: loggable(exception), errorId }, 'Unhandled error');
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      message: 'Something went wrong',
      errorId,
    };
  }
}

/** What of an unexpected error may go into the log: never a failed query's parameters. */
function loggable(exception: unknown): unknown {
  if (exception instanceof QueryFailedError) {
    const e = exception as QueryFailedError & { code?: string };
    return { type: 'QueryFailedError', code: e.code, message: e.message, stack: e.stack };
  }
  return exception;
}
