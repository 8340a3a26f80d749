import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { User } from '@puente/accounts';
import { buildCandidates } from '@puente/matching';
import { decodeCursor, NotFoundError, Page, PageQueryDto, toPage } from '@puente/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import type { CandidateView } from '../dto/candidate.dto';
import { InternApplication } from '../entities/intern-application.entity';
import { Need } from '../entities/need.entity';
import { MatchInputService } from './match-input.service';

/** Active applications free to be matched: not holding an offered, awaiting or placed slot. */
export async function availableApplications(
  m: EntityManager,
  window?: { startDate: string; endDate: string },
): Promise<InternApplication[]> {
  const qb = m
    .getRepository(InternApplication)
    .createQueryBuilder('a')
    .where(`a.status = 'active'`)
    .andWhere(
      `NOT EXISTS (SELECT 1 FROM placements p WHERE p.intern_application_id = a.id AND p.status IN ('offered', 'awaiting_requirements', 'placed'))`,
    )
    .orderBy('a.id');
  // Only a window covering the need's dates can be eligible: let the index skip the rest.
  if (window)
    qb.andWhere('a.available_from <= :start AND a.available_to >= :end', {
      start: window.startDate,
      end: window.endDate,
    });
  return qb.getMany();
}

/** Names of the users, by id (what the limited view of an application shows). */
export async function userNames(m: EntityManager, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const users = await m.getRepository(User).find({
    where: { id: In([...new Set(ids)]) },
    select: { id: true, name: true },
  });
  return new Map(users.map((u) => [u.id, u.name]));
}

/**
 * The eligible candidates of one need, best first, scored by the matching library exactly as a
 * run scores them. Coordinators see the limited view of an application only.
 */
@Injectable()
export class CandidatesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly input: MatchInputService,
  ) {}

  async list(needId: string, page: PageQueryDto): Promise<Page<CandidateView>> {
    const need = await this.ds.getRepository(Need).findOneBy({ id: needId });
    if (!need) throw new NotFoundError('Need');
    const apps = await availableApplications(this.ds.manager, need);
    const byId = new Map(apps.map((a) => [a.id, a]));
    const input = await this.input.build(this.ds.manager, [need], apps, 'any');
    let ranked = buildCandidates(input.applications, input.needs);
    const after = decodeCursor(page.cursor, 2);
    if (after) {
      const [score, id] = [Number(after[0]), String(after[1])];
      ranked = ranked.filter((c) => c.score < score || (c.score === score && c.applicationId > id));
    }
    const slice = ranked.slice(0, page.limit + 1);
    const names = await userNames(
      this.ds.manager,
      slice.map((c) => byId.get(c.applicationId)!.userId),
    );
    return toPage(
      slice,
      page.limit,
      (c) => [c.score, c.applicationId],
      (c) => {
        const a = byId.get(c.applicationId)!;
        return {
          internApplicationId: a.id,
          volunteer: { id: a.userId, name: names.get(a.userId) ?? '' },
          score: c.score,
          explanation: c.explanation,
          skills: a.skills,
          languages: a.languages,
          availableFrom: a.availableFrom,
          availableTo: a.availableTo,
          statement: a.statement,
        };
      },
    );
  }
}
