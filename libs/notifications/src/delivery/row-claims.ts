import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Env } from '@puente/platform';
import { Client, escapeLiteral } from 'pg';

/** A literal for simple-protocol SQL: text through pg's escapeLiteral, or an array of text. */
export function literal(value: string | readonly string[]): string {
  if (typeof value !== 'string') return `ARRAY[${value.map((v) => literal(v)).join(', ')}]::text[]`;
  return escapeLiteral(value.replace(/\0/g, ''));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The advisory lock key of a row id (64-bit; the migrations' lock lives in another key space). */
const lockKey = (column: string) => `hashtextextended(${column}, 7041)`;

interface ClaimRequest {
  id: string;
  columns: readonly string[];
  resolve: (row: object | null) => void;
  reject: (err: Error) => void;
}

/**
 * What became of a claimed row, committed with the claim. Unset fields keep their values, except
 * `lastError` and `nextAttemptAt`, which are cleared.
 */
export interface RowOutcome {
  status?: 'sent' | 'failed' | 'cancelled';
  /** Counts an attempt (a send was tried). */
  attempted?: boolean;
  sentAt?: Date;
  messageId?: string;
  smtpResponse?: string;
  lastError?: string;
  nextAttemptAt?: Date;
  /** Data keys to erase now that the row is done with them (a reset link, say). */
  eraseKeys?: readonly string[];
  /** Only while the row is still pending: a drop or a retry must not undo the API's change. */
  onlyIfPending?: boolean;
}

/** One UPDATE for every outcome in a round trip; the outcomes arrive as a JSON recordset. */
const WRITE_OUTCOMES = (json: string) => `UPDATE notifications AS n
   SET status = COALESCE(o.status, n.status),
       attempts = n.attempts + o.attempted::int,
       sent_at = COALESCE(o.sent_at, n.sent_at),
       message_id = COALESCE(o.message_id, n.message_id),
       smtp_response = COALESCE(o.smtp_response, n.smtp_response),
       last_error = o.last_error,
       next_attempt_at = o.next_attempt_at,
       data = n.data - o.erase_keys,
       updated_at = now()
  FROM jsonb_to_recordset(${literal(json)}::jsonb) AS o(id uuid, status text, attempted boolean,
       sent_at timestamptz, message_id text, smtp_response text, last_error text,
       next_attempt_at timestamptz, erase_keys text[], only_if_pending boolean)
 WHERE n.id = o.id AND (NOT o.only_if_pending OR n.status = 'pending')`;

function outcomesJson(outcomes: { id: string; outcome: RowOutcome }[]): string {
  // jsonb cannot hold NUL characters; only the SMTP answer and the error are free text.
  const text = (value: string | undefined) => value?.replace(/\0/g, '') ?? null;
  return JSON.stringify(
    outcomes.map(({ id, outcome: o }) => ({
      id,
      status: o.status ?? null,
      attempted: o.attempted ?? false,
      sent_at: o.sentAt ?? null,
      message_id: o.messageId ?? null,
      smtp_response: text(o.smtpResponse),
      last_error: text(o.lastError),
      next_attempt_at: o.nextAttemptAt ?? null,
      erase_keys: o.eraseKeys ?? [],
      only_if_pending: o.onlyIfPending ?? false,
    })),
  );
}

interface Finish {
  id: string;
  outcome: RowOutcome | null;
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * Claims outbox rows for sending. A claim is a session-level advisory lock on the row id, taken
 * before the row is read and released only once the outcome is committed, so no two senders (a
 * stalled Bull job run twice, the sweep re-queueing a row after a Redis flush, another worker) send
 * one row at once, and each reads what the other committed. A worker that dies drops its
 * connection, and PostgreSQL releases its locks at once.
 *
 * All of a worker's claims share one connection, and what is asked while a round trip is under way
 * goes out together in the next one: under load, one message commits the outcomes of several
 * emails, releases them and claims several more. Per email that is a fraction of a round trip and
 * of a transaction instead of two of each, which is most of PostgreSQL's share of sending (see
 * bench/email.bench.ts). Hence literal SQL (simple protocol), quoted by `literal`.
 */
@Injectable()
export class RowClaims implements OnApplicationShutdown {
  private readonly logger = new Logger(RowClaims.name);
  private client: Client | null = null;
  /** Row ids this process holds or is claiming: a session's advisory locks are re-entrant. */
  private readonly held = new Set<string>();
  private claims: ClaimRequest[] = [];
  private outcomes: Finish[] = [];
  private flushing: Promise<void> | null = null;
  private scheduled = false;
  private closed = false;

  constructor(private readonly env: Env) {}

  /**
   * The row (the named columns) with its claim, or null when it is missing or another sender
   * holds it. The claim must be committed or released.
   */
  async claim<R extends object>(
    notificationId: string,
    columns: readonly string[],
  ): Promise<RowClaim<R> | null> {
    const id = notificationId.toLowerCase();
    if (!UUID.test(id) || this.held.has(id) || this.closed) return null;
    this.held.add(id);
    const row = await new Promise<object | null>((resolve, reject) => {
      this.claims.push({ id, columns, resolve, reject });
      this.schedule();
    });
    return row ? new RowClaim<R>(this, id, row as R) : null;
  }

  /** Commits the outcome (if any) and then releases the row's lock. */
  finish(id: string, outcome: RowOutcome | null): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.outcomes.push({ id, outcome, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // After this turn's callbacks: every job that reached this point in the same turn rides along.
    setImmediate(() => {
      this.scheduled = false;
      this.flushing = this.flush().finally(() => {
        this.flushing = null;
        if (this.claims.length || this.outcomes.length) this.schedule();
      });
    });
  }

  private async flush(): Promise<void> {
    const outcomes = this.outcomes;
    const claims = this.claims;
    this.outcomes = [];
    this.claims = [];
    if (!outcomes.length && !claims.length) return;

    // Outcomes are committed before their locks go; claims lock before they read, and the read is a
    // statement of its own, so its snapshot already includes whatever the last holder committed.
    const statements: string[] = [];
    const updates = outcomes.flatMap((o) => (o.outcome ? [{ id: o.id, outcome: o.outcome }] : []));
    if (updates.length) statements.push('BEGIN', WRITE_OUTCOMES(outcomesJson(updates)), 'COMMIT');
    if (outcomes.length)
      statements.push(
        `SELECT pg_advisory_unlock(${lockKey('id')}) FROM unnest(${literal(outcomes.map((o) => o.id))}) AS id`,
      );
    const lockedAt = statements.length;
    if (claims.length) {
      const ids = literal(claims.map((c) => c.id));
      const columns = [...new Set(['id', ...claims.flatMap((c) => c.columns)])];
      statements.push(
        `SELECT id FROM unnest(${ids}) AS id WHERE pg_try_advisory_lock(${lockKey('id')})`,
        `SELECT ${columns.join(', ')} FROM notifications WHERE id = ANY(${ids}::uuid[])`,
      );
    }

    let results: { rows: Record<string, unknown>[] }[];
    try {
      const client = await this.connection();
      const answer = (await client.query(statements.join(';\n'))) as unknown;
      results = Array.isArray(answer) ? answer : [answer as { rows: Record<string, unknown>[] }];
    } catch (err) {
      // Nothing here can tell which locks the session still holds: start a new session (the old
      // one's locks go with it) and let every job in this batch fail and be retried.
      this.reset(err as Error);
      for (const o of outcomes) this.held.delete(o.id);
      for (const c of claims) this.held.delete(c.id);
      for (const w of [...outcomes, ...claims]) w.reject(err as Error);
      return;
    }

    for (const o of outcomes) {
      this.held.delete(o.id);
      o.resolve();
    }
    if (!claims.length) return;
    const locked = new Set(results[lockedAt].rows.map((r) => r.id as string));
    const rows = new Map(results[lockedAt + 1].rows.map((r) => [r.id as string, r]));
    for (const c of claims) {
      const row = locked.has(c.id) ? rows.get(c.id) : undefined;
      if (row) {
        c.resolve(row);
        continue;
      }
      // Locked, but the row is gone: held until the unlock has gone out too.
      if (locked.has(c.id)) void this.finish(c.id, null).catch(() => undefined);
      else this.held.delete(c.id);
      c.resolve(null);
    }
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({
      connectionString: this.env.DATABASE_URL,
      application_name: 'puente-email-sender',
    });
    client.on('error', (err) => this.reset(err));
    this.client = client;
    try {
      await client.connect();
    } catch (err) {
      this.reset(err as Error);
      throw err;
    }
    return client;
  }

  private reset(err: Error): void {
    const client = this.client;
    if (!client) return;
    this.client = null;
    this.logger.warn({ err: err.message }, 'claims connection lost; its claims are released');
    client.removeAllListeners('error');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    while (this.flushing || this.scheduled)
      await (this.flushing ?? new Promise<void>((resolve) => setImmediate(resolve)));
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }
}

export class RowClaim<R> {
  private ended = false;

  constructor(
    private readonly claims: RowClaims,
    private readonly id: string,
    readonly row: R,
  ) {}

  /** Commits the outcome (or none: the row stays as it is) and releases the claim. */
  async commit(outcome?: RowOutcome): Promise<void> {
    this.ended = true;
    await this.claims.finish(this.id, outcome ?? null);
  }

  /** Releases a claim that was not committed (the row is left as it was). */
  release(): void {
    if (this.ended) return;
    this.ended = true;
    void this.claims.finish(this.id, null).catch(() => undefined);
  }
}
