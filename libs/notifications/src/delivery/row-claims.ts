import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Env } from '@puente/platform';
import { escapeLiteral, Pool, type PoolClient } from 'pg';

/** A value written into SQL text by `sql` below: only these types, each quoted safely. */
export type SqlValue = string | number | Date | null | string[];

/** A literal for simple-protocol SQL: strings through pg's escapeLiteral, numbers checked. */
export function literal(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (value instanceof Date) return `'${value.toISOString()}'::timestamptz`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('not a finite number');
    return String(value);
  }
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(', ')}]::text[]`;
  return escapeLiteral(value.replace(/\0/g, ''));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Claims outbox rows for sending. A claim is a transaction on a connection of its own that holds
 * the row's lock (SELECT … FOR UPDATE SKIP LOCKED) from before the row is read until the outcome is
 * committed, so no two senders (a stalled Bull job run twice, or the sweep re-queueing a row after
 * a Redis flush) ever send one row at once, and each sees what the other committed. A worker that
 * dies drops its connection and PostgreSQL releases the lock. Two round trips per email: BEGIN and
 * the locked read in one simple-protocol message, the outcome and COMMIT in another (hence literal
 * SQL, quoted by `literal`).
 */
@Injectable()
export class RowClaims implements OnApplicationShutdown {
  private readonly pool: Pool;

  constructor(env: Env) {
    // One connection per send in flight, apart from the shared pool, which recipients and data
    // resolvers use while a claim is held (so the two can never starve each other).
    this.pool = new Pool({
      connectionString: env.DATABASE_URL,
      max: env.EMAIL_CONCURRENCY,
      application_name: 'puente-email-sender',
    });
    this.pool.on('error', () => undefined); // a broken idle connection is dropped by the pool
  }

  /**
   * The locked row (the named columns), or null when it is missing or another sender holds it.
   */
  async claim<R extends object>(
    notificationId: string,
    columns: readonly string[],
  ): Promise<RowClaim<R> | null> {
    if (!UUID.test(notificationId)) return null;
    const client = await this.pool.connect();
    try {
      const results = (await client.query(
        `BEGIN; SELECT ${columns.join(', ')} FROM notifications
          WHERE id = ${literal(notificationId)} FOR UPDATE SKIP LOCKED`,
      )) as unknown as { rows: R[] }[];
      const row = results[1].rows[0];
      if (row) return new RowClaim<R>(client, row);
      await client.query('ROLLBACK');
      client.release();
      return null;
    } catch (err) {
      client.release(true);
      throw err;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

export class RowClaim<R> {
  private ended = false;

  constructor(
    private readonly client: PoolClient,
    readonly row: R,
  ) {}

  /** Commits the outcome (an UPDATE of the row, or nothing) and releases the lock. */
  async commit(update?: string): Promise<void> {
    await this.client.query(update ? `${update}; COMMIT` : 'COMMIT');
    this.ended = true;
  }

  /** Back to the pool; a connection still inside the transaction is closed, which rolls it back. */
  release(): void {
    this.client.release(!this.ended);
  }
}
