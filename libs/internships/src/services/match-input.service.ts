import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { toMatchApplication, toMatchNeed } from '../domain/match-input';
import type { InternApplication } from '../entities/intern-application.entity';
import type { RunInput } from '../entities/matching-run.entity';
import type { Need } from '../entities/need.entity';
import { Placement } from '../entities/placement.entity';
import { NeedsService } from './needs.service';

/**
 * Builds what the matching library is given, the same way for runs, for the stale check at apply
 * and for the candidates of a need: free slots per need, and no pair an intern already declined.
 */
@Injectable()
export class MatchInputService {
  constructor(private readonly needs: NeedsService) {}

  async build(
    m: EntityManager,
    needs: Need[],
    apps: InternApplication[],
    slots: 'free' | 'any' = 'free',
  ): Promise<RunInput> {
    const ids = needs.map((n) => n.id);
    const taken = slots === 'free' ? await this.needs.activeCounts(m, ids) : new Map();
    // application id → the needs whose offer it declined: never proposed there again.
    const declined = new Map<string, string[]>();
    if (ids.length && apps.length) {
      const rows = await m
        .createQueryBuilder(Placement, 'p')
        .select('p.need_id', 'needId')
        .addSelect('p.intern_application_id', 'appId')
        .where(`p.need_id IN (:...ids) AND p.status = 'declined'`, { ids })
        .getRawMany<{ needId: string; appId: string }>();
      for (const r of rows) declined.set(r.appId, [...(declined.get(r.appId) ?? []), r.needId]);
    }
    const input: RunInput = {
      // Slots do not enter a score; 'any' keeps a full need valid for ranking its candidates.
      needs: needs.map((n) =>
        toMatchNeed(n, slots === 'free' ? Math.max(0, n.slots - (taken.get(n.id) ?? 0)) : 1),
      ),
      applications: apps.map((a) => {
        const excludedNeeds = declined.get(a.id);
        return excludedNeeds
          ? { ...toMatchApplication(a), excludedNeeds: excludedNeeds.sort() }
          : toMatchApplication(a);
      }),
    };
    return input;
  }
}
