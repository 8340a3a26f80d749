import { isEligible } from './eligibility';
import type { Candidate, MatchApplication, MatchNeed } from './matching.types';
import { prepareInput, type PreparedApplication, type PreparedNeed } from './prepared-input';
import { explainScore, scoreOf } from './score';

/**
 * The sparse bipartite graph of eligible pairs, in compressed rows by application. Edge `e` of
 * application `a` is one of `appStart[a] .. appStart[a + 1] - 1`, ordered by need position.
 */
export interface CandidateGraph {
  apps: PreparedApplication[];
  needs: PreparedNeed[];
  appStart: Int32Array;
  edgeApp: Int32Array;
  edgeNeed: Int32Array;
  edgeScore: Int32Array;
}

/**
 * Files each need under one required skill only, the one the fewest applications meet, so an
 * application looks only at needs keyed by a skill it has, and within a skill only at needs whose
 * minimum its level reaches (lists are sorted by minimum). Needs with no required skill are
 * looked at by everyone.
 */
function indexNeedsBySkill(
  apps: PreparedApplication[],
  needs: PreparedNeed[],
): { bySkill: { need: number; minLevel: number }[][]; open: number[] } {
  const skillCount = apps.length > 0 ? apps[0].skillLevel.length : 0;
  // holders[skill * 6 + level] = applications having the skill at that level or above.
  const holders = new Int32Array(skillCount * 6);
  for (const app of apps) {
    for (const skill of app.heldSkills) {
      for (let l = 1; l <= app.skillLevel[skill]; l++) holders[skill * 6 + l]++;
    }
  }
  const bySkill = Array.from(
    { length: skillCount },
    () => [] as { need: number; minLevel: number }[],
  );
  const open: number[] = [];
  for (const need of needs) {
    if (need.requiredIds.length === 0 || skillCount === 0) {
      open.push(need.index);
      continue;
    }
    let key = 0;
    const count = (k: number): number =>
      holders[need.requiredIds[k] * 6 + need.requiredSkills[k].minLevel];
    for (let k = 1; k < need.requiredIds.length; k++) if (count(k) < count(key)) key = k;
    bySkill[need.requiredIds[key]].push({
      need: need.index,
      minLevel: need.requiredSkills[key].minLevel,
    });
  }
  for (const list of bySkill) list.sort((x, y) => x.minLevel - y.minLevel || x.need - y.need);
  return { bySkill, open };
}

/** Builds the eligible-pair graph from validated, id-sorted input. */
export function buildCandidateGraph(
  apps: PreparedApplication[],
  needs: PreparedNeed[],
): CandidateGraph {
  const { bySkill, open } = indexNeedsBySkill(apps, needs);
  const appStart = new Int32Array(apps.length + 1);
  let edgeNeed: Int32Array = new Int32Array(Math.max(16, apps.length));
  let edgeScore: Int32Array = new Int32Array(edgeNeed.length);
  let edgeCount = 0;
  const found = new Int32Array(needs.length);
  for (const app of apps) {
    let foundCount = 0;
    for (const skill of app.heldSkills) {
      const level = app.skillLevel[skill];
      for (const { need, minLevel } of bySkill[skill]) {
        if (minLevel > level) break;
        if (isEligible(app, needs[need])) found[foundCount++] = need;
      }
    }
    for (const n of open) if (isEligible(app, needs[n])) found[foundCount++] = n;
    // Each need is filed under one skill, so `found` has no duplicates; order it by position.
    const row = found.subarray(0, foundCount).sort();
    if (edgeCount + foundCount > edgeNeed.length) {
      const size = Math.max(edgeCount + foundCount, 2 * edgeNeed.length);
      edgeNeed = grow(edgeNeed, size);
      edgeScore = grow(edgeScore, size);
    }
    for (const n of row) {
      edgeNeed[edgeCount] = n;
      edgeScore[edgeCount++] = scoreOf(app, needs[n]);
    }
    appStart[app.index + 1] = edgeCount;
  }
  const edgeApp = new Int32Array(edgeCount);
  for (let a = 0; a < apps.length; a++) edgeApp.fill(a, appStart[a], appStart[a + 1]);
  return {
    apps,
    needs,
    appStart,
    edgeApp,
    edgeNeed: edgeNeed.slice(0, edgeCount),
    edgeScore: edgeScore.slice(0, edgeCount),
  };
}

function grow(array: Int32Array, size: number): Int32Array {
  const bigger = new Int32Array(size);
  bigger.set(array);
  return bigger;
}

/** Validates the input and builds the eligible-pair graph. */
export function candidateGraphOf(
  applications: readonly MatchApplication[],
  needs: readonly MatchNeed[],
): CandidateGraph {
  const prepared = prepareInput(applications, needs);
  return buildCandidateGraph(prepared.apps, prepared.needs);
}

/**
 * Every eligible (application, need) pair with its score, without a dense matrix: needs are
 * indexed by a required skill. Sorted by need id, then score (highest first), then application id
 * — i.e. each need's candidates best first.
 */
export function buildCandidates(
  applications: readonly MatchApplication[],
  needs: readonly MatchNeed[],
): Candidate[] {
  const graph = candidateGraphOf(applications, needs);
  const order = Array.from(graph.edgeScore.keys()).sort(
    (x, y) =>
      graph.edgeNeed[x] - graph.edgeNeed[y] ||
      graph.edgeScore[y] - graph.edgeScore[x] ||
      graph.edgeApp[x] - graph.edgeApp[y],
  );
  return order.map((e) => {
    const app = graph.apps[graph.edgeApp[e]];
    const need = graph.needs[graph.edgeNeed[e]];
    return {
      applicationId: app.id,
      needId: need.id,
      score: graph.edgeScore[e],
      explanation: explainScore(app, need),
    };
  });
}
