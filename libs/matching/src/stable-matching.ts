import { candidateGraphOf, type CandidateGraph } from './candidate-graph';
import { buildMatchResult } from './match-result';
import type { MatchApplication, MatchNeed, MatchResult } from './matching.types';
import { needPrefers, rankNeedsForApplications } from './preference-order';

/**
 * Intern-proposing deferred acceptance with capacities (hospitals/residents). Free interns
 * propose down their list; a need holds its best `slots` proposals and rejects the rest. The
 * outcome is the intern-optimal stable matching, which with strict preferences does not depend
 * on the order of proposals. Returns, per application position, the matched edge id or -1.
 */
export function solveStableMatching(graph: CandidateGraph): Int32Array {
  const { appStart, edgeApp, edgeNeed } = graph;
  const appCount = graph.apps.length;
  const needCount = graph.needs.length;
  const { ordered } = rankNeedsForApplications(graph);

  const degree = new Int32Array(needCount);
  for (let e = 0; e < edgeNeed.length; e++) degree[edgeNeed[e]]++;
  // Each need keeps the edges it holds in a min-heap with its least preferred one on top.
  const capacity = new Int32Array(needCount);
  const heldStart = new Int32Array(needCount + 1);
  for (let n = 0; n < needCount; n++) {
    capacity[n] = Math.min(graph.needs[n].slots, degree[n]);
    heldStart[n + 1] = heldStart[n] + capacity[n];
  }
  const held = new Int32Array(heldStart[needCount]);
  const heldCount = new Int32Array(needCount);
  const worse = (x: number, y: number): boolean => needPrefers(graph, y, x);

  const siftUp = (base: number, at: number): void => {
    const e = held[base + at];
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!worse(e, held[base + parent])) break;
      held[base + at] = held[base + parent];
      at = parent;
    }
    held[base + at] = e;
  };
  const siftDown = (base: number, size: number, at: number): void => {
    const e = held[base + at];
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && worse(held[base + child + 1], held[base + child])) child++;
      if (!worse(held[base + child], e)) break;
      held[base + at] = held[base + child];
      at = child;
    }
    held[base + at] = e;
  };

  const matchEdge = new Int32Array(appCount).fill(-1);
  const next = appStart.slice(0, appCount); // next list position each intern proposes to
  const free: number[] = [];
  for (let a = appCount - 1; a >= 0; a--) free.push(a);
  while (free.length > 0) {
    const a = free.pop() as number;
    while (next[a] < appStart[a + 1]) {
      const e = ordered[next[a]++];
      const n = edgeNeed[e];
      const base = heldStart[n];
      if (heldCount[n] < capacity[n]) {
        held[base + heldCount[n]] = e;
        siftUp(base, heldCount[n]++);
        matchEdge[a] = e;
        break;
      }
      if (capacity[n] > 0 && worse(held[base], e)) {
        const displaced = edgeApp[held[base]];
        held[base] = e;
        siftDown(base, heldCount[n], 0);
        matchEdge[a] = e;
        matchEdge[displaced] = -1;
        free.push(displaced);
        break;
      }
    }
  }
  return matchEdge;
}

/**
 * Stable assignment: no eligible intern and need would both rather have each other. Interns
 * rank eligible needs by their stated order, then score, then need id; needs rank candidates by
 * score, then application id.
 */
export function matchStable(
  applications: readonly MatchApplication[],
  needs: readonly MatchNeed[],
): MatchResult {
  const graph = candidateGraphOf(applications, needs);
  return buildMatchResult('stable', graph, solveStableMatching(graph));
}
