import { findBlockingEdges } from './blocking-pairs';
import type { CandidateGraph } from './candidate-graph';
import { eligibilityFailures } from './eligibility';
import type { MatchMode, MatchProposal, MatchResult } from './matching.types';
import type { PreparedApplication, PreparedNeed } from './prepared-input';
import { explainScore } from './score';

/** How many distinct failure kinds an "eligible for no need" reason names. */
const REASONS_SHOWN = 3;
/** How many need ids an "all slots went elsewhere" reason names. */
const NEEDS_SHOWN = 3;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Why an application is eligible for nothing: the failures shared by the most needs, e.g.
 * `eligible for no need: legal-research below the required level for 4 of 5 needs (e.g. needs
 * legal-research at level 3, has 2); dates not covered for 1 of 5 needs (e.g. …)`.
 * Failures are counted by number (skill / language id) and worded only for the examples shown,
 * since this may run for thousands of applications against every need.
 */
export function summariseIneligibility(app: PreparedApplication, needs: PreparedNeed[]): string {
  if (needs.length === 0) return 'eligible for no need: there are no needs in this run';
  const AVAILABILITY = -1;
  const EXCLUDED = -2;
  // key: 2 × skill id for a skill, 2 × language id + 1 for a language, -1 for the dates, -2 excluded.
  const groups = new Map<number, { count: number; first: PreparedNeed }>();
  const bump = (key: number, need: PreparedNeed): void => {
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { count: 1, first: need });
  };
  for (const need of needs) {
    if (app.excludedNeeds.has(need.index)) bump(EXCLUDED, need);
    need.requiredIds.forEach((id, k) => {
      if (app.skillLevel[id] < need.requiredSkills[k].minLevel) bump(2 * id, need);
    });
    need.languageIds.forEach((id, k) => {
      if (app.languageLevel[id] < need.languages[k].minLevel) bump(2 * id + 1, need);
    });
    if (app.fromDay > need.startDay || app.toDay < need.endDay) bump(AVAILABILITY, need);
  }
  const top = [...groups.entries()]
    .sort(([ka, a], [kb, b]) => b.count - a.count || ka - kb)
    .slice(0, REASONS_SHOWN)
    .map(([key, { count, first }]) => {
      const failures = eligibilityFailures(app, first);
      const example =
        key === EXCLUDED
          ? failures.find((f) => f.kind === 'excluded')
          : key === AVAILABILITY
            ? failures.find((f) => f.kind === 'availability')
            : key % 2 === 0
              ? failures.find((f) => f.kind === 'skill' && skillKey(first, f.subject) === key)
              : failures.find(
                  (f) => f.kind === 'language' && languageKey(first, f.subject) === key,
                );
      const label =
        key === EXCLUDED
          ? 'excluded'
          : key === AVAILABILITY
            ? 'dates not covered'
            : `${example?.kind === 'language' ? 'language ' : ''}${example?.subject} below the required level`;
      return `${label} for ${count} of ${plural(needs.length, 'need')} (e.g. ${example?.message})`;
    });
  const more = groups.size > REASONS_SHOWN ? `; and ${groups.size - REASONS_SHOWN} more` : '';
  return `eligible for no need: ${top.join('; ')}${more}`;
}

function skillKey(need: PreparedNeed, skill: string): number {
  return 2 * need.requiredIds[need.requiredSkills.findIndex((s) => s.skill === skill)];
}

function languageKey(need: PreparedNeed, code: string): number {
  return 2 * need.languageIds[need.languages.findIndex((l) => l.code === code)] + 1;
}

function unmatchedReason(mode: MatchMode, graph: CandidateGraph, a: number): string {
  const from = graph.appStart[a];
  const eligibleFor = graph.appStart[a + 1] - from;
  if (eligibleFor === 0) return summariseIneligibility(graph.apps[a], graph.needs);
  const ids = Array.from(
    graph.edgeNeed.subarray(from, from + NEEDS_SHOWN),
    (n) => graph.needs[n].id,
  );
  const named = `${ids.join(', ')}${eligibleFor > NEEDS_SHOWN ? ', …' : ''}`;
  let withSlots = false;
  for (let e = from; e < graph.appStart[a + 1]; e++) {
    if (graph.needs[graph.edgeNeed[e]].slots > 0) withSlots = true;
  }
  if (!withSlots)
    return `eligible for ${plural(eligibleFor, 'need')} (${named}), none with any slot`;
  // Both modes leave an eligible intern out only when every one of its needs is full.
  return mode === 'optimal'
    ? `eligible for ${plural(eligibleFor, 'need')} (${named}), all slots went to higher-total assignments`
    : `eligible for ${plural(eligibleFor, 'need')} (${named}), each filled with candidates it ranks higher`;
}

/** Turns a per-application matched-edge array into the documented result shape. */
export function buildMatchResult(
  mode: MatchMode,
  graph: CandidateGraph,
  matchEdge: Int32Array,
): MatchResult {
  const { apps, needs, edgeNeed, edgeScore } = graph;
  const filled = new Int32Array(needs.length);
  const assignedNeed = new Int32Array(apps.length).fill(-1);
  const matched: number[] = [];
  const unmatchedApplications: MatchResult['unmatchedApplications'] = [];
  for (let a = 0; a < apps.length; a++) {
    const e = matchEdge[a];
    if (e < 0) {
      unmatchedApplications.push({
        applicationId: apps[a].id,
        reason: unmatchedReason(mode, graph, a),
      });
      continue;
    }
    matched.push(e);
    filled[edgeNeed[e]]++;
    assignedNeed[a] = edgeNeed[e];
  }
  matched.sort(
    (x, y) =>
      edgeNeed[x] - edgeNeed[y] ||
      edgeScore[y] - edgeScore[x] ||
      graph.edgeApp[x] - graph.edgeApp[y],
  );
  let totalScore = 0;
  const proposals: MatchProposal[] = matched.map((e) => {
    const app = apps[graph.edgeApp[e]];
    const need = needs[edgeNeed[e]];
    totalScore += edgeScore[e];
    return {
      needId: need.id,
      applicationId: app.id,
      score: edgeScore[e],
      explanation: explainScore(app, need),
    };
  });
  const unfilledSlots = needs
    .filter((need) => filled[need.index] < need.slots)
    .map((need) => ({ needId: need.id, count: need.slots - filled[need.index] }));
  return {
    mode,
    totalScore,
    proposals,
    unfilledSlots,
    unmatchedApplications,
    blockingPairs: findBlockingEdges(graph, assignedNeed).length,
  };
}
