import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

const MULTIPART = 'multipart/form-data';

/**
 * RFC 8058 asks mail clients to POST `List-Unsubscribe=One-Click` as multipart/form-data (the API
 * already reads urlencoded forms). Only the unsubscribe URL accepts it: the token is in the query,
 * so the body is read and ignored; everywhere else multipart stays a 415 as before.
 */
@Injectable()
export class OneClickBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || fastify.hasContentTypeParser(MULTIPART)) return;
    fastify.addContentTypeParser(
      MULTIPART,
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (req, _body, done) => {
        if (req.url.split('?')[0] === '/notifications/unsubscribe') return done(null, {});
        const err = Object.assign(new Error(`Unsupported Media Type: ${MULTIPART}`), {
          statusCode: 415,
        });
        done(err, undefined);
      },
    );
  }
}
