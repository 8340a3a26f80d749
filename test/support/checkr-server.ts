import { createHmac, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * A local HTTP server answering as Checkr's documented REST API does, for the parts Puente uses:
 * POST /v1/candidates, POST /v1/invitations, GET /v1/invitations/:id, GET /v1/reports/:id, with
 * basic auth (the API key as user name) and Checkr's `{error}` answers. The test drives the
 * candidate's side (completing the invitation, finishing the report) and sends Checkr-signed
 * webhooks (X-Checkr-Signature: hex HMAC-SHA256 of the raw body).
 */

export interface CheckrRequestLog {
  method: string;
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown> | null;
}

interface Candidate {
  id: string;
  object: 'candidate';
  uri: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  custom_id: string | null;
  created_at: string;
}

interface Invitation {
  id: string;
  object: 'invitation';
  uri: string;
  invitation_url: string;
  status: 'pending' | 'completed' | 'expired';
  candidate_id: string;
  package: string;
  report_id: string | null;
  created_at: string;
  expires_at: string;
  completed_at: string | null;
}

interface Report {
  id: string;
  object: 'report';
  uri: string;
  status: 'pending' | 'complete' | 'suspended' | 'canceled' | 'dispute';
  result: 'clear' | 'consider' | null;
  package: string;
  candidate_id: string;
  created_at: string;
  completed_at: string | null;
}

const hexId = () => randomBytes(12).toString('hex');

export class CheckrServer {
  readonly requests: CheckrRequestLog[] = [];
  readonly candidates = new Map<string, Candidate>();
  readonly invitations = new Map<string, Invitation>();
  readonly reports = new Map<string, Report>();
  private failures: { status: number; path?: string }[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly apiKey: string,
    readonly webhookSecret: string,
  ) {}

  static async start(apiKey: string, webhookSecret: string): Promise<CheckrServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const self = new CheckrServer(server, `http://127.0.0.1:${port}`, apiKey, webhookSecret);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void self.handle(req, res));
    return self;
  }

  /** The next `count` API calls (to `path`, if given) answer `status` (e.g. 503), as an outage would. */
  failNext(count: number, status = 503, path?: string): void {
    for (let i = 0; i < count; i++) this.failures.push({ status, path });
  }

  /** The candidate finished the hosted flow: the invitation completes and a pending report exists. */
  completeInvitation(invitationId: string): Report {
    const inv = this.invitations.get(invitationId);
    if (!inv) throw new Error(`no invitation ${invitationId}`);
    const report: Report = {
      id: hexId(),
      object: 'report',
      uri: '',
      status: 'pending',
      result: null,
      package: inv.package,
      candidate_id: inv.candidate_id,
      created_at: new Date().toISOString(),
      completed_at: null,
    };
    report.uri = `/v1/reports/${report.id}`;
    this.reports.set(report.id, report);
    Object.assign(inv, {
      status: 'completed',
      report_id: report.id,
      completed_at: new Date().toISOString(),
    });
    return report;
  }

  completeReport(reportId: string, result: 'clear' | 'consider'): Report {
    const report = this.reports.get(reportId);
    if (!report) throw new Error(`no report ${reportId}`);
    Object.assign(report, { status: 'complete', result, completed_at: new Date().toISOString() });
    return report;
  }

  expireInvitation(invitationId: string): Invitation {
    const inv = this.invitations.get(invitationId)!;
    inv.status = 'expired';
    return inv;
  }

  /** A webhook event as Checkr builds it (include_object on unless `object` is a stub). */
  event(
    type: string,
    object: object,
  ): { id: string; object: 'event'; type: string; created_at: string; data: { object: object } } {
    return {
      id: hexId(),
      object: 'event',
      type,
      created_at: new Date().toISOString(),
      data: { object },
    };
  }

  sign(rawBody: string, secret = this.webhookSecret): string {
    return createHmac('sha256', secret).update(rawBody).digest('hex');
  }

  /** Posts a signed event to Puente's webhook URL, as Checkr does. */
  async sendWebhook(
    targetUrl: string,
    event: object,
    options: { secret?: string; signature?: string | null } = {},
  ): Promise<Response> {
    const raw = JSON.stringify(event);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Checkr-Webhook/1.0',
    };
    const signature =
      options.signature === undefined ? this.sign(raw, options.secret) : options.signature;
    if (signature !== null) headers['x-checkr-signature'] = signature;
    return fetch(targetUrl, { method: 'POST', headers, body: raw });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> | null = null;
    if (text) {
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return this.send(res, 400, { error: 'Malformed JSON' });
      }
    }
    const path = (req.url ?? '/').split('?')[0];
    this.requests.push({
      method: req.method ?? '',
      path,
      authorization: req.headers.authorization,
      body,
    });

    const expected = `Basic ${Buffer.from(`${this.apiKey}:`).toString('base64')}`;
    if (req.headers.authorization !== expected)
      return this.send(res, 401, { error: 'Bad authentication error' });
    const failure = this.failures.findIndex((f) => !f.path || f.path === path);
    if (failure >= 0) {
      const [{ status }] = this.failures.splice(failure, 1);
      return this.send(res, status, {
        error: status >= 500 ? 'Service unavailable' : 'Invalid request',
      });
    }

    const now = new Date().toISOString();
    if (req.method === 'POST' && path === '/v1/candidates') {
      if (typeof body?.email !== 'string' || !body.email.includes('@'))
        return this.send(res, 400, { error: 'Email is invalid' });
      const c: Candidate = {
        id: hexId(),
        object: 'candidate',
        uri: '',
        email: body.email,
        first_name: (body.first_name as string) ?? null,
        last_name: (body.last_name as string) ?? null,
        custom_id: (body.custom_id as string) ?? null,
        created_at: now,
      };
      c.uri = `/v1/candidates/${c.id}`;
      this.candidates.set(c.id, c);
      return this.send(res, 201, c);
    }
    if (req.method === 'POST' && path === '/v1/invitations') {
      const candidateId = body?.candidate_id;
      if (typeof candidateId !== 'string' || !this.candidates.has(candidateId))
        return this.send(res, 404, { error: 'Candidate not found' });
      if (typeof body?.package !== 'string')
        return this.send(res, 400, { error: 'Package is required' });
      const inv: Invitation = {
        id: hexId(),
        object: 'invitation',
        uri: '',
        invitation_url: `https://apply.checkr-staging.com/invite/puente/${hexId()}`,
        status: 'pending',
        candidate_id: candidateId,
        package: body.package,
        report_id: null,
        created_at: now,
        expires_at: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        completed_at: null,
      };
      inv.uri = `/v1/invitations/${inv.id}`;
      this.invitations.set(inv.id, inv);
      return this.send(res, 201, inv);
    }
    const get = /^\/v1\/(invitations|reports)\/([A-Za-z0-9]+)$/.exec(path);
    if (req.method === 'GET' && get) {
      const found = (get[1] === 'invitations' ? this.invitations : this.reports).get(get[2]);
      return found ? this.send(res, 200, found) : this.send(res, 404, { error: 'Not found' });
    }
    return this.send(res, 404, { error: 'Not found' });
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}
