import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, User } from '@puente/accounts';
import { OutboxService, type EnqueuedMessage } from '@puente/notifications';
import {
  ConflictError,
  decodeCursor,
  NotFoundError,
  Page,
  PageQueryDto,
  toPage,
} from '@puente/platform';
import { SafeguardingGate } from '@puente/safeguarding';
import { DataSource, EntityManager, In } from 'typeorm';
import type { PlacementListQueryDto, PlacementView } from '../dto/placement.dto';
import { canPlacement } from '../domain/placement-transitions';
import { Need } from '../entities/need.entity';
import { PlacementEvent } from '../entities/placement-event.entity';
import { ACTIVE_PLACEMENT_STATUSES, Placement } from '../entities/placement.entity';
import { userNames } from './candidates.service';
import { InternshipEmails } from './internship-emails.service';
import { InternshipsAccess } from './internships-access.service';
import { NeedsService } from './needs.service';
import { PlacementHistory } from './placement-history.service';

/** At most this many awaiting placements are re-checked per worker tick. */
const RECHECK_BATCH = 200;

@Injectable()
export class PlacementsService {
  private readonly logger = new Logger(PlacementsService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly gate: SafeguardingGate,
    private readonly needs: NeedsService,
    private readonly history: PlacementHistory,
    private readonly emails: InternshipEmails,
    private readonly outbox: OutboxService,
    private readonly access: InternshipsAccess,
  ) {}

  /** The organisations where the volunteer holds an offered, awaiting or placed slot. */
  async activeOrganizationIds(userId: string): Promise<string[]> {
    const rows = await this.ds
      .getRepository(Placement)
      .createQueryBuilder('p')
      .select('DISTINCT p.organization_id', 'orgId')
      .where('p.user_id = :userId AND p.status IN (:...active)', {
        userId,
        active: ACTIVE_PLACEMENT_STATUSES,
      })
      .getRawMany<{ orgId: string }>();
    return rows.map((r) => r.orgId);
  }

  /**
   * The intern accepts an offer: `placed` when the safeguarding gate finds nothing unmet for the
   * need's requirements and dates, else `awaiting_requirements` with what is missing (and a
   * background check requested, in the same transaction).
   */
  async accept(id: string, user: AuthUser): Promise<PlacementView> {
    const messages: (EnqueuedMessage | null)[] = [];
    await this.ds.transaction(async (m) => {
      const { need, p } = await this.lockOwn(m, id, user);
      if (!canPlacement('accept', p.status))
        throw new ConflictError(`The placement is ${p.status}, not offered`, 'ILLEGAL_TRANSITION');
      if (need.status === 'closed') throw new ConflictError('The need is closed', 'NEED_CLOSED');
      const unmet = await this.gate.unmet(this.clearanceQuery(p, need), m);
      const data = this.emails.needData(
        need,
        await this.needs.organizationName(m, need.organizationId),
      );
      const intern = await m.findOneByOrFail(User, { id: p.userId });
      if (unmet.length === 0) {
        await this.history.move(m, p, 'placed', user.id, 'accepted by the intern');
        messages.push(...(await this.emails.placed(m, p, data)));
      } else {
        await this.history.move(
          m,
          p,
          'awaiting_requirements',
          user.id,
          `accepted by the intern; missing: ${unmet.map((u) => u.requirement).join(', ')}`,
          unmet,
        );
        if (need.requiresBackgroundCheck && unmet.some((u) => u.requirement === 'background_check'))
          await this.gate.requestCheckIfNeeded(m, {
            userId: p.userId,
            organizationId: p.organizationId,
            validThrough: need.endDate,
            requestedBy: user.id,
          });
        messages.push(...(await this.emails.awaitingRequirements(m, p, data, unmet)));
      }
      await this.needs.syncStatus(m, need.id);
      messages.push(...(await this.emails.accepted(m, p, data, intern.name, unmet)));
    });
    await this.outbox.dispatch(messages);
    return this.get(id, user, false);
  }

  /** The intern declines (an offer, or while awaiting requirements): the slot is free for the next run. */
  async decline(id: string, user: AuthUser): Promise<PlacementView> {
    const messages: (EnqueuedMessage | null)[] = [];
    await this.ds.transaction(async (m) => {
      const { need, p } = await this.lockOwn(m, id, user);
      if (!canPlacement('decline', p.status))
        throw new ConflictError(`A ${p.status} placement cannot be declined`, 'ILLEGAL_TRANSITION');
      await this.history.move(m, p, 'declined', user.id, 'declined by the intern');
      await this.needs.syncStatus(m, need.id);
      const intern = await m.findOneByOrFail(User, { id: p.userId });
      const data = this.emails.needData(
        need,
        await this.needs.organizationName(m, need.organizationId),
      );
      messages.push(...(await this.emails.declined(m, p, data, intern.name, null)));
    });
    await this.outbox.dispatch(messages);
    return this.get(id, user, false);
  }

  /**
   * Asks the gate again for an awaiting placement; moves it to `placed` once nothing is missing
   * (or refreshes the missing list). Answers whether it changed. Safe to run concurrently.
   */
  async recheck(id: string): Promise<boolean> {
    const messages: (EnqueuedMessage | null)[] = [];
    const changed = await this.ds.transaction(async (m) => {
      const current = await m.findOneBy(Placement, { id });
      if (!current || current.status !== 'awaiting_requirements') return false;
      const need = await this.needs.lock(m, current.needId);
      const p = await this.lockPlacement(m, id);
      if (!p || !canPlacement('clear', p.status)) return false;
      const unmet = await this.gate.unmet(this.clearanceQuery(p, need), m);
      if (unmet.length) {
        const same =
          JSON.stringify(unmet.map((u) => u.requirement).sort()) ===
          JSON.stringify(p.missing.map((u) => u.requirement).sort());
        if (!same) await m.update(Placement, { id }, { missing: unmet as never });
        return false;
      }
      await this.history.move(m, p, 'placed', null, 'safeguarding requirements met');
      await this.needs.syncStatus(m, need.id);
      const data = this.emails.needData(
        need,
        await this.needs.organizationName(m, need.organizationId),
      );
      messages.push(...(await this.emails.placed(m, p, data)));
      return true;
    });
    await this.outbox.dispatch(messages);
    return changed;
  }

  /** The worker's tick: re-checks awaiting placements, oldest re-check first. */
  async recheckAwaiting(): Promise<number> {
    const rows = await this.ds.getRepository(Placement).find({
      where: { status: 'awaiting_requirements' },
      select: { id: true },
      order: { updatedAt: 'ASC' },
      take: RECHECK_BATCH,
    });
    let placed = 0;
    for (const { id } of rows) {
      try {
        if (await this.recheck(id)) placed++;
      } catch (err) {
        this.logger.warn(
          { placementId: id, err: (err as Error).message },
          'placement re-check failed',
        );
      }
    }
    return placed;
  }

  /** The intern or a coordinator of the organisation; an awaiting placement is re-checked first. */
  async get(id: string, viewer: AuthUser, recheck = true): Promise<PlacementView> {
    const p = await this.ds.getRepository(Placement).findOneBy({ id });
    if (!p) throw new NotFoundError('Placement');
    const coordinator = await this.access.coordinates(viewer, p.organizationId);
    if (p.userId !== viewer.id && !coordinator) throw new NotFoundError('Placement');
    if (recheck && p.status === 'awaiting_requirements') await this.recheck(id);
    const [view] = await this.views(this.ds.manager, [id], coordinator);
    return view;
  }

  async listMine(userId: string, page: PageQueryDto): Promise<Page<PlacementView>> {
    return this.list({ userId }, page, false);
  }

  async listForOrganization(orgId: string, q: PlacementListQueryDto): Promise<Page<PlacementView>> {
    return this.list({ organizationId: orgId, status: q.status }, q, true);
  }

  private async list(
    where: { userId?: string; organizationId?: string; status?: string },
    page: PageQueryDto,
    coordinator: boolean,
  ): Promise<Page<PlacementView>> {
    const qb = this.ds
      .getRepository(Placement)
      .createQueryBuilder('p')
      .select(['p.id', 'p.createdAt'])
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .take(page.limit + 1);
    if (where.userId) qb.andWhere('p.user_id = :userId', { userId: where.userId });
    if (where.organizationId)
      qb.andWhere('p.organization_id = :orgId', { orgId: where.organizationId });
    if (where.status) qb.andWhere('p.status = :status', { status: where.status });
    const after = decodeCursor(page.cursor, 2);
    if (after) qb.andWhere('(p.created_at, p.id) < (:c, :i)', { c: after[0], i: after[1] });
    const rows = await qb.getMany();
    const views = new Map(
      (
        await this.views(
          this.ds.manager,
          rows.map((r) => r.id),
          coordinator,
        )
      ).map((v) => [v.id, v]),
    );
    return toPage(
      rows,
      page.limit,
      (r) => [r.createdAt.toISOString(), r.id],
      (r) => views.get(r.id)!,
    );
  }

  private async views(
    m: EntityManager,
    ids: string[],
    coordinator: boolean,
  ): Promise<PlacementView[]> {
    if (!ids.length) return [];
    const placements = await m.getRepository(Placement).find({ where: { id: In(ids) } });
    const needs = await m
      .getRepository(Need)
      .createQueryBuilder('n')
      .addSelect('n.privateLocation')
      .leftJoinAndSelect('n.organization', 'o')
      .where('n.id IN (:...ids)', { ids: [...new Set(placements.map((p) => p.needId))] })
      .getMany();
    const needById = new Map(needs.map((n) => [n.id, n]));
    const events = await m
      .getRepository(PlacementEvent)
      .find({ where: { placementId: In(ids) }, order: { at: 'ASC', id: 'ASC' } });
    const names = await userNames(
      m,
      placements.map((p) => p.userId),
    );
    const byId = new Map(placements.map((p) => [p.id, p]));
    return ids.map((id) => {
      const p = byId.get(id)!;
      const need = needById.get(p.needId)!;
      const showPrivate = coordinator || p.status === 'placed';
      return {
        id: p.id,
        status: p.status,
        need: {
          id: need.id,
          organizationId: need.organizationId,
          organizationName: need.organization?.name ?? '',
          title: need.title,
          location: need.location,
          startDate: need.startDate,
          endDate: need.endDate,
          ...(showPrivate ? { privateLocation: need.privateLocation ?? null } : {}),
        },
        internApplicationId: p.internApplicationId,
        volunteer: { id: p.userId, name: names.get(p.userId) ?? '' },
        runId: p.runId,
        score: p.score,
        explanation: p.explanation,
        missing: p.status === 'awaiting_requirements' ? p.missing : [],
        history: events
          .filter((e) => e.placementId === p.id)
          .map((e) => ({
            from: e.fromStatus,
            to: e.toStatus,
            at: e.at,
            by: e.byUserId,
            reason: e.reason,
          })),
        createdAt: p.createdAt,
        updatedAt: p.updatedAt,
      };
    });
  }

  private clearanceQuery(p: Placement, need: Need) {
    return {
      userId: p.userId,
      organizationId: p.organizationId,
      requirements: {
        backgroundCheck: need.requiresBackgroundCheck,
        safeguardingTraining: need.requiresSafeguardingTraining,
        codeOfConduct: need.requiresCodeOfConduct,
      },
      startDate: need.startDate,
      endDate: need.endDate,
    };
  }

  /** The intern's own placement and its need, both locked (need first); 404 for anyone else. */
  private async lockOwn(m: EntityManager, id: string, user: AuthUser) {
    const current = await m.findOneBy(Placement, { id, userId: user.id });
    if (!current) throw new NotFoundError('Placement');
    const need = await this.needs.lock(m, current.needId);
    const p = (await this.lockPlacement(m, id))!;
    return { need, p };
  }

  private lockPlacement(m: EntityManager, id: string): Promise<Placement | null> {
    return m
      .getRepository(Placement)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :id', { id })
      .getOne();
  }
}
