import { candidateGraphOf, type CandidateGraph } from './candidate-graph';
import { IndexedMinHeap } from './indexed-min-heap';
import { edgesByApplicationThenScore } from './preference-order';
import { buildMatchResult } from './match-result';
import type { MatchApplication, MatchNeed, MatchResult } from './matching.types';

/**
 * Exact maximum-total-score assignment on the sparse eligible-pair graph.
 *
 * Min-cost flow by successive shortest paths, one application at a time (as in the Hungarian
 * method / Jonker–Volgenant): every application must send one unit either through a need (cost
 * −score, need capacity = slots) or straight to the sink T at cost 0 (= stays unmatched). Adding
 * application i to an optimal flow of the earlier ones and pushing its unit along a shortest
 * residual path i → … → T keeps the flow optimal, so after the last one the total is the optimum.
 * Needs stay single capacitated nodes (never one node per slot). Dijkstra runs on reduced costs
 * c(u,v) + pot[u] − pot[v] ≥ 0 over the sparse arcs only, keeps T's best label up to date as
 * nodes are labelled, stops once no unsettled node is closer than T, and then shifts the
 * potentials of the nodes it settled (and no others) — so a search costs what it explored.
 *
 * Residual arcs (with T's potential pinned at 0):
 *   app a → need n   for an eligible pair not in the matching, cost −score
 *   need n → app a   for a pair in the matching, cost +score   (a moves elsewhere or drops)
 *   need n → T       while n has a free slot, cost 0
 *   app a → T        cost 0                                      (a drops out)
 * A matched application is only entered through its own need, and an unmatched earlier one is
 * never entered at all (its only in-arc leaves T), so neither is relaxed needlessly.
 *
 * Returns, per application position, the matched edge id or -1.
 */
export function solveOptimalAssignment(graph: CandidateGraph): Int32Array {
  const { appStart, edgeApp, edgeNeed, edgeScore } = graph;
  const appCount = graph.apps.length;
  const needCount = graph.needs.length;
  const nodeCount = appCount + needCount;

  const matchEdge = new Int32Array(appCount).fill(-1);
  // Members of a need are the edges matched into it, stored in a fixed window per need.
  const degree = new Int32Array(needCount);
  for (let e = 0; e < edgeNeed.length; e++) degree[edgeNeed[e]]++;
  const capacity = new Int32Array(needCount);
  const memberStart = new Int32Array(needCount + 1);
  for (let n = 0; n < needCount; n++) {
    capacity[n] = Math.min(graph.needs[n].slots, degree[n]);
    memberStart[n + 1] = memberStart[n] + capacity[n];
  }
  const members = new Int32Array(memberStart[needCount]);
  const memberCount = new Int32Array(needCount);

  // pot[node]: apps 0..appCount-1, needs appCount..nodeCount-1. Needs start at 0 and only fall
  // (a full need's −pot is its "price"); an application's potential is set when it is added.
  const pot = new Float64Array(nodeCount);
  const dist = new Float64Array(nodeCount);
  const settledIn = new Int32Array(nodeCount).fill(-1);
  const labelledIn = new Int32Array(nodeCount).fill(-1);
  const predEdge = new Int32Array(needCount); // the app → need arc a need was reached by
  const settled = new Int32Array(nodeCount);
  const heap = new IndexedMinHeap(nodeCount, dist);
  // Each application's arcs again, highest score first, laid out contiguously for the scan.
  const arcEdge = edgesByApplicationThenScore(graph);
  const arcNeed = new Int32Array(arcEdge.length);
  const arcScore = new Int32Array(arcEdge.length);
  for (let k = 0; k < arcEdge.length; k++) {
    arcNeed[k] = edgeNeed[arcEdge[k]];
    arcScore[k] = edgeScore[arcEdge[k]];
  }

  const removeMember = (n: number, e: number): void => {
    const start = memberStart[n];
    const last = start + --memberCount[n];
    for (let k = start; k <= last; k++) {
      if (members[k] === e) {
        members[k] = members[last];
        return;
      }
    }
    throw new Error(`internal: edge ${e} not in need ${n}`);
  };

  for (let i = 0; i < appCount; i++) {
    if (appStart[i] === appStart[i + 1]) continue;
    // Smallest potential keeping every arc out of i non-negative, including i → T.
    let start = 0;
    for (let e = appStart[i]; e < appStart[i + 1]; e++) {
      start = Math.max(start, edgeScore[e] + pot[appCount + edgeNeed[e]]);
    }
    pot[i] = start;

    // Dijkstra from i; `bestT`/`predT` is the best label of T so far (i → T directly at first).
    let bestT = pot[i];
    let predT = i;
    let settledCount = 0;
    dist[i] = 0;
    labelledIn[i] = i;
    heap.push(i);
    while (heap.size > 0 && dist[heap.peek()] < bestT) {
      const u = heap.pop();
      settledIn[u] = i;
      settled[settledCount++] = u;
      const du = dist[u];
      if (u < appCount) {
        const own = matchEdge[u];
        // The hot loop of the whole solver: d = du + pot[u] − score − pot[v], hoisted.
        const base = du + pot[u];
        for (let k = appStart[u], end = appStart[u + 1]; k < end; k++) {
          const score = arcScore[k];
          // pot of a need is ≤ 0, so d ≥ base − score; arcs come by score, so none later helps.
          if (base - score >= bestT) break;
          const v = appCount + arcNeed[k];
          const d = base - score - pot[v];
          const e = arcEdge[k];
          if (d >= bestT || settledIn[v] === i || e === own) continue;
          if (labelledIn[v] === i && d >= dist[v]) continue;
          dist[v] = d;
          labelledIn[v] = i;
          predEdge[v - appCount] = e;
          // T is checked when a node is labelled, not settled: on the many zero-cost ties this
          // stops the search before it settles nodes at the same distance as T.
          const n = v - appCount;
          if (memberCount[n] < capacity[n] && d + pot[v] < bestT) {
            bestT = d + pot[v];
            predT = v;
          }
          heap.push(v);
        }
      } else {
        const n = u - appCount;
        for (let k = memberStart[n], end = k + memberCount[n]; k < end; k++) {
          const e = members[k];
          const a = edgeApp[e];
          if (settledIn[a] === i) continue;
          const d = du + edgeScore[e] + pot[u] - pot[a];
          if (d >= bestT || (labelledIn[a] === i && d >= dist[a])) continue;
          dist[a] = d;
          labelledIn[a] = i;
          if (d + pot[a] < bestT) {
            bestT = d + pot[a];
            predT = a;
          }
          heap.push(a);
        }
      }
    }
    heap.clear();

    // Settled nodes are exactly those closer than T; shifting them keeps reduced costs ≥ 0.
    for (let k = 0; k < settledCount; k++) {
      const v = settled[k];
      pot[v] -= bestT - dist[v];
    }

    // Walk the path back from T, flipping matched / unmatched arcs.
    let need: number;
    if (predT < appCount) {
      if (predT === i) continue; // i stays unmatched: nothing better than its 0
      const dropped = matchEdge[predT];
      matchEdge[predT] = -1;
      need = edgeNeed[dropped];
      removeMember(need, dropped);
    } else {
      need = predT - appCount; // takes one more of its free slots
    }
    for (;;) {
      const e = predEdge[need];
      const a = edgeApp[e];
      members[memberStart[need] + memberCount[need]++] = e;
      const previous = matchEdge[a];
      matchEdge[a] = e;
      if (a === i) break;
      need = edgeNeed[previous];
      removeMember(need, previous);
    }
  }
  return matchEdge;
}

/**
 * The assignment with the greatest total score: each application in at most one slot, each need
 * in at most `slots`. Exact; among equal-total optima the one returned depends only on the
 * content of the input (both lists are sorted by id first), never on the order given.
 */
export function matchOptimal(
  applications: readonly MatchApplication[],
  needs: readonly MatchNeed[],
): MatchResult {
  const graph = candidateGraphOf(applications, needs);
  return buildMatchResult('optimal', graph, solveOptimalAssignment(graph));
}
