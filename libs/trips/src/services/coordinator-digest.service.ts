import { Injectable, Logger } from '@nestjs/common';
import { OrganizationsService } from '@puente/accounts';
import { EnqueuedMessage, OutboxService } from '@puente/notifications';
import { Clock } from '@puente/platform';
import { DataSource } from 'typeorm';

/** Digests go out at this local hour in each organisation's time zone. */
export const DIGEST_LOCAL_HOUR = 7;

interface DueDigest {
  id: string;
  name: string;
  local_date: string;
  cutoff: Date;
}

/**
 * The coordinators' daily digest of new applications, per trip. Each organisation's digest is
 * due at 07:00 in its time zone and covers what arrived since the previous one (so a worker that
 * was down for a day sends one digest covering both). Safe to run often and from several
 * workers: the organisation's digest row is locked and moved forward once, and each email has
 * the dedupe key digest:<orgId>:<userId>:<localDate>.
 */
@Injectable()
export class CoordinatorDigestService {
  private readonly logger = new Logger(CoordinatorDigestService.name);

  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
  ) {}

  /** Sends every digest that has fallen due; answers how many emails it wrote. */
  async run(now: Date = this.clock.now()): Promise<number> {
    // The digest date is the local date of (now - 07:00); its cutoff is 07:00 local that day.
    const due = (await this.ds.query(
      `SELECT o.id, o.name, d.local_date::text AS local_date, c.cutoff
         FROM organizations o
         CROSS JOIN LATERAL (SELECT (($1::timestamptz AT TIME ZONE o.time_zone) - make_interval(hours => $2))::date AS local_date) d
         CROSS JOIN LATERAL (SELECT (d.local_date + make_interval(hours => $2)) AT TIME ZONE o.time_zone AS cutoff) c
         LEFT JOIN trip_digests g ON g.organization_id = o.id
        WHERE g.covered_until IS NULL OR g.covered_until < c.cutoff`,
      [now, DIGEST_LOCAL_HOUR],
    )) as DueDigest[];
    let written = 0;
    for (const org of due) {
      try {
        written += await this.digest(org);
      } catch (err) {
        this.logger.error({ err, organizationId: org.id }, 'coordinator digest failed');
      }
    }
    return written;
  }

  private async digest(org: DueDigest): Promise<number> {
    const out: (EnqueuedMessage | null)[] = [];
    await this.ds.transaction(async (m) => {
      const dayBefore = new Date(org.cutoff.getTime() - 24 * 3600_000);
      await m.query(
        `INSERT INTO trip_digests (organization_id, covered_until) VALUES ($1, $2)
         ON CONFLICT (organization_id) DO NOTHING`,
        [org.id, dayBefore],
      );
      const [state] = (await m.query(
        `SELECT covered_until FROM trip_digests WHERE organization_id = $1 FOR UPDATE`,
        [org.id],
      )) as { covered_until: Date }[];
      // Another worker got here first.
      if (state.covered_until.getTime() >= org.cutoff.getTime()) return;
      const trips = (await m.query(
        `SELECT t.id, t.title, count(*)::int AS "newApplications"
           FROM trips t JOIN trip_applications a ON a.trip_id = t.id
          WHERE t.organization_id = $1 AND a.created_at > $2 AND a.created_at <= $3
          GROUP BY t.id, t.title, t.start_date
          ORDER BY t.start_date, t.title`,
        [org.id, state.covered_until, org.cutoff],
      )) as { id: string; title: string; newApplications: number }[];
      await m.query(`UPDATE trip_digests SET covered_until = $2 WHERE organization_id = $1`, [
        org.id,
        org.cutoff,
      ]);
      if (!trips.length) return;
      for (const coordinator of await this.organizations.coordinators(org.id)) {
        out.push(
          await this.outbox.enqueue(m, {
            dedupeKey: `digest:${org.id}:${coordinator.id}:${org.local_date}`,
            template: 'coordinator-digest',
            userId: coordinator.id,
            data: { organizationName: org.name, date: org.local_date, trips },
          }),
        );
      }
    });
    await this.outbox.dispatch(out);
    return out.filter(Boolean).length;
  }
}
