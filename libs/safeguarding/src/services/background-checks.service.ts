import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { AuthUser, User } from '@puente/accounts';
import {
  BadRequestError,
  Clock,
  ConflictError,
  decodeCursor,
  Env,
  isoDate,
  NotFoundError,
  Page,
  PageQueryDto,
  toPage,
} from '@puente/platform';
import { DataSource, EntityManager, QueryFailedError, Repository } from 'typeorm';
import { addMonths } from '../calendar';
import type {
  AdjudicateCheckDto,
  BackgroundCheckSummaryView,
  BackgroundCheckView,
  CheckAcceptedView,
  DisputeCheckDto,
  ManualCheckDto,
  RequestCheckDto,
} from '../dto/background-check.dto';
import { BackgroundCheckEvent } from '../entities/background-check-event.entity';
import { BackgroundCheck, CheckProviderName } from '../entities/background-check.entity';
import { ProviderRegistry } from '../providers/provider-registry';
import { AfterCommit } from './after-commit';
import { CheckAccessService, VolunteerAccess } from './check-access.service';
import { CheckJobs } from './check-jobs';
import { CheckTransitions } from './check-transitions.service';
import { SAFEGUARDING_TEMPLATES as T, SafeguardingEmails } from './safeguarding-emails';

const isUniqueViolation = (err: unknown) =>
  err instanceof QueryFailedError && (err as { code?: string }).code === '23505';

export class CheckInProgressError extends ConflictError {
  constructor() {
    super('This volunteer already has a background check in progress', 'CHECK_IN_PROGRESS');
  }
}

/** Requests, reads and decisions on background checks (the HTTP side; the worker runs them). */
@Injectable()
export class BackgroundChecksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(BackgroundCheck) private readonly checks: Repository<BackgroundCheck>,
    @InjectRepository(BackgroundCheckEvent)
    private readonly events: Repository<BackgroundCheckEvent>,
    private readonly access: CheckAccessService,
    private readonly transitions: CheckTransitions,
    private readonly providers: ProviderRegistry,
    private readonly emails: SafeguardingEmails,
    private readonly jobs: CheckJobs,
    private readonly afterCommit: AfterCommit,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  /** Serialises check requests for one volunteer until the transaction ends. */
  async lockVolunteer(manager: EntityManager, volunteerId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('background-check:' || $1))`, [
      volunteerId,
    ]);
  }

  /**
   * Inserts a pending check in the caller's transaction and queues its first step once that
   * transaction commits. If the nudge is lost, the repair drives the check after a grace period.
   */
  async createPending(
    manager: EntityManager,
    input: {
      volunteerId: string;
      organizationId: string | null;
      requestedBy: string | null;
      provider?: CheckProviderName;
    },
  ): Promise<BackgroundCheck> {
    const provider = input.provider ?? this.env.BACKGROUND_CHECK_PROVIDER;
    let check: BackgroundCheck;
    try {
      const rows = (await manager.query(
        `INSERT INTO background_checks
           (volunteer_id, organization_id, requested_by, provider, status, requested_at, next_drive_at)
         VALUES ($1, $2, $3, $4, 'pending', $5, now() + make_interval(secs => $6))
         RETURNING id`,
        [
          input.volunteerId,
          input.organizationId,
          input.requestedBy,
          provider,
          this.clock.now(),
          (2 * this.env.BACKGROUND_CHECK_REPAIR_MS) / 1000,
        ],
      )) as { id: string }[];
      check = await manager.getRepository(BackgroundCheck).findOneByOrFail({ id: rows[0].id });
    } catch (err) {
      if (isUniqueViolation(err)) throw new CheckInProgressError();
      throw err;
    }
    await this.transitions.record(manager, check.id, 'requested', input.requestedBy);
    this.afterCommit.run(manager, () => this.jobs.step(check.id, 'start'));
    return check;
  }

  /** POST /background-checks: a coordinator of an organisation the volunteer applied to. */
  async request(user: AuthUser, dto: RequestCheckDto): Promise<CheckAcceptedView> {
    const orgIds = await this.access.requireCoordinator(user, dto.volunteerId);
    const check = await this.dataSource.transaction(async (manager) => {
      await this.lockVolunteer(manager, dto.volunteerId);
      if (
        await manager.getRepository(BackgroundCheck).exists({
          where: [
            { volunteerId: dto.volunteerId, status: 'pending' },
            { volunteerId: dto.volunteerId, status: 'in_progress' },
          ],
        })
      )
        throw new CheckInProgressError();
      const created = await this.createPending(manager, {
        volunteerId: dto.volunteerId,
        organizationId: orgIds[0],
        requestedBy: user.id,
        provider: dto.provider,
      });
      await this.access.audit(manager, {
        actorId: user.id,
        checkId: created.id,
        volunteerId: dto.volunteerId,
        action: 'request',
        organizationIds: orgIds,
      });
      return created;
    });
    return { id: check.id, status: 'pending' };
  }

  /** POST /background-checks/manual: completes the volunteer's pending manual check, or records a new one. */
  async recordManual(user: AuthUser, dto: ManualCheckDto): Promise<BackgroundCheckView> {
    const orgIds = await this.access.requireCoordinator(user, dto.volunteerId);
    const today = isoDate(this.clock.now());
    const problems: string[] = [];
    if (dto.completedOn > today) problems.push('completedOn must not be in the future');
    if (addMonths(dto.completedOn, this.env.BACKGROUND_CHECK_VALID_MONTHS) < today)
      problems.push(
        `completedOn is more than ${this.env.BACKGROUND_CHECK_VALID_MONTHS} months ago: that check has expired`,
      );
    if (problems.length) throw new BadRequestError(problems);

    const { check, sent } = await this.dataSource.transaction(async (manager) => {
      await this.lockVolunteer(manager, dto.volunteerId);
      let check = await manager.getRepository(BackgroundCheck).findOne({
        where: [
          { volunteerId: dto.volunteerId, provider: 'manual', status: 'pending' },
          { volunteerId: dto.volunteerId, provider: 'manual', status: 'in_progress' },
        ],
      });
      const completedAt = new Date(`${dto.completedOn}T00:00:00.000Z`);
      if (!check) {
        // Born completed: it must not count as a second check in flight beside a provider's.
        const id = (
          (await manager.query(
            `INSERT INTO background_checks (volunteer_id, organization_id, requested_by, provider,
               status, result, requested_at, completed_at)
             VALUES ($1, $2, $3, 'manual', 'completed', $4, $5, $6) RETURNING id`,
            [dto.volunteerId, orgIds[0], user.id, dto.result, this.clock.now(), completedAt],
          )) as { id: string }[]
        )[0].id;
        check = await manager.getRepository(BackgroundCheck).findOneByOrFail({ id });
      }
      check.providerReference = dto.reference;
      await manager
        .getRepository(BackgroundCheck)
        .update(check.id, { providerReference: dto.reference });
      const sent = await this.transitions.complete(
        manager,
        check,
        dto.result,
        completedAt,
        user.id,
      );
      await this.access.audit(manager, {
        actorId: user.id,
        checkId: check.id,
        volunteerId: dto.volunteerId,
        action: 'record_manual',
        organizationIds: orgIds,
      });
      return { check, sent };
    });
    await this.emails.dispatch(sent);
    return this.view(check, { role: 'coordinator', organizationIds: orgIds });
  }

  /** GET /background-checks/:id for the volunteer or a linked coordinator (audited). */
  async read(
    user: AuthUser,
    check: BackgroundCheck,
    access: VolunteerAccess,
  ): Promise<BackgroundCheckView> {
    if (access.role === 'coordinator')
      await this.access.audit(null, {
        actorId: user.id,
        checkId: check.id,
        volunteerId: check.volunteerId,
        action: 'read',
        organizationIds: access.organizationIds,
      });
    return this.view(check, access);
  }

  async listMine(userId: string, query: PageQueryDto): Promise<Page<BackgroundCheckSummaryView>> {
    const after = decodeCursor(query.cursor, 2) as [string, string] | undefined;
    const qb = this.checks
      .createQueryBuilder('c')
      .where('c.volunteer_id = :userId', { userId })
      .orderBy('c.requested_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(query.limit + 1);
    if (after) {
      if (Number.isNaN(Date.parse(after[0])))
        throw new BadRequestError('cursor is not a cursor this list gave out');
      qb.andWhere('(c.requested_at, c.id) < (:at, :id)', { at: after[0], id: after[1] });
    }
    const rows = await qb.getMany();
    return toPage(
      rows,
      query.limit,
      (c) => [c.requestedAt.toISOString(), c.id],
      (c) => summary(c),
    );
  }

  /** POST /background-checks/:id/adjudicate: only for a completed `consider` result. */
  async adjudicate(
    user: AuthUser,
    checkId: string,
    access: VolunteerAccess & { role: 'coordinator' },
    dto: AdjudicateCheckDto,
  ): Promise<BackgroundCheckView> {
    const { check, sent } = await this.dataSource.transaction(async (manager) => {
      const check = await this.transitions.lock(manager, checkId);
      if (!check) throw new NotFoundError('Background check');
      if (check.status !== 'completed' || check.result !== 'consider')
        throw new ConflictError(
          'Only a completed check with the result consider can be adjudicated',
          'NOT_ADJUDICABLE',
        );
      const stage = check.adverseStage;
      if (
        check.adjudication === 'approved' ||
        (check.adjudication === 'rejected' && (stage === null || stage === 'final'))
      )
        throw new ConflictError('This check has already been decided', 'ALREADY_DECIDED');
      // During the waiting period the coordinator may still approve, but not reject twice.
      if (dto.decision === 'rejected' && stage === 'pre_adverse')
        throw new ConflictError(
          'A rejection is already waiting for its adverse-action period to end',
          'ALREADY_DECIDED',
        );
      const now = this.clock.now();
      const provider = this.providers.get(check.provider);
      const sent: Awaited<ReturnType<SafeguardingEmails['toVolunteer']>>[] = [];
      const patch: Partial<BackgroundCheck> = {
        adjudication: dto.decision,
        adjudicatedBy: user.id,
        adjudicatedAt: now,
      };
      if (dto.decision === 'approved') {
        Object.assign(patch, { adverseStage: null, finalAdverseDueAt: null });
        await this.transitions.record(manager, check.id, 'approved', user.id, dto.note);
        sent.push(
          await this.emails.toVolunteer(
            manager,
            check,
            T.checkDecision,
            `decision:${now.getTime()}`,
            {
              cleared: true,
            },
          ),
        );
      } else if (provider.consumerReport && check.adverseStage !== 'disputed') {
        // Consumer reports: pre-adverse notice with a copy of the report, a wait, then the final notice.
        const due = new Date(now.getTime() + this.env.ADVERSE_ACTION_WAIT_DAYS * 86_400_000);
        Object.assign(patch, {
          adverseStage: 'pre_adverse',
          preAdverseAt: now,
          finalAdverseDueAt: due,
        });
        await this.transitions.record(manager, check.id, 'pre_adverse_action', user.id, dto.note);
        sent.push(
          await this.emails.toVolunteer(manager, check, T.preAdverseAction, 'pre-adverse-action', {
            reportCopyUrl:
              check.provider === 'checkr'
                ? 'https://candidate.checkr.com/'
                : this.emails.url(`/background-checks/${check.id}`),
            disputeUrl: this.emails.url(`/background-checks/${check.id}/dispute`),
            disputeBy: due.toISOString(),
            waitDays: this.env.ADVERSE_ACTION_WAIT_DAYS,
          }),
        );
      } else {
        // An offline record, or a rejection that stands after a dispute was considered: final now.
        Object.assign(patch, {
          adverseStage: provider.consumerReport ? 'final' : null,
          finalAdverseDueAt: null,
          finalAdverseAt: provider.consumerReport ? now : null,
        });
        await this.transitions.record(manager, check.id, 'rejected', user.id, dto.note);
        sent.push(
          provider.consumerReport
            ? await this.emails.toVolunteer(
                manager,
                check,
                T.finalAdverseAction,
                'final-adverse-action',
              )
            : await this.emails.toVolunteer(
                manager,
                check,
                T.checkDecision,
                `decision:${now.getTime()}`,
                {
                  cleared: false,
                },
              ),
        );
      }
      await manager.getRepository(BackgroundCheck).update(check.id, patch);
      Object.assign(check, patch);
      await this.access.audit(manager, {
        actorId: user.id,
        checkId: check.id,
        volunteerId: check.volunteerId,
        action: 'adjudicate',
        organizationIds: access.organizationIds,
      });
      return { check, sent };
    });
    await this.emails.dispatch(sent);
    return this.view(check, access);
  }

  /** POST /background-checks/:id/dispute: the volunteer, during the pre-adverse-action period. */
  async dispute(
    user: AuthUser,
    checkId: string,
    dto: DisputeCheckDto,
  ): Promise<BackgroundCheckView> {
    const { check, sent } = await this.dataSource.transaction(async (manager) => {
      const check = await this.transitions.lock(manager, checkId);
      if (!check || check.volunteerId !== user.id) throw new NotFoundError('Background check');
      if (check.adverseStage !== 'pre_adverse')
        throw new ConflictError(
          'A dispute is possible only while a pre-adverse-action notice is pending',
          'NOT_DISPUTABLE',
        );
      const now = this.clock.now();
      const patch: Partial<BackgroundCheck> = { adverseStage: 'disputed', disputedAt: now };
      await manager.getRepository(BackgroundCheck).update(check.id, patch);
      Object.assign(check, patch);
      await this.transitions.record(manager, check.id, 'disputed', user.id, dto.reason);
      const volunteer = await manager
        .getRepository(User)
        .findOneOrFail({ where: { id: user.id }, select: { id: true, name: true } });
      const sent = await this.emails.toCoordinators(
        manager,
        check,
        volunteer,
        T.checkDisputed,
        'disputed',
      );
      return { check, sent };
    });
    await this.emails.dispatch(sent);
    return this.view(check, { role: 'owner' });
  }

  async view(check: BackgroundCheck, access: VolunteerAccess): Promise<BackgroundCheckView> {
    const history = await this.events.find({
      where: { checkId: check.id },
      order: { at: 'ASC', id: 'ASC' },
    });
    return {
      ...summary(check),
      volunteerId: check.volunteerId,
      reference: check.providerReference,
      ...(access.role === 'owner' ? { consentUrl: check.consentUrl } : {}),
      adverseAction: check.preAdverseAt
        ? {
            stage: check.adverseStage ?? 'withdrawn',
            noticeSentAt: check.preAdverseAt,
            finalDueAt: check.finalAdverseDueAt,
            finalSentAt: check.finalAdverseAt,
            disputedAt: check.disputedAt,
          }
        : null,
      history: history.map((e) => ({ at: e.at, action: e.action, by: e.actorId, note: e.note })),
    };
  }
}

function summary(c: BackgroundCheck): BackgroundCheckSummaryView {
  return {
    id: c.id,
    provider: c.provider,
    status: c.status,
    result: c.result,
    adjudication: c.adjudication,
    requestedAt: c.requestedAt,
    completedAt: c.completedAt,
    expiresAt: c.expiresOn,
  };
}
