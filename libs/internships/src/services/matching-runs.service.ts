import { InjectQueue } from '@nestjs/bull';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser } from '@puente/accounts';
import { blockingPairs, eligibility, matchOptimal, matchStable, scorePair } from '@puente/matching';
import { OutboxService, type EnqueuedMessage } from '@puente/notifications';
import {
  BadRequestError,
  Clock,
  ConflictError,
  decodeCursor,
  DomainError,
  JOBS,
  NotFoundError,
  Page,
  PageQueryDto,
  QUEUES,
  RunMatchingJob,
  toPage,
  UnprocessableError,
} from '@puente/platform';
import type { Queue } from 'bull';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import type {
  CreateMatchingRunDto,
  MatchingRunQueuedView,
  MatchingRunSummaryView,
  MatchingRunView,
  OverrideProposalsDto,
} from '../dto/matching-run.dto';
import { canonicalJson } from '../domain/match-input';
import { InternApplication } from '../entities/intern-application.entity';
import {
  MatchingRun,
  type RunInput,
  type RunProposal,
  type RunResult,
} from '../entities/matching-run.entity';
import { Need } from '../entities/need.entity';
import { Placement } from '../entities/placement.entity';
import { availableApplications, userNames } from './candidates.service';
import { InternshipEmails } from './internship-emails.service';
import { MatchInputService } from './match-input.service';
import { NeedsService } from './needs.service';
import { PlacementHistory } from './placement-history.service';

/** A run left `running` this long is taken to have lost its worker and may be claimed again. */
const RUN_STALLED_MS = 10 * 60_000;
/** A run still `queued` after this long is queued again (its job was lost with Redis). */
export const RUN_REQUEUE_AFTER_MS = 30_000;

const byProposalOrder = (a: RunProposal, b: RunProposal) =>
  (a.needId < b.needId ? -1 : a.needId > b.needId ? 1 : 0) ||
  b.score - a.score ||
  (a.internApplicationId < b.internApplicationId ? -1 : 1);

/** Here an exclusion always means the intern declined that need's offer: say so to coordinators. */
function wordDeclines(reason: string): string {
  return reason
    .replace(/excluded from this need/g, 'declined this need’s offer before')
    .replace(/\bexcluded for\b/g, 'offer declined for');
}

@Injectable()
export class MatchingRunsService {
  private readonly logger = new Logger(MatchingRunsService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectQueue(QUEUES.matching) private readonly queue: Queue<RunMatchingJob>,
    private readonly clock: Clock,
    private readonly needs: NeedsService,
    private readonly input: MatchInputService,
    private readonly history: PlacementHistory,
    private readonly emails: InternshipEmails,
    private readonly outbox: OutboxService,
  ) {}

  /** Records the run and queues it for the worker (202). needIds: this org's open needs only. */
  async create(
    orgId: string,
    dto: CreateMatchingRunDto,
    by: AuthUser,
  ): Promise<MatchingRunQueuedView> {
    if (dto.needIds) {
      const found = await this.ds
        .getRepository(Need)
        .find({ where: { id: In(dto.needIds), organizationId: orgId } });
      const byId = new Map(found.map((n) => [n.id, n]));
      const missing = dto.needIds.filter((id) => !byId.has(id));
      if (missing.length)
        throw new DomainError(
          HttpStatus.NOT_FOUND,
          `Need not found in this organization: ${missing.join(', ')}`,
          'NOT_FOUND',
        );
      const closed = found.filter((n) => n.status !== 'open');
      if (closed.length)
        throw new BadRequestError(
          closed.map((n) => `needIds: need ${n.id} is ${n.status}, not open`),
        );
    }
    const run = await this.ds.getRepository(MatchingRun).save(
      this.ds.getRepository(MatchingRun).create({
        organizationId: orgId,
        mode: dto.mode,
        status: 'queued',
        needIds: dto.needIds ?? null,
        requestedBy: by.id,
        createdAt: this.clock.now(),
      }),
    );
    await this.enqueue([run.id]);
    return { id: run.id, status: 'queued' };
  }

  /** Job id = run id: a run is in the queue at most once. Never throws (the worker's tick re-queues). */
  async enqueue(runIds: string[]): Promise<void> {
    if (!runIds.length) return;
    try {
      await this.queue.addBulk(
        runIds.map((runId) => ({
          name: JOBS.runMatching,
          data: { runId },
          opts: { jobId: runId },
        })),
      );
    } catch (err) {
      this.logger.warn(
        { err: (err as Error).message, count: runIds.length },
        'could not queue matching runs now; the worker tick will',
      );
    }
  }

  /** Runs queued for a while (their job lost) or stalled: queue them again. */
  async requeueStale(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - RUN_REQUEUE_AFTER_MS);
    const stalled = new Date(this.clock.now().getTime() - RUN_STALLED_MS);
    const rows = await this.ds
      .getRepository(MatchingRun)
      .createQueryBuilder('r')
      .select('r.id')
      .where(`(r.status = 'queued' AND r.created_at < :before)`, { before })
      .orWhere(`(r.status = 'running' AND r.started_at < :stalled)`, { stalled })
      .limit(100)
      .getMany();
    // A finished job with the same id would block a re-add: remove what is left of it first.
    for (const r of rows) {
      const job = await this.queue.getJob(r.id).catch(() => null);
      if (job && ((await job.isCompleted()) || (await job.isFailed()))) await job.remove();
    }
    await this.enqueue(rows.map((r) => r.id));
    return rows.length;
  }

  /**
   * The worker's job: claims the run (queued, or running but stalled), reads its needs with
   * their free slots and every application free to be matched, and stores the result.
   */
  async compute(runId: string): Promise<void> {
    const stalled = new Date(this.clock.now().getTime() - RUN_STALLED_MS);
    const claimed = await this.ds.query(
      `UPDATE matching_runs SET status = 'running', started_at = $2
       WHERE id = $1 AND (status = 'queued' OR (status = 'running' AND started_at < $3))
       RETURNING id`,
      [runId, this.clock.now(), stalled],
    );
    if (!(claimed as [unknown[], number])[0]?.length) {
      this.logger.log({ runId }, 'matching run already taken or finished; skipping');
      return;
    }
    const run = await this.ds.getRepository(MatchingRun).findOneByOrFail({ id: runId });
    try {
      const started = Date.now();
      const input = await this.readInput(this.ds.manager, run);
      const outcome =
        run.mode === 'optimal'
          ? matchOptimal(input.applications, input.needs)
          : matchStable(input.applications, input.needs);
      const result: RunResult = {
        proposals: outcome.proposals.map((p) => ({
          needId: p.needId,
          internApplicationId: p.applicationId,
          score: p.score,
          explanation: p.explanation,
        })),
        unfilledSlots: outcome.unfilledSlots,
        unmatchedApplications: outcome.unmatchedApplications.map((u) => ({
          internApplicationId: u.applicationId,
          reason: wordDeclines(u.reason),
        })),
        blockingPairs: outcome.blockingPairs,
      };
      await this.ds.getRepository(MatchingRun).update(
        { id: runId },
        {
          status: 'completed',
          input: input as never,
          result: result as never,
          totalScore: outcome.totalScore,
          completedAt: this.clock.now(),
          error: null,
        },
      );
      this.logger.log(
        {
          runId,
          mode: run.mode,
          needs: input.needs.length,
          applications: input.applications.length,
          proposals: result.proposals.length,
          ms: Date.now() - started,
        },
        'matching run completed',
      );
    } catch (err) {
      await this.ds
        .getRepository(MatchingRun)
        .update(
          { id: runId },
          { status: 'failed', error: (err as Error).message, completedAt: this.clock.now() },
        );
      throw err;
    }
  }

  /** The needs of the run (still open) with their free slots, and the applications free to match. */
  private async readInput(m: EntityManager, run: MatchingRun): Promise<RunInput> {
    const needs = await m.getRepository(Need).find({
      where: {
        organizationId: run.organizationId,
        status: 'open',
        ...(run.needIds ? { id: In(run.needIds) } : {}),
      },
      order: { id: 'ASC' },
    });
    const apps = needs.length ? await availableApplications(m) : [];
    return this.input.build(m, needs, apps);
  }

  async get(id: string): Promise<MatchingRunView> {
    const run = await this.ds.getRepository(MatchingRun).findOneBy({ id });
    if (!run) throw new NotFoundError('Matching run');
    return this.toView(this.ds.manager, run);
  }

  async list(orgId: string, page: PageQueryDto): Promise<Page<MatchingRunSummaryView>> {
    const qb = this.ds
      .getRepository(MatchingRun)
      .createQueryBuilder('r')
      .select(['r.id', 'r.mode', 'r.status', 'r.totalScore', 'r.appliedAt', 'r.createdAt'])
      .where('r.organization_id = :orgId', { orgId })
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .take(page.limit + 1);
    const after = decodeCursor(page.cursor, 2);
    if (after) qb.andWhere('(r.created_at, r.id) < (:c, :i)', { c: after[0], i: after[1] });
    const rows = await qb.getMany();
    return toPage(
      rows,
      page.limit,
      (r) => [r.createdAt.toISOString(), r.id],
      (r) => ({
        id: r.id,
        mode: r.mode,
        status: r.status,
        totalScore: r.totalScore,
        appliedAt: r.appliedAt,
        createdAt: r.createdAt,
      }),
    );
  }

  /**
   * A coordinator's changes before applying: each change puts an application on a need (replacing
   * its proposal) or removes it. Eligibility and the need's free slots are checked (422 with
   * reasons); the total, unfilled slots and blocking pairs are recomputed.
   */
  async override(id: string, dto: OverrideProposalsDto): Promise<MatchingRunView> {
    return this.ds.transaction(async (m) => {
      const run = await this.lockRun(m, id);
      this.assertOpenForChange(run);
      const input = run.input!;
      const result = run.result!;
      const apps = new Map(input.applications.map((a) => [a.id, a]));
      const needs = new Map(input.needs.map((n) => [n.id, n]));
      const assigned = new Map(result.proposals.map((p) => [p.internApplicationId, p.needId]));
      const problems: string[] = [];
      for (const [k, change] of dto.changes.entries()) {
        const app = apps.get(change.internApplicationId);
        if (!app) {
          problems.push(
            `changes[${k}]: application ${change.internApplicationId} was not considered by this run`,
          );
          continue;
        }
        if (change.needId === null) {
          assigned.delete(app.id);
          continue;
        }
        const need = needs.get(change.needId);
        if (!need) {
          problems.push(`changes[${k}]: need ${change.needId} is not part of this run`);
          continue;
        }
        const check = eligibility(app, need);
        if (!check.eligible) {
          problems.push(
            `changes[${k}]: application ${app.id} is not eligible for need ${need.id}: ${check.reasons.map(wordDeclines).join('; ')}`,
          );
          continue;
        }
        assigned.set(app.id, need.id);
      }
      const counts = new Map<string, number>();
      for (const needId of assigned.values()) counts.set(needId, (counts.get(needId) ?? 0) + 1);
      for (const [needId, count] of counts) {
        const slots = needs.get(needId)!.slots;
        if (count > slots)
          problems.push(
            `need ${needId} has ${slots} free slot(s), the proposals put ${count} there`,
          );
      }
      if (problems.length)
        throw new UnprocessableError(
          'The changed proposals are not valid',
          problems,
          'PROPOSALS_INVALID',
        );

      const next = this.rebuild(input, result, assigned);
      await m.update(
        MatchingRun,
        { id },
        {
          result: next as never,
          totalScore: next.proposals.reduce((s, p) => s + p.score, 0),
          overridden: true,
        },
      );
      return this.toView(m, await m.findOneByOrFail(MatchingRun, { id }));
    });
  }

  /** The result of an arbitrary assignment of the run's input, in the library's shape. */
  private rebuild(input: RunInput, before: RunResult, assigned: Map<string, string>): RunResult {
    const apps = new Map(input.applications.map((a) => [a.id, a]));
    const needs = new Map(input.needs.map((n) => [n.id, n]));
    const proposals: RunProposal[] = [...assigned].map(([appId, needId]) => {
      const { score, explanation } = scorePair(apps.get(appId)!, needs.get(needId)!);
      return { needId, internApplicationId: appId, score, explanation };
    });
    proposals.sort(byProposalOrder);
    const filled = new Map<string, number>();
    for (const p of proposals) filled.set(p.needId, (filled.get(p.needId) ?? 0) + 1);
    const oldReasons = new Map(
      before.unmatchedApplications.map((u) => [u.internApplicationId, u.reason]),
    );
    const unmatchedApplications = input.applications
      .filter((a) => !assigned.has(a.id))
      .map((a) => a.id)
      .sort()
      .map((id) => ({
        internApplicationId: id,
        reason: oldReasons.get(id) ?? 'removed from the proposals by a coordinator',
      }));
    const unfilledSlots = [...input.needs]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .filter((n) => (filled.get(n.id) ?? 0) < n.slots)
      .map((n) => ({ needId: n.id, count: n.slots - (filled.get(n.id) ?? 0) }));
    const blocking = blockingPairs(
      input.applications,
      input.needs,
      proposals.map((p) => ({ applicationId: p.internApplicationId, needId: p.needId })),
    );
    return { proposals, unfilledSlots, unmatchedApplications, blockingPairs: blocking.count };
  }

  /**
   * Creates the proposals' placements `offered` and emails each intern, in one transaction. Once
   * only (409 after); a run whose needs or proposed applications changed since is stale (409).
   */
  async apply(id: string, by: AuthUser): Promise<MatchingRunView> {
    const messages: (EnqueuedMessage | null)[] = [];
    const view = await this.ds
      .transaction(async (m) => {
        const run = await this.lockRun(m, id);
        this.assertOpenForChange(run);
        const input = run.input!;
        const result = run.result!;
        // Lock the needs (in id order, as everywhere) so free slots cannot move under us.
        const needIds = input.needs.map((n) => n.id).sort();
        const needs = needIds.length
          ? await m
              .getRepository(Need)
              .createQueryBuilder('n')
              .setLock('pessimistic_write')
              .where('n.id IN (:...needIds)', { needIds })
              .orderBy('n.id')
              .getMany()
          : [];
        const reasons = await this.staleReasons(m, input, result, needs);
        if (reasons.length)
          throw new DomainError(
            HttpStatus.CONFLICT,
            'The run is stale: its needs or applications changed since it was computed; start a new run',
            'RUN_STALE',
            reasons,
          );
        const needById = new Map(needs.map((n) => [n.id, n]));
        const apps = await m.getRepository(InternApplication).findBy({
          id: In(result.proposals.map((p) => p.internApplicationId)),
        });
        const appById = new Map(apps.map((a) => [a.id, a]));
        const orgName = await this.needs.organizationName(m, run.organizationId);
        const now = this.clock.now();
        for (const proposal of result.proposals) {
          const need = needById.get(proposal.needId)!;
          const placement = await m.getRepository(Placement).save(
            m.getRepository(Placement).create({
              runId: run.id,
              needId: need.id,
              internApplicationId: proposal.internApplicationId,
              userId: appById.get(proposal.internApplicationId)!.userId,
              organizationId: run.organizationId,
              status: 'offered',
              score: proposal.score,
              explanation: proposal.explanation,
              missing: [],
              createdAt: now,
              updatedAt: now,
            }),
          );
          await this.history.record(m, placement, null, by.id, `matching run ${run.id}`);
          messages.push(
            ...(await this.emails.offered(m, placement, this.emails.needData(need, orgName))),
          );
        }
        await m.update(MatchingRun, { id }, { appliedAt: now, appliedBy: by.id });
        return this.toView(m, await m.findOneByOrFail(MatchingRun, { id }));
      })
      .catch((err: unknown) => {
        // Another run placed one of these applications at the same moment.
        if (err instanceof QueryFailedError && (err as { code?: string }).code === '23505')
          throw new DomainError(
            HttpStatus.CONFLICT,
            'The run is stale: an application was placed by another run meanwhile',
            'RUN_STALE',
          );
        throw err;
      });
    await this.outbox.dispatch(messages);
    return view;
  }

  private async staleReasons(
    m: EntityManager,
    input: RunInput,
    result: RunResult,
    needs: Need[],
  ): Promise<string[]> {
    const reasons: string[] = [];
    const proposed = new Set(result.proposals.map((p) => p.internApplicationId));
    const free = (await availableApplications(m)).filter((a) => proposed.has(a.id));
    const open = needs.filter((n) => n.status === 'open');
    const now = await this.input.build(m, open, free);
    const needNow = new Map(now.needs.map((n) => [n.id, n]));
    for (const was of input.needs) {
      const need = needNow.get(was.id);
      if (!need) reasons.push(`need ${was.id} is no longer open`);
      else if (need.slots !== was.slots)
        reasons.push(`need ${was.id} now has ${need.slots} free slot(s), the run saw ${was.slots}`);
      else if (canonicalJson(need) !== canonicalJson(was))
        reasons.push(`need ${was.id} was edited since the run`);
    }
    const appNow = new Map(now.applications.map((a) => [a.id, a]));
    const appWas = new Map(input.applications.map((a) => [a.id, a]));
    for (const id of proposed) {
      const app = appNow.get(id);
      if (!app || canonicalJson(app) !== canonicalJson(appWas.get(id)))
        reasons.push(`application ${id} was withdrawn, changed or placed since the run`);
    }
    return reasons;
  }

  private async lockRun(m: EntityManager, id: string): Promise<MatchingRun> {
    const run = await m
      .getRepository(MatchingRun)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id })
      .getOne();
    if (!run) throw new NotFoundError('Matching run');
    return run;
  }

  private assertOpenForChange(run: MatchingRun): void {
    if (run.appliedAt)
      throw new ConflictError('The run has already been applied', 'RUN_ALREADY_APPLIED');
    if (run.status !== 'completed' || !run.input || !run.result)
      throw new ConflictError(`The run is ${run.status}, not completed`, 'RUN_NOT_COMPLETED');
  }

  private async toView(m: EntityManager, run: MatchingRun): Promise<MatchingRunView> {
    const result = run.result;
    const appUsers = new Map<string, string>();
    const placements = run.appliedAt
      ? await m
          .getRepository(Placement)
          .find({ where: { runId: run.id }, order: { needId: 'ASC' } })
      : [];
    if (result) {
      const ids = [
        ...result.proposals.map((p) => p.internApplicationId),
        ...result.unmatchedApplications.map((u) => u.internApplicationId),
      ];
      if (ids.length) {
        const rows = await m
          .getRepository(InternApplication)
          .find({ where: { id: In(ids) }, select: { id: true, userId: true } });
        for (const r of rows) appUsers.set(r.id, r.userId);
      }
    }
    const names = await userNames(m, [...appUsers.values()]);
    const volunteer = (appId: string) => {
      const userId = appUsers.get(appId) ?? '';
      return { id: userId, name: names.get(userId) ?? '' };
    };
    return {
      id: run.id,
      organizationId: run.organizationId,
      mode: run.mode,
      status: run.status,
      needIds: run.needIds,
      totalScore: run.totalScore,
      proposals: (result?.proposals ?? []).map((p) => ({
        needId: p.needId,
        internApplicationId: p.internApplicationId,
        volunteer: volunteer(p.internApplicationId),
        score: p.score,
        explanation: p.explanation,
      })),
      unfilledSlots: result?.unfilledSlots ?? [],
      unmatchedApplications: (result?.unmatchedApplications ?? []).map((u) => ({
        internApplicationId: u.internApplicationId,
        volunteer: volunteer(u.internApplicationId),
        reason: u.reason,
      })),
      blockingPairs: result ? result.blockingPairs : null,
      overridden: run.overridden,
      error: run.error,
      appliedAt: run.appliedAt,
      ...(run.appliedAt
        ? {
            placements: placements.map((p) => ({
              id: p.id,
              needId: p.needId,
              internApplicationId: p.internApplicationId,
              status: p.status,
            })),
          }
        : {}),
      createdAt: run.createdAt,
      completedAt: run.completedAt,
    };
  }
}
