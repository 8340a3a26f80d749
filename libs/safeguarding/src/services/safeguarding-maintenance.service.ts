import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { User } from '@puente/accounts';
import { Clock, isoDate } from '@puente/platform';
import { DataSource, EntityManager } from 'typeorm';
import { addDays, addMonths } from '../calendar';
import { BackgroundCheck } from '../entities/background-check.entity';
import { CheckTransitions } from './check-transitions.service';
import { SAFEGUARDING_TEMPLATES as T, SafeguardingEmails } from './safeguarding-emails';

/** Emails go out this many days before a check expires. */
export const EXPIRY_NOTICE_DAYS = 30;
/** Twelve months after a check expires only its dates and result are kept. */
export const ERASE_AFTER_MONTHS = 12;

export interface DailyReport {
  expired: number;
  expiringNotices: number;
  finalNotices: number;
  erased: number;
}

/**
 * The daily safeguarding job: expiry, expiry notices, final adverse-action notices, and erasure
 * of old details. Every part is idempotent (state guards and dedupe keys), so running it twice
 * in a day, or in two workers, does no harm. "Today" comes from Clock.
 */
@Injectable()
export class SafeguardingMaintenanceService {
  private readonly logger = new Logger(SafeguardingMaintenanceService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transitions: CheckTransitions,
    private readonly emails: SafeguardingEmails,
    private readonly clock: Clock,
  ) {}

  /** Runs the daily job unless it already ran today (claimed by a row, so one worker runs it). */
  async runIfDue(): Promise<DailyReport | null> {
    const today = isoDate(this.clock.now());
    const claimed = (await this.dataSource.query(
      `INSERT INTO safeguarding_daily_runs (day) VALUES ($1) ON CONFLICT DO NOTHING RETURNING day`,
      [today],
    )) as unknown[];
    if (!claimed.length) return null;
    try {
      return await this.runDaily();
    } catch (err) {
      // Let the next tick try again.
      await this.dataSource.query(`DELETE FROM safeguarding_daily_runs WHERE day = $1`, [today]);
      throw err;
    }
  }

  async runDaily(): Promise<DailyReport> {
    const report: DailyReport = {
      expired: await this.expire(),
      expiringNotices: await this.noticeExpiring(),
      finalNotices: await this.finaliseAdverseActions(),
      erased: await this.erase(),
    };
    this.logger.log(report, 'daily safeguarding job done');
    return report;
  }

  /** Completed checks past their last valid day become expired; the volunteer is told. */
  private async expire(): Promise<number> {
    const today = isoDate(this.clock.now());
    const ids = await this.ids(
      `SELECT id FROM background_checks WHERE status = 'completed' AND expires_on < $1`,
      [today],
    );
    for (const id of ids) {
      const sent = await this.dataSource.transaction(async (manager) => {
        const check = await this.transitions.lock(manager, id);
        if (!check || check.status !== 'completed' || check.expiresOn! >= today) return [];
        await manager.getRepository(BackgroundCheck).update(id, { status: 'expired' });
        check.status = 'expired';
        await this.transitions.record(manager, id, 'expired');
        if (await this.superseded(manager, check, today)) return [];
        return [await this.emails.toVolunteer(manager, check, T.checkExpired, 'expired')];
      });
      await this.emails.dispatch(sent);
    }
    return ids.length;
  }

  /**
   * 30 days before a cleared check expires: the volunteer (how to renew) and the coordinators of
   * the organisations they are linked to now. Skipped when a renewal is already valid or under way.
   */
  private async noticeExpiring(): Promise<number> {
    const today = isoDate(this.clock.now());
    const ids = await this.ids(
      `SELECT id FROM background_checks
       WHERE status = 'completed' AND expires_on >= $1 AND expires_on <= $2
         AND (result = 'clear' OR adjudication = 'approved')`,
      [today, addDays(today, EXPIRY_NOTICE_DAYS)],
    );
    let notices = 0;
    for (const id of ids) {
      const sent = await this.dataSource.transaction(async (manager) => {
        const check = await manager.getRepository(BackgroundCheck).findOneBy({ id });
        if (!check || (await this.superseded(manager, check, today))) return [];
        const data = {
          expiresAt: check.expiresOn,
          renew:
            'Ask a coordinator of an organisation you serve with to request a new check; one is also requested when an application of yours is accepted.',
        };
        const volunteer = await manager
          .getRepository(User)
          .findOneOrFail({ where: { id: check.volunteerId }, select: { id: true, name: true } });
        return [
          await this.emails.toVolunteer(manager, check, T.checkExpiringSoon, 'expiring-soon', data),
          ...(await this.emails.toCoordinators(
            manager,
            check,
            volunteer,
            T.checkExpiringCoordinator,
            'expiring-soon',
            { expiresAt: check.expiresOn },
            { includeRequester: false },
          )),
        ];
      });
      notices += sent.filter(Boolean).length;
      await this.emails.dispatch(sent);
    }
    return notices;
  }

  /** After the waiting period of a pre-adverse-action notice (no dispute), the final notice goes out. */
  private async finaliseAdverseActions(): Promise<number> {
    const now = this.clock.now();
    const ids = await this.ids(
      `SELECT id FROM background_checks
       WHERE adverse_stage = 'pre_adverse' AND final_adverse_due_at <= $1`,
      [now],
    );
    for (const id of ids) {
      const sent = await this.dataSource.transaction(async (manager) => {
        const check = await this.transitions.lock(manager, id);
        if (!check || check.adverseStage !== 'pre_adverse' || check.finalAdverseDueAt! > now)
          return [];
        await manager
          .getRepository(BackgroundCheck)
          .update(id, { adverseStage: 'final', finalAdverseAt: now });
        await this.transitions.record(manager, id, 'final_adverse_action');
        return [
          await this.emails.toVolunteer(
            manager,
            check,
            T.finalAdverseAction,
            'final-adverse-action',
          ),
        ];
      });
      await this.emails.dispatch(sent);
    }
    return ids.length;
  }

  /** Keeps only dates, status and result of checks that expired more than twelve months ago. */
  private async erase(): Promise<number> {
    const cutoff = addMonths(isoDate(this.clock.now()), -ERASE_AFTER_MONTHS);
    return this.dataSource.transaction(async (manager) => {
      const [rows] = (await manager.query(
        `UPDATE background_checks
         SET provider_reference = NULL, provider_invitation_id = NULL, provider_report_id = NULL,
             consent_url = NULL, last_error = NULL, requested_by = NULL, adjudicated_by = NULL,
             organization_id = NULL, details_erased_at = $2
         WHERE status = 'expired' AND expires_on < $1 AND details_erased_at IS NULL
         RETURNING id`,
        [cutoff, this.clock.now()],
      )) as [{ id: string }[], number];
      const ids = rows.map((r) => r.id);
      if (ids.length)
        await manager.query(
          `UPDATE background_check_events SET note = NULL, actor_id = NULL WHERE check_id = ANY($1)`,
          [ids],
        );
      return ids.length;
    });
  }

  /** Another cleared check lasts longer, or a new one is under way. */
  private async superseded(
    manager: EntityManager,
    check: BackgroundCheck,
    today: string,
  ): Promise<boolean> {
    const rows = (await manager.query(
      `SELECT 1 FROM background_checks
       WHERE volunteer_id = $1 AND id <> $2 AND (
         status IN ('pending', 'in_progress') OR
         (status = 'completed' AND expires_on > $3 AND expires_on >= $4
          AND (result = 'clear' OR adjudication = 'approved')))
       LIMIT 1`,
      [check.volunteerId, check.id, check.expiresOn, today],
    )) as unknown[];
    return rows.length > 0;
  }

  private async ids(sql: string, params: unknown[]): Promise<string[]> {
    return ((await this.dataSource.query(sql, params)) as { id: string }[]).map((r) => r.id);
  }
}
