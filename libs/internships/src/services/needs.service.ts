import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, Organization, SkillsService } from '@puente/accounts';
import { OutboxService, type EnqueuedMessage } from '@puente/notifications';
import {
  BadRequestError,
  Clock,
  ConflictError,
  decodeCursor,
  NotFoundError,
  Page,
  toPage,
} from '@puente/platform';
import { DataSource, EntityManager } from 'typeorm';
import type {
  CreateNeedDto,
  NeedListQueryDto,
  NeedView,
  OrganizationNeedsQueryDto,
  UpdateNeedDto,
} from '../dto/need.dto';
import { Need } from '../entities/need.entity';
import { ACTIVE_PLACEMENT_STATUSES, Placement } from '../entities/placement.entity';
import { InternshipEmails } from './internship-emails.service';
import { InternshipsAccess } from './internships-access.service';
import { PlacementHistory } from './placement-history.service';

const ACTIVE = ACTIVE_PLACEMENT_STATUSES;

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

/** Fields of a need that may not be set to null. */
const NOT_NULL: (keyof UpdateNeedDto)[] = [
  'title',
  'description',
  'location',
  'startDate',
  'endDate',
  'slots',
  'requiredSkills',
  'preferredSkills',
  'languages',
  'requiresBackgroundCheck',
  'requiresSafeguardingTraining',
  'requiresCodeOfConduct',
];

@Injectable()
export class NeedsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly skills: SkillsService,
    private readonly access: InternshipsAccess,
    private readonly emails: InternshipEmails,
    private readonly outbox: OutboxService,
    private readonly history: PlacementHistory,
    private readonly clock: Clock,
  ) {}

  async create(orgId: string, dto: CreateNeedDto, by: AuthUser): Promise<NeedView> {
    const fields = {
      requiredSkills: dto.requiredSkills ?? [],
      preferredSkills: dto.preferredSkills ?? [],
      languages: dto.languages ?? [],
    };
    await this.check({ ...dto, ...fields });
    const now = this.clock.now();
    const need = await this.ds.getRepository(Need).save(
      this.ds.getRepository(Need).create({
        organizationId: orgId,
        title: dto.title,
        description: dto.description,
        location: dto.location,
        startDate: dto.startDate,
        endDate: dto.endDate,
        slots: dto.slots,
        requiredSkills: fields.requiredSkills.map((s) => ({
          skill: s.skill,
          minLevel: s.minLevel,
        })),
        preferredSkills: fields.preferredSkills.map((s) => ({ skill: s.skill, weight: s.weight })),
        languages: fields.languages.map((l) => ({ code: l.code, minLevel: l.minLevel })),
        skillSlugs: slugsOf(fields),
        requiresBackgroundCheck: dto.requiresBackgroundCheck ?? true,
        requiresSafeguardingTraining: dto.requiresSafeguardingTraining ?? false,
        requiresCodeOfConduct: dto.requiresCodeOfConduct ?? false,
        privateLocation: dto.privateLocation ?? null,
        status: 'open',
        createdBy: by.id,
        createdAt: now,
        updatedAt: now,
      }),
    );
    return this.get(need.id, by);
  }

  /** Every rule a need's fields must keep together; 400 listing each broken one. */
  private async check(n: {
    startDate: string;
    endDate: string;
    requiredSkills: { skill: string }[];
    preferredSkills: { skill: string }[];
    languages: { code: string }[];
  }): Promise<void> {
    const problems: string[] = [];
    if (n.endDate < n.startDate) problems.push('endDate must be on or after startDate');
    for (const s of duplicates(n.requiredSkills.map((s) => s.skill)))
      problems.push(`requiredSkills lists ${s} more than once`);
    for (const s of duplicates(n.preferredSkills.map((s) => s.skill)))
      problems.push(`preferredSkills lists ${s} more than once`);
    for (const c of duplicates(n.languages.map((l) => l.code)))
      problems.push(`languages lists ${c} more than once`);
    const unknown = await this.skills.unknown([
      ...n.requiredSkills.map((s) => s.skill),
      ...n.preferredSkills.map((s) => s.skill),
    ]);
    for (const s of unknown) problems.push(`${s} is not in the skill taxonomy (see GET /skills)`);
    if (problems.length) throw new BadRequestError(problems);
  }

  async update(id: string, dto: UpdateNeedDto, by: AuthUser): Promise<NeedView> {
    const nulls = NOT_NULL.filter((k) => dto[k] === null);
    if (nulls.length) throw new BadRequestError(nulls.map((k) => `${k} must not be null`));
    await this.ds.transaction(async (m) => {
      const need = await this.lock(m, id);
      if (need.status === 'closed') throw new ConflictError('The need is closed', 'NEED_CLOSED');
      const merged = {
        startDate: dto.startDate ?? need.startDate,
        endDate: dto.endDate ?? need.endDate,
        requiredSkills: dto.requiredSkills ?? need.requiredSkills,
        preferredSkills: dto.preferredSkills ?? need.preferredSkills,
        languages: dto.languages ?? need.languages,
      };
      await this.check(merged);
      const taken = (await this.activeCounts(m, [id])).get(id) ?? 0;
      if (dto.slots !== undefined && dto.slots < taken)
        throw new ConflictError(
          `slots cannot go below the ${taken} offered, awaiting or placed interns`,
          'SLOTS_BELOW_TAKEN',
        );
      const changes: Partial<Need> = { updatedAt: this.clock.now() };
      for (const key of [
        'title',
        'description',
        'location',
        'startDate',
        'endDate',
        'slots',
      ] as const)
        if (dto[key] !== undefined) (changes as Record<string, unknown>)[key] = dto[key];
      for (const key of [
        'requiresBackgroundCheck',
        'requiresSafeguardingTraining',
        'requiresCodeOfConduct',
      ] as const)
        if (dto[key] !== undefined) changes[key] = dto[key];
      if (dto.privateLocation !== undefined) changes.privateLocation = dto.privateLocation;
      if (dto.requiredSkills)
        changes.requiredSkills = dto.requiredSkills.map((s) => ({
          skill: s.skill,
          minLevel: s.minLevel,
        }));
      if (dto.preferredSkills)
        changes.preferredSkills = dto.preferredSkills.map((s) => ({
          skill: s.skill,
          weight: s.weight,
        }));
      if (dto.languages)
        changes.languages = dto.languages.map((l) => ({ code: l.code, minLevel: l.minLevel }));
      changes.skillSlugs = slugsOf(merged);
      await m.update(Need, { id }, changes);
      await this.syncStatus(m, id);
    });
    return this.get(id, by);
  }

  /** Closes the need: no more runs; offers not yet placed are withdrawn (the interns are told). */
  async close(id: string, by: AuthUser): Promise<NeedView> {
    const messages: (EnqueuedMessage | null)[] = [];
    await this.ds.transaction(async (m) => {
      const need = await this.lock(m, id);
      if (need.status === 'closed')
        throw new ConflictError('The need is already closed', 'NEED_CLOSED');
      await m.update(Need, { id }, { status: 'closed', updatedAt: this.clock.now() });
      const pending = await m
        .getRepository(Placement)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where(`p.need_id = :id AND p.status IN ('offered', 'awaiting_requirements')`, { id })
        .getMany();
      if (!pending.length) return;
      const data = this.emails.needData(need, await this.organizationName(m, need.organizationId));
      for (const p of pending) {
        await this.history.move(m, p, 'withdrawn', by.id, 'the need was closed');
        messages.push(...(await this.emails.withdrawn(m, p, data, 'the need was closed')));
      }
    });
    await this.outbox.dispatch(messages);
    return this.get(id, by);
  }

  /** The need, locked for the rest of the transaction (404 when missing). */
  async lock(m: EntityManager, id: string): Promise<Need> {
    const need = await m
      .getRepository(Need)
      .createQueryBuilder('n')
      .setLock('pessimistic_write')
      .where('n.id = :id', { id })
      .getOne();
    if (!need) throw new NotFoundError('Need');
    return need;
  }

  async organizationName(m: EntityManager, orgId: string): Promise<string> {
    const org = await m.findOneBy(Organization, { id: orgId });
    return org?.name ?? '';
  }

  /** Offered + awaiting + placed placements per need: the slots they hold. */
  async activeCounts(m: EntityManager, needIds: string[]): Promise<Map<string, number>> {
    if (!needIds.length) return new Map();
    const rows = await m
      .createQueryBuilder(Placement, 'p')
      .select('p.need_id', 'needId')
      .addSelect('count(*)::int', 'n')
      .where('p.need_id IN (:...needIds) AND p.status IN (:...active)', { needIds, active: ACTIVE })
      .groupBy('p.need_id')
      .getRawMany<{ needId: string; n: number }>();
    return new Map(rows.map((r) => [r.needId, r.n]));
  }

  /** open ⇄ filled: a need is filled when all its slots are placed. Closed needs stay closed. */
  async syncStatus(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE needs SET status = CASE WHEN (SELECT count(*) FROM placements p WHERE p.need_id = needs.id AND p.status = 'placed') >= slots THEN 'filled' ELSE 'open' END
       WHERE id = $1 AND status IN ('open', 'filled')`,
      [id],
    );
  }

  /**
   * One need: open ones for anyone; others only for the organisation's coordinators (404 for the
   * rest). The private location only for coordinators and interns placed in the need.
   */
  async get(id: string, viewer: AuthUser | undefined): Promise<NeedView> {
    const need = await this.ds
      .getRepository(Need)
      .createQueryBuilder('n')
      .addSelect('n.privateLocation')
      .leftJoinAndSelect('n.organization', 'o')
      .where('n.id = :id', { id })
      .getOne();
    if (!need) throw new NotFoundError('Need');
    const coordinator = await this.access.coordinates(viewer, need.organizationId);
    if (need.status !== 'open' && !coordinator) throw new NotFoundError('Need');
    const placedHere =
      !coordinator &&
      !!viewer &&
      (await this.ds
        .getRepository(Placement)
        .existsBy({ needId: id, userId: viewer.id, status: 'placed' }));
    const taken = (await this.activeCounts(this.ds.manager, [id])).get(id) ?? 0;
    return this.toView(need, taken, coordinator || placedHere);
  }

  /** Open needs for everyone, soonest first; `skill` (repeatable) must each be mentioned. */
  async listOpen(q: NeedListQueryDto): Promise<Page<NeedView>> {
    const qb = this.ds
      .getRepository(Need)
      .createQueryBuilder('n')
      .leftJoinAndSelect('n.organization', 'o')
      .where(`n.status = 'open'`)
      .orderBy('n.start_date', 'ASC')
      .addOrderBy('n.id', 'ASC')
      .take(q.limit + 1);
    if (q.skill?.length)
      qb.andWhere('n.skill_slugs @> CAST(:skills AS varchar[])', { skills: q.skill });
    const after = decodeCursor(q.cursor, 2);
    if (after) qb.andWhere('(n.start_date, n.id) > (:d, :i)', { d: after[0], i: after[1] });
    return this.page(qb.getMany(), q.limit, false);
  }

  /** Every need of the organisation (coordinators), with the private location. */
  async listForOrganization(orgId: string, q: OrganizationNeedsQueryDto): Promise<Page<NeedView>> {
    const qb = this.ds
      .getRepository(Need)
      .createQueryBuilder('n')
      .addSelect('n.privateLocation')
      .leftJoinAndSelect('n.organization', 'o')
      .where('n.organization_id = :orgId', { orgId })
      .orderBy('n.start_date', 'ASC')
      .addOrderBy('n.id', 'ASC')
      .take(q.limit + 1);
    if (q.status) qb.andWhere('n.status = :status', { status: q.status });
    const after = decodeCursor(q.cursor, 2);
    if (after) qb.andWhere('(n.start_date, n.id) > (:d, :i)', { d: after[0], i: after[1] });
    return this.page(qb.getMany(), q.limit, true);
  }

  private async page(rows: Promise<Need[]>, limit: number, full: boolean): Promise<Page<NeedView>> {
    const needs = await rows;
    const taken = await this.activeCounts(
      this.ds.manager,
      needs.map((n) => n.id),
    );
    return toPage(
      needs,
      limit,
      (n) => [n.startDate, n.id],
      (n) => this.toView(n, taken.get(n.id) ?? 0, full),
    );
  }

  private toView(n: Need, taken: number, withPrivate: boolean): NeedView {
    return {
      id: n.id,
      organization: { id: n.organizationId, name: n.organization?.name ?? '' },
      title: n.title,
      description: n.description,
      location: n.location,
      startDate: n.startDate,
      endDate: n.endDate,
      slots: n.slots,
      slotsRemaining: Math.max(0, n.slots - taken),
      requiredSkills: n.requiredSkills,
      preferredSkills: n.preferredSkills,
      languages: n.languages,
      requiresBackgroundCheck: n.requiresBackgroundCheck,
      requiresSafeguardingTraining: n.requiresSafeguardingTraining,
      requiresCodeOfConduct: n.requiresCodeOfConduct,
      ...(withPrivate ? { privateLocation: n.privateLocation ?? null } : {}),
      status: n.status,
      createdAt: n.createdAt,
      updatedAt: n.updatedAt,
    };
  }
}

function slugsOf(n: { requiredSkills: { skill: string }[]; preferredSkills: { skill: string }[] }) {
  return [...new Set([...n.requiredSkills, ...n.preferredSkills].map((s) => s.skill))];
}
