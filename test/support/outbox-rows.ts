import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';

/** Trip data as the trips lib puts it in every trip email. */
export const sampleTrip = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  title: 'Build week at Hogar Esperanza',
  startDate: '2027-03-01',
  endDate: '2027-03-15',
  city: 'Antigua',
  country: 'GT',
  organizationName: 'Hogar de Niñas Esperanza',
  ...overrides,
});

export interface RowSpec {
  template?: string;
  toEmail?: string;
  userId?: string;
  data?: Record<string, unknown>;
  /** Seconds from the database's now (negative: in the past). */
  sendInSeconds?: number;
}

/**
 * Writes outbox rows straight into the database, as another lib's transaction would, in one
 * statement (for tests that need hundreds). Answers the new ids in order.
 */
export async function insertOutboxRows(db: Client, specs: RowSpec[]): Promise<string[]> {
  const rows = specs.map((s, i) => ({
    dedupe_key: `test:${randomUUID()}:${i}`,
    template: s.template ?? 'application-received',
    user_id: s.userId ?? null,
    to_email: s.userId ? null : (s.toEmail ?? `volunteer-${i}@example.org`),
    data: s.data ?? { trip: sampleTrip(), application: { id: randomUUID(), status: 'submitted' } },
    send_in: s.sendInSeconds ?? 0,
  }));
  const { rows: ids } = await db.query<{ id: string }>(
    `INSERT INTO notifications (dedupe_key, template, user_id, to_email, data, send_at)
     SELECT r.dedupe_key, r.template, r.user_id, r.to_email, r.data,
            now() + make_interval(secs => r.send_in)
       FROM jsonb_to_recordset($1::jsonb) AS r(dedupe_key text, template text, user_id uuid,
            to_email text, data jsonb, send_in float8)
     RETURNING id`,
    [JSON.stringify(rows)],
  );
  return ids.map((r) => r.id);
}

export async function statusCounts(db: Client): Promise<Record<string, number>> {
  const { rows } = await db.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM notifications GROUP BY status',
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
