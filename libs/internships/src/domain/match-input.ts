import type { MatchApplication, MatchNeed } from '@puente/matching';
import type { InternApplication } from '../entities/intern-application.entity';
import type { Need } from '../entities/need.entity';

/** A need as the algorithm sees it, with the slots still free (not offered, awaiting or placed). */
export function toMatchNeed(need: Need, freeSlots: number): MatchNeed {
  return {
    id: need.id,
    slots: freeSlots,
    startDate: need.startDate,
    endDate: need.endDate,
    requiredSkills: need.requiredSkills.map((s) => ({ skill: s.skill, minLevel: s.minLevel })),
    preferredSkills: need.preferredSkills.map((s) => ({ skill: s.skill, weight: s.weight })),
    languages: need.languages.map((l) => ({ code: l.code, minLevel: l.minLevel })),
  };
}

export function toMatchApplication(app: InternApplication): MatchApplication {
  return {
    id: app.id,
    availableFrom: app.availableFrom,
    availableTo: app.availableTo,
    skills: app.skills.map((s) => ({ skill: s.skill, level: s.level })),
    languages: app.languages.map((l) => ({ code: l.code, level: l.level })),
    preferences: [...app.preferences],
  };
}

/** JSON with object keys sorted: jsonb does not keep key order, so compare values this way. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}
