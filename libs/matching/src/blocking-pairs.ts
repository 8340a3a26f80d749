import { candidateGraphOf, type CandidateGraph } from './candidate-graph';
import type { AssignmentPair, BlockingPair, MatchApplication, MatchNeed } from './matching.types';
import { MatchingInputError } from './prepared-input';
import {
  edgeOf,
  needPrefers,
  rankNeedsForApplications,
  type ApplicationRanking,
} from './preference-order';

/**
 * Edges (a, n) that block the assignment `assignedNeed` (need position per application, or -1):
 * a prefers n to what it got (anything eligible beats nothing or an ineligible placement), and n
 * has a free slot or prefers a to its least preferred occupant (an ineligible occupant is the
 * least preferred). Works for any assignment, not only ones this library produced.
 */
export function findBlockingEdges(
  graph: CandidateGraph,
  assignedNeed: Int32Array,
  ranking: ApplicationRanking = rankNeedsForApplications(graph),
): number[] {
  const needCount = graph.needs.length;
  const occupants = new Int32Array(needCount);
  const hasIneligibleOccupant = new Uint8Array(needCount);
  const worstEdge = new Int32Array(needCount).fill(-1);
  const currentPosition = new Float64Array(graph.apps.length).fill(Infinity);
  for (let a = 0; a < graph.apps.length; a++) {
    const n = assignedNeed[a];
    if (n < 0) continue;
    occupants[n]++;
    const e = edgeOf(graph, a, n);
    if (e < 0) {
      hasIneligibleOccupant[n] = 1;
      continue;
    }
    currentPosition[a] = ranking.position[e];
    if (worstEdge[n] < 0 || needPrefers(graph, worstEdge[n], e)) worstEdge[n] = e;
  }
  const blocking: number[] = [];
  for (let e = 0; e < graph.edgeNeed.length; e++) {
    const a = graph.edgeApp[e];
    if (ranking.position[e] >= currentPosition[a]) continue;
    const n = graph.edgeNeed[e];
    const wants =
      occupants[n] < graph.needs[n].slots ||
      (occupants[n] > 0 && (hasIneligibleOccupant[n] === 1 || needPrefers(graph, e, worstEdge[n])));
    if (wants) blocking.push(e);
  }
  return blocking;
}

/**
 * Blocking pairs of any assignment under the stable-mode preferences (see `matchStable`).
 * Throws MatchingInputError for unknown ids or an application assigned twice.
 */
export function blockingPairs(
  applications: readonly MatchApplication[],
  needs: readonly MatchNeed[],
  assignment: readonly AssignmentPair[],
): { pairs: BlockingPair[]; count: number } {
  const graph = candidateGraphOf(applications, needs);
  const appIndex = new Map(graph.apps.map((app) => [app.id, app.index]));
  const needIndex = new Map(graph.needs.map((need) => [need.id, need.index]));
  const assignedNeed = new Int32Array(graph.apps.length).fill(-1);
  for (const { applicationId, needId } of assignment) {
    const a = appIndex.get(applicationId);
    const n = needIndex.get(needId);
    if (a === undefined) throw new MatchingInputError(`unknown application ${applicationId}`);
    if (n === undefined) throw new MatchingInputError(`unknown need ${needId}`);
    if (assignedNeed[a] >= 0) {
      throw new MatchingInputError(`application ${applicationId} is assigned more than once`);
    }
    assignedNeed[a] = n;
  }
  const pairs = findBlockingEdges(graph, assignedNeed).map((e) => ({
    applicationId: graph.apps[graph.edgeApp[e]].id,
    needId: graph.needs[graph.edgeNeed[e]].id,
  }));
  return { pairs, count: pairs.length };
}
