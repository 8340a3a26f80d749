// Property tests: every check below compares against a reference written here from the public
// definitions (eligibility + scorePair), not against the library's own internals.
import fc from 'fast-check';
import { munkres } from 'munkres';
import { blockingPairs } from './blocking-pairs';
import { buildCandidates } from './candidate-graph';
import { eligibility } from './eligibility';
import type { MatchApplication, MatchNeed, MatchResult } from './matching.types';
import { matchOptimal } from './optimal-assignment';
import { scorePair } from './score';
import { matchStable } from './stable-matching';

// A fixed seed keeps failures reproducible; bump it locally to explore other instances.
const SEED = 20_270_110;
const SKILLS = ['childcare', 'legal-research', 'teaching'];
const LANGUAGES = ['en', 'es'];
const BASE_DAY = Date.UTC(2027, 0, 1) / 86_400_000;
const day = (offset: number): string =>
  new Date((BASE_DAY + offset) * 86_400_000).toISOString().slice(0, 10);

// Tuned so that roughly half of the pairs are eligible and instances are often over-subscribed.
const needShape = (maxSlots: number) =>
  fc.record({
    slots: fc.integer({ min: 1, max: maxSlots }),
    start: fc.integer({ min: 0, max: 4 }),
    length: fc.integer({ min: 0, max: 3 }),
    required: fc.subarray(SKILLS, { maxLength: 1 }),
    minLevels: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 1 }),
    preferred: fc.subarray(SKILLS, { maxLength: 2 }),
    weights: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 2, maxLength: 2 }),
    language: fc.option(
      fc.record({ code: fc.constantFrom(...LANGUAGES), minLevel: fc.integer({ min: 1, max: 2 }) }),
      { freq: 2 },
    ),
  });

const appShape = fc.record({
  from: fc.integer({ min: 0, max: 3 }),
  length: fc.integer({ min: 3, max: 10 }),
  skills: fc.array(
    fc.record({ skill: fc.constantFrom(...SKILLS), level: fc.integer({ min: 1, max: 5 }) }),
    { minLength: 1, maxLength: 4 },
  ),
  languages: fc.array(
    fc.record({ code: fc.constantFrom(...LANGUAGES), level: fc.integer({ min: 1, max: 5 }) }),
    { minLength: 1, maxLength: 2 },
  ),
});

/** Mostly near the maximum size (the interesting cases), sometimes anything down to empty. */
function sizedArray<T>(item: fc.Arbitrary<T>, max: number): fc.Arbitrary<T[]> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.array(item, { maxLength: max }) },
    { weight: 3, arbitrary: fc.array(item, { minLength: Math.max(0, max - 2), maxLength: max }) },
  );
}

/** Random instances; ids are shuffled letters so that id order differs from generation order. */
function instances(maxApps: number, maxNeeds: number, maxSlots: number) {
  return fc
    .tuple(sizedArray(needShape(maxSlots), maxNeeds), sizedArray(appShape, maxApps))
    .chain(([needShapes, appShapes]) => {
      const needIds = needShapes.map((_, i) => `need-${String.fromCharCode(122 - i)}`);
      return fc
        .tuple(
          fc.array(fc.shuffledSubarray([...needIds, 'need-elsewhere']), {
            minLength: appShapes.length,
            maxLength: appShapes.length,
          }),
          fc.shuffledSubarray(
            appShapes.map((_, i) => `app-${String((i * 7919) % 1000).padStart(3, '0')}`),
            { minLength: appShapes.length, maxLength: appShapes.length },
          ),
        )
        .map(([preferences, appIds]) => {
          const needs: MatchNeed[] = needShapes.map((s, i) => ({
            id: needIds[i],
            slots: s.slots,
            startDate: day(s.start),
            endDate: day(s.start + s.length),
            requiredSkills: s.required.map((skill, k) => ({ skill, minLevel: s.minLevels[k] })),
            preferredSkills: s.preferred.map((skill, k) => ({ skill, weight: s.weights[k] })),
            languages: s.language ? [s.language] : [],
          }));
          const applications: MatchApplication[] = appShapes.map((s, i) => ({
            id: appIds[i],
            availableFrom: day(s.from),
            availableTo: day(s.from + s.length),
            skills: s.skills,
            languages: s.languages,
            // Sometimes the intern ranks nothing, which stable mode must handle too; sometimes
            // it names a need twice (the first mention counts).
            preferences:
              i % 3 === 2
                ? []
                : i % 3 === 1
                  ? [...preferences[i], ...preferences[i].slice(0, 1)]
                  : preferences[i],
            // Sometimes a pair is excluded outright (an offer the intern declined before).
            ...(i % 4 === 3 ? { excludedNeeds: preferences[i].slice(0, 1) } : {}),
          }));
          return { applications, needs };
        });
    });
}

type Instance = { applications: MatchApplication[]; needs: MatchNeed[] };

const tables = new WeakMap<Instance, number[][]>();

/** score[a][n] for eligible pairs, -1 otherwise, straight from the public functions. */
function pairTable(instance: Instance): number[][] {
  let table = tables.get(instance);
  if (!table) {
    const { applications, needs } = instance;
    table = applications.map((app) =>
      needs.map((need) => (eligibility(app, need).eligible ? scorePair(app, need).score : -1)),
    );
    tables.set(instance, table);
  }
  return table;
}

/** Maximum total by trying every assignment. */
function bruteForceOptimum(instance: Instance): number {
  const table = pairTable(instance);
  const left = instance.needs.map((n) => n.slots);
  let best = 0;
  const go = (a: number, total: number): void => {
    if (a === table.length) {
      best = Math.max(best, total);
      return;
    }
    go(a + 1, total);
    table[a].forEach((score, n) => {
      if (score < 0 || left[n] === 0) return;
      left[n]--;
      go(a + 1, total + score);
      left[n]++;
    });
  };
  go(0, 0);
  return best;
}

/** Every assignment (application index → need index or -1) that respects eligibility and slots. */
function allAssignments(instance: Instance): number[][] {
  const table = pairTable(instance);
  const left = instance.needs.map((n) => n.slots);
  const out: number[][] = [];
  const current: number[] = [];
  const go = (a: number): void => {
    if (a === table.length) {
      out.push([...current]);
      return;
    }
    current.push(-1);
    go(a + 1);
    current.pop();
    table[a].forEach((score, n) => {
      if (score < 0 || left[n] === 0) return;
      left[n]--;
      current.push(n);
      go(a + 1);
      current.pop();
      left[n]++;
    });
  };
  go(0);
  return out;
}

/** The intern's stable-mode list: stated order, then score desc, then need id. */
function internList(instance: Instance, a: number): number[] {
  const app = instance.applications[a];
  const table = pairTable(instance);
  const stated = (n: number): number => {
    const k = app.preferences.indexOf(instance.needs[n].id);
    return k < 0 ? Infinity : k;
  };
  return instance.needs
    .map((_, n) => n)
    .filter((n) => table[a][n] >= 0)
    .sort((x, y) => {
      if (stated(x) !== stated(y)) return stated(x) < stated(y) ? -1 : 1;
      if (table[a][x] !== table[a][y]) return table[a][y] - table[a][x];
      return instance.needs[x].id < instance.needs[y].id ? -1 : 1;
    });
}

/** Reference blocking pairs of any assignment (application index → need index or -1). */
function referenceBlockingPairs(instance: Instance, assigned: number[]): string[] {
  const table = pairTable(instance);
  const { applications, needs } = instance;
  const needPrefers = (n: number, x: number, y: number): boolean => {
    // An ineligible occupant is the least preferred.
    if (table[y][n] < 0) return table[x][n] >= 0;
    if (table[x][n] !== table[y][n]) return table[x][n] > table[y][n];
    return applications[x].id < applications[y].id;
  };
  const out: string[] = [];
  applications.forEach((app, a) => {
    const list = internList(instance, a);
    const current = list.indexOf(assigned[a]); // -1 when unassigned or placed ineligibly
    list.forEach((n, position) => {
      if (current >= 0 && position >= current) return;
      const occupants = assigned.flatMap((m, b) => (m === n ? [b] : []));
      const free = occupants.length < needs[n].slots;
      // Preferring a to the worst occupant is preferring a to some occupant.
      if (free || occupants.some((b) => needPrefers(n, a, b))) out.push(`${app.id}|${needs[n].id}`);
    });
  });
  return out.sort();
}

function assignmentOf(instance: Instance, result: MatchResult): number[] {
  return instance.applications.map((app) => {
    const p = result.proposals.find((q) => q.applicationId === app.id);
    return p ? instance.needs.findIndex((n) => n.id === p.needId) : -1;
  });
}

function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let s = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** Hard constraints, capacities, uniqueness and bookkeeping of any result. */
function expectWellFormed(instance: Instance, result: MatchResult): void {
  const { applications, needs } = instance;
  const seen = new Set<string>();
  const used = new Map<string, number>();
  let sum = 0;
  for (const p of result.proposals) {
    const app = applications.find((a) => a.id === p.applicationId);
    const need = needs.find((n) => n.id === p.needId);
    expect(app && need).toBeTruthy();
    expect(eligibility(app!, need!)).toEqual({ eligible: true, reasons: [] });
    expect(scorePair(app!, need!)).toEqual({ score: p.score, explanation: p.explanation });
    expect(seen.has(p.applicationId)).toBe(false);
    seen.add(p.applicationId);
    used.set(p.needId, (used.get(p.needId) ?? 0) + 1);
    sum += p.score;
  }
  expect(result.totalScore).toBe(sum);
  for (const need of needs) expect(used.get(need.id) ?? 0).toBeLessThanOrEqual(need.slots);
  expect(result.unfilledSlots).toEqual(
    [...needs]
      .sort((x, y) => (x.id < y.id ? -1 : 1))
      .filter((n) => (used.get(n.id) ?? 0) < n.slots)
      .map((n) => ({ needId: n.id, count: n.slots - (used.get(n.id) ?? 0) })),
  );
  const table = pairTable(instance);
  expect(result.unmatchedApplications.map((u) => u.applicationId)).toEqual(
    applications
      .map((a) => a.id)
      .filter((id) => !seen.has(id))
      .sort(),
  );
  for (const u of result.unmatchedApplications) {
    const a = applications.findIndex((app) => app.id === u.applicationId);
    const count = table[a].filter((s) => s >= 0).length;
    expect(
      u.reason.startsWith(count === 0 ? 'eligible for no need' : `eligible for ${count} need`),
    ).toBe(true);
  }
  const blocking = referenceBlockingPairs(instance, assignmentOf(instance, result));
  expect(result.blockingPairs).toBe(blocking.length);
}

describe('matching properties', () => {
  it('matchOptimal reaches the brute-force optimum (≤7 applications, ≤4 needs, 1–3 slots)', () => {
    fc.assert(
      fc.property(instances(7, 4, 3), (instance) => {
        const result = matchOptimal(instance.applications, instance.needs);
        expect(result.totalScore).toBe(bruteForceOptimum(instance));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('matchOptimal agrees with munkres on a dense expansion of larger instances', () => {
    fc.assert(
      fc.property(instances(30, 8, 5), (instance) => {
        const table = pairTable(instance);
        // One column per slot; ineligible = 0 gain, which never beats leaving the slot empty.
        const columns = instance.needs.flatMap((need, n) => Array<number>(need.slots).fill(n));
        const cost = table.map((row) => columns.map((n) => -Math.max(0, row[n])));
        const expected =
          cost.length === 0 || columns.length === 0
            ? 0
            : munkres(cost).reduce((total, [r, c]) => total - cost[r][c], 0);
        expect(matchOptimal(instance.applications, instance.needs).totalScore).toBe(expected);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('both modes only propose eligible pairs within capacity and explain everything', () => {
    fc.assert(
      fc.property(instances(7, 4, 3), (instance) => {
        const optimal = matchOptimal(instance.applications, instance.needs);
        const stable = matchStable(instance.applications, instance.needs);
        expectWellFormed(instance, optimal);
        expectWellFormed(instance, stable);
        expect(optimal.mode).toBe('optimal');
        expect(stable.mode).toBe('stable');
        expect(optimal.totalScore).toBeGreaterThanOrEqual(stable.totalScore);
      }),
      { seed: SEED + 1, numRuns: 300 },
    );
  });

  it('matchStable leaves no blocking pair under its own preferences', () => {
    fc.assert(
      fc.property(instances(7, 4, 3), (instance) => {
        const result = matchStable(instance.applications, instance.needs);
        expect(referenceBlockingPairs(instance, assignmentOf(instance, result))).toEqual([]);
        expect(result.blockingPairs).toBe(0);
      }),
      { seed: SEED + 2, numRuns: 500 },
    );
  });

  it('matchStable gives every intern its best need over all stable assignments', () => {
    fc.assert(
      fc.property(instances(5, 3, 2), (instance) => {
        const result = assignmentOf(instance, matchStable(instance.applications, instance.needs));
        const stableOnes = allAssignments(instance).filter(
          (assigned) => referenceBlockingPairs(instance, assigned).length === 0,
        );
        expect(stableOnes).toContainEqual(result);
        instance.applications.forEach((_, a) => {
          const list = internList(instance, a);
          const rank = (n: number): number => (n < 0 ? Infinity : list.indexOf(n));
          for (const other of stableOnes)
            expect(rank(result[a])).toBeLessThanOrEqual(rank(other[a]));
        });
      }),
      { seed: SEED + 3, numRuns: 200 },
    );
  });

  it('blockingPairs matches the reference on arbitrary, even ineligible, assignments', () => {
    const withAssignment = instances(7, 4, 3).chain((instance) =>
      fc
        .array(fc.integer({ min: -1, max: instance.needs.length - 1 }), {
          minLength: instance.applications.length,
          maxLength: instance.applications.length,
        })
        .map((assigned) => ({ instance, assigned })),
    );
    fc.assert(
      fc.property(withAssignment, ({ instance, assigned }) => {
        const pairs = assigned.flatMap((n, a) =>
          n < 0
            ? []
            : [{ applicationId: instance.applications[a].id, needId: instance.needs[n].id }],
        );
        const result = blockingPairs(instance.applications, instance.needs, pairs);
        const expected = referenceBlockingPairs(instance, assigned);
        expect(result.pairs.map((p) => `${p.applicationId}|${p.needId}`).sort()).toEqual(expected);
        expect(result.count).toBe(expected.length);
      }),
      { seed: SEED + 4, numRuns: 300 },
    );
  });

  it('buildCandidates lists exactly the eligible pairs, each need best first', () => {
    fc.assert(
      fc.property(instances(7, 4, 3), (instance) => {
        const expected = instance.needs
          .flatMap((need) =>
            instance.applications
              .filter((app) => eligibility(app, need).eligible)
              .map((app) => ({ applicationId: app.id, needId: need.id, ...scorePair(app, need) })),
          )
          .sort((x, y) =>
            x.needId !== y.needId
              ? x.needId < y.needId
                ? -1
                : 1
              : y.score - x.score || (x.applicationId < y.applicationId ? -1 : 1),
          );
        expect(buildCandidates(instance.applications, instance.needs)).toEqual(expected);
      }),
      { seed: SEED + 5, numRuns: 300 },
    );
  });

  it('gives the same result for the same input in any order', () => {
    fc.assert(
      fc.property(instances(7, 4, 3), fc.nat(), (instance, seed) => {
        const apps2 = shuffled(instance.applications, seed);
        const needs2 = shuffled(instance.needs, seed + 1);
        expect(matchOptimal(apps2, needs2)).toEqual(
          matchOptimal(instance.applications, instance.needs),
        );
        expect(matchStable(apps2, needs2)).toEqual(
          matchStable(instance.applications, instance.needs),
        );
        expect(buildCandidates(apps2, needs2)).toEqual(
          buildCandidates(instance.applications, instance.needs),
        );
      }),
      { seed: SEED + 6, numRuns: 300 },
    );
  });
});
