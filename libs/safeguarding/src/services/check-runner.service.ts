import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { User } from '@puente/accounts';
import { Clock, Env } from '@puente/platform';
import { DataSource, Repository } from 'typeorm';
import { BackgroundCheck } from '../entities/background-check.entity';
import { ProviderError, VolunteerIdentity } from '../providers/background-check-provider';
import { ProviderRegistry } from '../providers/provider-registry';
import { CheckJobs } from './check-jobs';
import { CheckTransitions } from './check-transitions.service';
import { SAFEGUARDING_TEMPLATES as T, SafeguardingEmails } from './safeguarding-emails';

/** How long a worker holds a check while it talks to the provider. */
const CLAIM_SECONDS = 120;

/**
 * The worker's side of a check: every provider call happens here, never in the API. A step
 * reads the row, claims it, talks to the provider, and records the new state. The periodic
 * repair re-drives any check whose job was lost (a Redis flush, a crash).
 */
@Injectable()
export class CheckRunner {
  private readonly logger = new Logger(CheckRunner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(BackgroundCheck) private readonly checks: Repository<BackgroundCheck>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly providers: ProviderRegistry,
    private readonly transitions: CheckTransitions,
    private readonly emails: SafeguardingEmails,
    private readonly jobs: CheckJobs,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  /** One step of a check (job payload: its id). Throws on a provider error so Bull retries. */
  async step(checkId: string): Promise<void> {
    const check = await this.claim(checkId);
    if (!check) return;
    try {
      if (check.status === 'pending') await this.start(check);
      else await this.advance(check);
    } catch (err) {
      const retryable = !(err instanceof ProviderError) || err.retryable;
      const message =
        err instanceof ProviderError ? err.message : `${(err as Error).name ?? 'Error'} in a step`;
      await this.release(checkId, this.redriveMs(retryable ? 10 : 60), message);
      this.logger.warn({ checkId, provider: check.provider, error: message }, 'check step failed');
      throw err;
    }
  }

  /** Queues a step for every check whose next drive is overdue and nobody holds. */
  async repair(): Promise<number> {
    const rows = (await this.dataSource.query(
      `UPDATE background_checks SET next_drive_at = now() + make_interval(secs => $1)
       WHERE id IN (
         SELECT id FROM background_checks
         WHERE status IN ('pending', 'in_progress') AND next_drive_at <= now()
           AND (claimed_until IS NULL OR claimed_until < now())
         ORDER BY next_drive_at LIMIT 200 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [this.redriveMs(5) / 1000],
    )) as [{ id: string }[], number];
    const ids = rows[0];
    for (const { id } of ids) await this.jobs.step(id, `repair:${Date.now()}`);
    if (ids.length) this.logger.log({ count: ids.length }, 're-drove background checks');
    return ids.length;
  }

  private redriveMs(ticks: number): number {
    return ticks * this.env.BACKGROUND_CHECK_REPAIR_MS;
  }

  private async claim(checkId: string): Promise<BackgroundCheck | null> {
    const rows = (await this.dataSource.query(
      `UPDATE background_checks
       SET claimed_until = now() + make_interval(secs => $2), attempts = attempts + 1
       WHERE id = $1 AND status IN ('pending', 'in_progress')
         AND (claimed_until IS NULL OR claimed_until < now())
       RETURNING id`,
      [checkId, CLAIM_SECONDS],
    )) as [{ id: string }[], number];
    if (!rows[0].length) return null;
    return this.checks.findOneBy({ id: checkId });
  }

  /** Lets go of the check; the repair drives it again after `driveInMs` if it is still active. */
  private async release(checkId: string, driveInMs: number | null, error?: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE background_checks
       SET claimed_until = NULL,
           next_drive_at = CASE WHEN status IN ('pending', 'in_progress') AND $2::float8 IS NOT NULL
                                THEN now() + make_interval(secs => $2::float8) END,
           last_error = COALESCE($3, last_error)
       WHERE id = $1`,
      [checkId, driveInMs === null ? null : driveInMs / 1000, error ?? null],
    );
  }

  private async identity(check: BackgroundCheck): Promise<VolunteerIdentity> {
    const user = await this.users.findOneByOrFail({ id: check.volunteerId });
    return { id: user.id, email: user.email, name: user.name };
  }

  private async start(check: BackgroundCheck): Promise<void> {
    const provider = this.providers.get(check.provider);
    const started = await provider.start(check, await this.identity(check), async (patch) => {
      await this.checks.update(check.id, patch);
      Object.assign(check, patch);
    });
    const startedAt = this.clock.now();
    const grace = this.redriveMs(2);
    const sent = await this.dataSource.transaction(async (manager) => {
      const res = await manager.query(
        `UPDATE background_checks
         SET status = 'in_progress', provider_reference = $2, provider_invitation_id = $3,
             consent_url = $4, started_at = $5, claimed_until = NULL, last_error = NULL,
             next_drive_at = CASE WHEN $6::float8 IS NULL THEN NULL
                                  ELSE now() + make_interval(secs => $6::float8) END
         WHERE id = $1 AND status = 'pending'`,
        [
          check.id,
          started.reference,
          started.invitationId ?? null,
          started.consentUrl ?? null,
          startedAt,
          started.driveAfterMs === null ? null : (started.driveAfterMs + grace) / 1000,
        ],
      );
      if (!(res as [unknown, number])[1]) return [];
      Object.assign(check, {
        status: 'in_progress',
        providerReference: started.reference,
        consentUrl: started.consentUrl ?? null,
        startedAt,
      });
      await this.transitions.record(manager, check.id, 'started');
      return [
        await this.emails.toVolunteer(manager, check, T.checkRequested, 'requested', {
          consentUrl: started.consentUrl ?? null,
        }),
      ];
    });
    await this.emails.dispatch(sent);
    if (started.delayedJob && started.driveAfterMs !== null)
      await this.jobs.step(check.id, `drive:${startedAt.getTime()}`, started.driveAfterMs);
  }

  private async advance(check: BackgroundCheck): Promise<void> {
    const provider = this.providers.get(check.provider);
    const outcome = await provider.advance(check, await this.identity(check));
    if (outcome.update) {
      const update = outcome.update;
      const sent = await this.dataSource.transaction(async (manager) => {
        const locked = await this.transitions.lock(manager, check.id);
        return locked ? this.transitions.apply(manager, locked, update) : [];
      });
      await this.emails.dispatch(sent);
    }
    const again = outcome.driveAgainInMs;
    await this.release(check.id, again === null ? null : again + this.redriveMs(2));
    if (outcome.delayedJob && again !== null)
      await this.jobs.step(check.id, `drive:${Date.now()}`, again);
  }
}
