import type { CandidateGraph } from './candidate-graph';

/** The edge of pair (a, n) if it is eligible, else -1 (edges of an app are sorted by need). */
export function edgeOf(graph: CandidateGraph, a: number, n: number): number {
  let lo = graph.appStart[a];
  let hi = graph.appStart[a + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = graph.edgeNeed[mid];
    if (m === n) return mid;
    if (m < n) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Stable-mode preferences of the interns: for each application, its eligible needs best first —
 * needs it listed, in its stated order, then the others by score (highest first), then by need
 * id. An intern who listed nothing therefore ranks everything by score.
 *
 * `ordered` holds edge ids in the same per-application windows as the graph; `position[e]` is
 * the 0-based place of edge e in its application's list.
 */
export interface ApplicationRanking {
  ordered: Int32Array;
  position: Int32Array;
}

/** Edge ids by score, highest first, ties by edge id: a counting sort, scores being small. */
function edgesByScoreDesc(edgeScore: Int32Array): Int32Array {
  let max = 0;
  for (let e = 0; e < edgeScore.length; e++) max = Math.max(max, edgeScore[e]);
  if (max > 4 * edgeScore.length + 1024) {
    // Huge weights: fall back to a comparison sort rather than a huge count table.
    return Int32Array.from(edgeScore.keys()).sort((x, y) => edgeScore[y] - edgeScore[x] || x - y);
  }
  const next = new Int32Array(max + 2);
  for (let e = 0; e < edgeScore.length; e++) next[max - edgeScore[e] + 1]++;
  for (let k = 1; k < next.length; k++) next[k] += next[k - 1];
  const sorted = new Int32Array(edgeScore.length);
  for (let e = 0; e < edgeScore.length; e++) sorted[next[max - edgeScore[e]]++] = e;
  return sorted;
}

/**
 * Edge ids in the graph's per-application windows, each window by score (highest first), then
 * need id: distributing the globally sorted edges keeps that order inside every window.
 */
export function edgesByApplicationThenScore(graph: CandidateGraph): Int32Array {
  const ordered = new Int32Array(graph.edgeNeed.length);
  const fill = graph.appStart.slice(0, graph.apps.length);
  for (const e of edgesByScoreDesc(graph.edgeScore)) ordered[fill[graph.edgeApp[e]]++] = e;
  return ordered;
}

export function rankNeedsForApplications(graph: CandidateGraph): ApplicationRanking {
  const { appStart, edgeNeed } = graph;
  const ordered = edgesByApplicationThenScore(graph);
  const position = new Int32Array(edgeNeed.length);
  const isStated = new Uint8Array(edgeNeed.length);
  for (const app of graph.apps) {
    const from = appStart[app.index];
    const to = appStart[app.index + 1];
    // Stated needs go first in stated order; the rest keep their score order behind them.
    // rankedNeeds is already in stated order, so walking it gives the front of the list.
    let front = from;
    const rest: number[] = [];
    for (const need of app.rankedNeeds) {
      const e = edgeOf(graph, app.index, need);
      if (e >= 0) isStated[e] = 1;
    }
    if (app.rankedNeeds.length > 0) {
      for (let k = from; k < to; k++) if (!isStated[ordered[k]]) rest.push(ordered[k]);
      for (const need of app.rankedNeeds) {
        const e = edgeOf(graph, app.index, need);
        if (e >= 0) ordered[front++] = e;
      }
      ordered.set(rest, front);
    }
    for (let k = from; k < to; k++) position[ordered[k]] = k - from;
  }
  return { ordered, position };
}

/**
 * Stable-mode preference of a need between two of its candidate edges: higher score first, then
 * the smaller application id (positions follow id order). True when `x` is preferred to `y`.
 */
export function needPrefers(graph: CandidateGraph, x: number, y: number): boolean {
  const sx = graph.edgeScore[x];
  const sy = graph.edgeScore[y];
  return sx > sy || (sx === sy && graph.edgeApp[x] < graph.edgeApp[y]);
}
