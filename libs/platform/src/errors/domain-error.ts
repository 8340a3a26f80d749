import { HttpStatus } from '@nestjs/common';

/**
 * An error the domain raises on purpose. Services throw these; the HTTP layer maps them to
 * Nest's error shape in one place (HttpErrorFilter), and the worker marks its job failed.
 */
export class DomainError extends Error {
  constructor(
    readonly status: HttpStatus,
    message: string,
    readonly code?: string,
    readonly reasons?: string[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(HttpStatus.NOT_FOUND, `${what} not found`, 'NOT_FOUND');
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this') {
    super(HttpStatus.FORBIDDEN, message, 'FORBIDDEN');
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, code = 'CONFLICT') {
    super(HttpStatus.CONFLICT, message, code);
  }
}

export class UnprocessableError extends DomainError {
  constructor(message: string, reasons: string[], code = 'UNPROCESSABLE') {
    super(HttpStatus.UNPROCESSABLE_ENTITY, message, code, reasons);
  }
}

export class BadRequestError extends DomainError {
  constructor(message: string | string[], code = 'BAD_REQUEST') {
    super(HttpStatus.BAD_REQUEST, Array.isArray(message) ? message.join('; ') : message, code);
    if (Array.isArray(message)) this.messages = message;
  }
  messages?: string[];
}
