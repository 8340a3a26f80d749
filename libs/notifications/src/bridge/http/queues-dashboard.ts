import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bull';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { UsersService } from '@puente/accounts';
import { Env, QUEUES } from '@puente/platform';
import type { Queue } from 'bull';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

export const QUEUES_PATH = '/admin/queues';
export const QUEUES_COOKIE = 'puente_queues';
export const QUEUES_SESSION_SECONDS = 3600;

type BoardServerAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];

interface SessionClaims {
  sub: string;
}

/**
 * The Bull dashboard (@bull-board) at /admin/queues, for administrators only. A browser cannot
 * add a bearer header to a page, so an admin first calls POST /admin/queues/session with their
 * token (e.g. from /docs), which sets an HTTP-only, SameSite=Strict cookie limited to this path;
 * scripts may send the usual `Authorization: Bearer` header instead. The cookie's token is signed
 * with a key derived from JWT_SECRET for this purpose only, so it is worthless as an API token.
 */
@Injectable()
export class QueuesDashboard implements OnModuleInit {
  private readonly logger = new Logger(QueuesDashboard.name);
  private readonly sessionSecret: string;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly env: Env,
  ) {
    this.sessionSecret = createHash('sha256')
      .update(`puente:queues-session:${env.JWT_SECRET}`)
      .digest('base64url');
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return; // the worker has no HTTP server
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(QUEUES_PATH);
    createBullBoard({
      queues: Object.values(QUEUES).map(
        (name) =>
          new BullAdapter(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })),
      ),
      // @bull-board/fastify 9.10.1 pins its own copy of @bull-board/api (9.10.1, same shape).
      serverAdapter: serverAdapter as unknown as BoardServerAdapter,
      options: { uiConfig: { boardTitle: 'Puente queues' } },
    });
    // An encapsulated scope: the guard hook applies to the dashboard's routes and nothing else.
    void fastify.register(async (scope) => {
      scope.addHook('onRequest', (req, reply) => this.guard(req, reply));
      await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUES_PATH });
    });
  }

  async sessionToken(userId: string): Promise<string> {
    return this.jwt.signAsync({ sub: userId } satisfies SessionClaims, {
      secret: this.sessionSecret,
      expiresIn: QUEUES_SESSION_SECONDS,
    });
  }

  cookie(token: string | null): string {
    const secure = this.env.PUBLIC_URL.startsWith('https:') ? '; Secure' : '';
    const value = token ?? '';
    const age = token ? QUEUES_SESSION_SECONDS : 0;
    return `${QUEUES_COOKIE}=${value}; Path=${QUEUES_PATH}; Max-Age=${age}; HttpOnly; SameSite=Strict${secure}`;
  }

  private async guard(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const userId = await this.authenticate(req);
    if (!userId) return this.deny(reply, 401, 'Sign in: a bearer token or a queues session');
    const user = await this.users.findAuthUser(userId);
    if (!user) return this.deny(reply, 401, 'Sign in: a bearer token or a queues session');
    if (!user.isAdmin) return this.deny(reply, 403, 'Only administrators may do this');
  }

  /** The user id from a bearer token or the session cookie; null when neither is valid. */
  private async authenticate(req: FastifyRequest): Promise<string | null> {
    const bearer = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const cookie = readCookie(req.headers.cookie, QUEUES_COOKIE);
    try {
      if (bearer) return (await this.jwt.verifyAsync<SessionClaims>(bearer)).sub;
      if (cookie)
        return (await this.jwt.verifyAsync<SessionClaims>(cookie, { secret: this.sessionSecret }))
          .sub;
    } catch {
      // expired or forged: treated as absent
    }
    return null;
  }

  private deny(reply: FastifyReply, status: 401 | 403, message: string): void {
    void reply
      .status(status)
      .header('content-type', 'application/json; charset=utf-8')
      .send({ statusCode: status, error: status === 401 ? 'Unauthorized' : 'Forbidden', message });
  }
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || null;
  }
  return null;
}
