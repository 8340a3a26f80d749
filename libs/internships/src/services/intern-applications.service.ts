import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, missingProfileFields, Profile, User } from '@puente/accounts';
import { OutboxService, type EnqueuedMessage } from '@puente/notifications';
import {
  BadRequestError,
  Clock,
  ConflictError,
  decodeCursor,
  isoDate,
  NotFoundError,
  Page,
  PageQueryDto,
  toPage,
  UnprocessableError,
} from '@puente/platform';
import { DataSource, In, QueryFailedError } from 'typeorm';
import type {
  CreateInternApplicationDto,
  InternApplicationView,
} from '../dto/intern-application.dto';
import { InternApplication } from '../entities/intern-application.entity';
import { Need } from '../entities/need.entity';
import { ACTIVE_PLACEMENT_STATUSES, Placement } from '../entities/placement.entity';
import { InternshipEmails } from './internship-emails.service';
import { NeedsService } from './needs.service';
import { PlacementHistory } from './placement-history.service';

const isUniqueViolation = (err: unknown, constraint: string) =>
  err instanceof QueryFailedError &&
  (err as { code?: string; constraint?: string }).code === '23505' &&
  (err as { constraint?: string }).constraint === constraint;

export function toApplicationView(a: InternApplication): InternApplicationView {
  return {
    id: a.id,
    userId: a.userId,
    status: a.status,
    availableFrom: a.availableFrom,
    availableTo: a.availableTo,
    statement: a.statement,
    preferences: a.preferences,
    skills: a.skills,
    languages: a.languages,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

@Injectable()
export class InternApplicationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly needs: NeedsService,
    private readonly history: PlacementHistory,
    private readonly emails: InternshipEmails,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * An offer to every organisation. Skills and languages are copied from the profile now; the
   * profile must be complete and list a skill (422 naming what is missing); one active at a time.
   */
  async create(user: AuthUser, dto: CreateInternApplicationDto): Promise<InternApplicationView> {
    const problems: string[] = [];
    if (dto.availableTo < dto.availableFrom)
      problems.push('availableTo must be on or after availableFrom');
    if (dto.availableTo < isoDate(this.clock.now()))
      problems.push('availableTo must not be in the past');
    const preferences = dto.preferences ?? [];
    if (preferences.length) {
      const open = await this.ds
        .getRepository(Need)
        .find({ where: { id: In(preferences), status: 'open' }, select: { id: true } });
      const known = new Set(open.map((n) => n.id));
      for (const id of preferences.filter((p) => !known.has(p)))
        problems.push(`preferences: ${id} is not an open need`);
    }
    if (problems.length) throw new BadRequestError(problems);

    const profile = await this.ds.getRepository(Profile).findOneBy({ userId: user.id });
    const reasons = missingProfileFields(profile).map((f) => `profile: ${f} is missing`);
    if (!profile?.skills.length)
      reasons.push('profile: list at least one skill (PUT /me/profile) before applying');
    if (reasons.length)
      throw new UnprocessableError(
        'Your profile is not ready for an internship application',
        reasons,
        'PROFILE_INCOMPLETE',
      );
    if (
      await this.ds.getRepository(InternApplication).existsBy({ userId: user.id, status: 'active' })
    )
      throw this.alreadyActive();
    const now = this.clock.now();
    try {
      const saved = await this.ds.getRepository(InternApplication).save(
        this.ds.getRepository(InternApplication).create({
          userId: user.id,
          status: 'active',
          availableFrom: dto.availableFrom,
          availableTo: dto.availableTo,
          statement: dto.statement,
          preferences,
          skills: profile!.skills.map((s) => ({ skill: s.skill, level: s.level })),
          languages: profile!.languages.map((l) => ({ code: l.code, level: l.level })),
          createdAt: now,
          updatedAt: now,
        }),
      );
      return toApplicationView(saved);
    } catch (err) {
      if (isUniqueViolation(err, 'intern_applications_active_key')) throw this.alreadyActive();
      throw err;
    }
  }

  private alreadyActive() {
    return new ConflictError(
      'You already have an active internship application; withdraw it first',
      'ACTIVE_APPLICATION_EXISTS',
    );
  }

  async listMine(userId: string, page: PageQueryDto): Promise<Page<InternApplicationView>> {
    const qb = this.ds
      .getRepository(InternApplication)
      .createQueryBuilder('a')
      .where('a.user_id = :userId', { userId })
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(page.limit + 1);
    const after = decodeCursor(page.cursor, 2);
    if (after) qb.andWhere('(a.created_at, a.id) < (:c, :i)', { c: after[0], i: after[1] });
    const rows = await qb.getMany();
    return toPage(rows, page.limit, (a) => [a.createdAt.toISOString(), a.id], toApplicationView);
  }

  /** The owner's own application (404 for anyone else). */
  async getOwn(id: string, userId: string): Promise<InternApplicationView> {
    const a = await this.ds.getRepository(InternApplication).findOneBy({ id, userId });
    if (!a) throw new NotFoundError('Intern application');
    return toApplicationView(a);
  }

  /** Withdraws the application and any offer or placement it holds (the coordinators are told). */
  async withdraw(id: string, user: AuthUser): Promise<InternApplicationView> {
    const messages: (EnqueuedMessage | null)[] = [];
    await this.ds.transaction(async (m) => {
      const app = await m
        .getRepository(InternApplication)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.id = :id AND a.user_id = :userId', { id, userId: user.id })
        .getOne();
      if (!app) throw new NotFoundError('Intern application');
      if (app.status !== 'active')
        throw new ConflictError('The application is already withdrawn', 'ILLEGAL_TRANSITION');
      await m.update(
        InternApplication,
        { id },
        { status: 'withdrawn', updatedAt: this.clock.now() },
      );
      const held = await m
        .getRepository(Placement)
        .findOne({ where: { internApplicationId: id, status: In(ACTIVE_PLACEMENT_STATUSES) } });
      if (!held) return;
      // Lock order everywhere: need, then placement.
      const need = await this.needs.lock(m, held.needId);
      const p = await m
        .getRepository(Placement)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where('p.id = :id', { id: held.id })
        .getOneOrFail();
      if (!ACTIVE_PLACEMENT_STATUSES.includes(p.status)) return;
      await this.history.move(m, p, 'withdrawn', user.id, 'the intern withdrew the application');
      await this.needs.syncStatus(m, need.id);
      const me = await m.findOneByOrFail(User, { id: user.id });
      const data = this.emails.needData(
        need,
        await this.needs.organizationName(m, need.organizationId),
      );
      messages.push(
        ...(await this.emails.declined(m, p, data, me.name, 'the intern withdrew the application')),
      );
    });
    await this.outbox.dispatch(messages);
    return this.getOwn(id, user.id);
  }
}
