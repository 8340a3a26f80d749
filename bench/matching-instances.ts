// Seeded random matching instances for the benchmark: realistic shapes, ~10% eligible pairs.
import type { MatchApplication, MatchNeed } from '@puente/matching';

/** Small, fast, seedable PRNG (mulberry32) so every run sees the same instances. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SKILLS = [
  'childcare',
  'counselling',
  'first-aid',
  'legal-research',
  'teaching',
  'social-work',
  'nursing',
  'psychology',
  'cooking',
  'administration',
  'fundraising',
  'translation',
  'music',
  'sports',
  'art-therapy',
  'it-support',
  'carpentry',
  'accounting',
  'photography',
  'mentoring',
];
const LANGUAGES = ['en', 'es', 'fr', 'pt', 'de'];
const YEAR_START = Date.UTC(2027, 0, 1) / 86_400_000;

function day(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

export interface Instance {
  applications: MatchApplication[];
  needs: MatchNeed[];
}

/**
 * `applicationCount` × `needCount` with 1–5 slots per need. The knobs (how many skills an intern
 * has and at what level, how long needs last and interns are available) are tuned so that about
 * 10% of pairs are eligible; the benchmark prints the measured share.
 */
export function generateInstance(
  applicationCount: number,
  needCount: number,
  seed: number,
): Instance {
  const random = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[], count: number): T[] => {
    const copy = [...items];
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(random() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, count);
  };

  const needs: MatchNeed[] = [];
  for (let n = 0; n < needCount; n++) {
    const start = YEAR_START + int(0, 300);
    const required = pick(SKILLS, int(1, 2));
    needs.push({
      id: `need-${String(n).padStart(5, '0')}`,
      slots: int(1, 5),
      startDate: day(start),
      endDate: day(start + int(14, 75)),
      requiredSkills: required.map((skill) => ({ skill, minLevel: int(1, 3) })),
      preferredSkills: pick(
        SKILLS.filter((s) => !required.includes(s)),
        int(0, 3),
      ).map((skill) => ({ skill, weight: int(1, 10) })),
      languages: random() < 0.5 ? [{ code: LANGUAGES[int(0, 1)], minLevel: int(1, 3) }] : [],
    });
  }

  const applications: MatchApplication[] = [];
  for (let a = 0; a < applicationCount; a++) {
    const from = YEAR_START + int(-30, 250);
    const app: MatchApplication = {
      id: `app-${String(a).padStart(6, '0')}`,
      availableFrom: day(from),
      availableTo: day(from + int(120, 420)),
      skills: pick(SKILLS, int(7, 13)).map((skill) => ({ skill, level: int(1, 5) })),
      languages: pick(LANGUAGES, int(1, 3)).map((code) => ({ code, level: int(1, 5) })),
      preferences: [],
    };
    // Interns mostly rank needs they could do; a few name others (or nothing at all).
    const eligible = needs.filter((need) => roughlyEligible(app, need));
    const wanted = random() < 0.2 ? 0 : int(1, 5);
    app.preferences = pick(eligible, Math.min(wanted, eligible.length)).map((need) => need.id);
    if (wanted > 0 && random() < 0.1) app.preferences.push(needs[int(0, needCount - 1)].id);
    applications.push(app);
  }
  return { applications, needs };
}

/**
 * The same instance with every pair eligible (no requirements, dates inside every window) and,
 * optionally, one slot per need: far from real data, the best case of a dense solver.
 */
export function makeAllEligible(instance: Instance, oneSlot: boolean): Instance {
  return {
    needs: instance.needs.map((need) => ({
      ...need,
      slots: oneSlot ? 1 : need.slots,
      startDate: '2027-06-01',
      endDate: '2027-06-14',
      requiredSkills: [],
      languages: [],
    })),
    applications: instance.applications.map((app) => ({
      ...app,
      availableFrom: '2027-01-01',
      availableTo: '2027-12-31',
    })),
  };
}

function roughlyEligible(app: MatchApplication, need: MatchNeed): boolean {
  if (app.availableFrom > need.startDate || app.availableTo < need.endDate) return false;
  const level = (list: { skill: string; level: number }[], skill: string): number =>
    list.find((s) => s.skill === skill)?.level ?? 0;
  if (need.requiredSkills.some((r) => level(app.skills, r.skill) < r.minLevel)) return false;
  return need.languages.every(
    (l) => (app.languages.find((x) => x.code === l.code)?.level ?? 0) >= l.minLevel,
  );
}
