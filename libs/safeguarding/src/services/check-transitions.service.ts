import { Injectable, Logger } from '@nestjs/common';
import { User } from '@puente/accounts';
import { Clock, Env, isoDate } from '@puente/platform';
import { EntityManager } from 'typeorm';
import { addMonths } from '../calendar';
import { BackgroundCheckEvent } from '../entities/background-check-event.entity';
import { BackgroundCheck, CheckResult } from '../entities/background-check.entity';
import type { ProviderUpdate } from '../providers/background-check-provider';
import { SAFEGUARDING_TEMPLATES as T, SafeguardingEmails } from './safeguarding-emails';

type Sent = Awaited<ReturnType<SafeguardingEmails['toVolunteer']>>;

/** The changes of a check's state, each with its history row and emails, inside a transaction. */
@Injectable()
export class CheckTransitions {
  private readonly logger = new Logger(CheckTransitions.name);

  constructor(
    private readonly clock: Clock,
    private readonly env: Env,
    private readonly emails: SafeguardingEmails,
  ) {}

  /** Reads the check and locks its row until the transaction ends. */
  lock(manager: EntityManager, id: string): Promise<BackgroundCheck | null> {
    return manager
      .getRepository(BackgroundCheck)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .getOne();
  }

  async record(
    manager: EntityManager,
    checkId: string,
    action: string,
    actorId: string | null = null,
    note: string | null = null,
  ): Promise<void> {
    await manager.getRepository(BackgroundCheckEvent).insert({ checkId, action, actorId, note });
  }

  /** Applies what a provider reported (by webhook or when polled). Answers the emails written. */
  async apply(
    manager: EntityManager,
    check: BackgroundCheck,
    update: ProviderUpdate,
  ): Promise<Sent[]> {
    const repo = manager.getRepository(BackgroundCheck);
    const active = check.status === 'pending' || check.status === 'in_progress';
    switch (update.kind) {
      case 'completed':
        if (update.reportId && !check.providerReportId) check.providerReportId = update.reportId;
        if (active) return this.complete(manager, check, update.result, this.clock.now(), null);
        if (check.status === 'completed' && check.result !== update.result)
          return this.reissue(manager, check, update.result);
        return [];
      case 'report_started':
      case 'poll':
        if (!check.providerReportId) {
          check.providerReportId = update.reportId;
          await repo.update(check.id, { providerReportId: update.reportId });
        }
        if (update.kind === 'poll' && active)
          await manager.query(`UPDATE background_checks SET next_drive_at = now() WHERE id = $1`, [
            check.id,
          ]);
        return [];
      case 'suspended':
        if (active) await this.record(manager, check.id, 'suspended');
        return [];
      case 'cancelled':
        if (!active) return [];
        check.status = 'cancelled';
        await repo.update(check.id, { status: 'cancelled', nextDriveAt: null, claimedUntil: null });
        await this.record(manager, check.id, update.reason);
        return [];
    }
  }

  /** A pending or in-progress check gets its result; valid for BACKGROUND_CHECK_VALID_MONTHS. */
  async complete(
    manager: EntityManager,
    check: BackgroundCheck,
    result: CheckResult,
    completedAt: Date,
    actorId: string | null,
  ): Promise<Sent[]> {
    const expiresOn = addMonths(isoDate(completedAt), this.env.BACKGROUND_CHECK_VALID_MONTHS);
    Object.assign(check, {
      status: 'completed',
      result,
      completedAt,
      expiresOn,
      nextDriveAt: null,
      claimedUntil: null,
      lastError: null,
    } satisfies Partial<BackgroundCheck>);
    await manager.getRepository(BackgroundCheck).update(check.id, {
      status: 'completed',
      result,
      completedAt,
      expiresOn,
      nextDriveAt: null,
      claimedUntil: null,
      lastError: null,
      providerReportId: check.providerReportId,
      startedAt: check.startedAt ?? completedAt,
    });
    await this.record(manager, check.id, 'completed', actorId);
    return this.completionEmails(manager, check, `completed:${completedAt.getTime()}`);
  }

  /** A provider re-issued a completed report (e.g. after a dispute) with another result. */
  private async reissue(
    manager: EntityManager,
    check: BackgroundCheck,
    result: CheckResult,
  ): Promise<Sent[]> {
    const patch: Partial<BackgroundCheck> = { result, providerReportId: check.providerReportId };
    // A new result starts the review over: the earlier decision was about the earlier report.
    Object.assign(patch, {
      adjudication: null,
      adjudicatedAt: null,
      adjudicatedBy: null,
      adverseStage: null,
      finalAdverseDueAt: null,
    });
    Object.assign(check, patch);
    await manager.getRepository(BackgroundCheck).update(check.id, patch);
    await this.record(manager, check.id, 'result_updated');
    this.logger.log({ checkId: check.id }, 'a provider re-issued a completed check');
    return this.completionEmails(manager, check, `reissued:${this.clock.now().getTime()}`);
  }

  private async completionEmails(
    manager: EntityManager,
    check: BackgroundCheck,
    occasion: string,
  ): Promise<Sent[]> {
    const needsReview = check.result === 'consider';
    const sent: Sent[] = [
      await this.emails.toVolunteer(manager, check, T.checkCompleted, occasion, {
        needsReview,
        expiresAt: check.expiresOn,
      }),
    ];
    if (needsReview) {
      const volunteer = await manager
        .getRepository(User)
        .findOne({ where: { id: check.volunteerId }, select: { id: true, name: true } });
      if (volunteer)
        sent.push(
          ...(await this.emails.toCoordinators(
            manager,
            check,
            volunteer,
            T.checkNeedsReview,
            occasion,
          )),
        );
    }
    return sent;
  }
}
