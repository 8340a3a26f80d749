import type { MatchApplication, MatchNeed } from '@puente/matching';

/**
 * An intern who declined a need's offer is not proposed for that need again. The matching library
 * has no per-pair exclusion, so it is expressed as a hard constraint it does have: the need
 * requires a marker "language" at level 1 that every application has except the decliners.
 * Level 1 against minimum 1 adds 0 points, so no score changes; only those pairs become ineligible.
 */
const MARKER = 'not-declined:';

export function declineMarker(needId: string): string {
  return `${MARKER}${needId}`;
}

/** Adds the markers in place; `declined` maps need id → application ids that declined it. */
export function excludeDeclinedPairs(
  needs: MatchNeed[],
  applications: MatchApplication[],
  declined: Map<string, Set<string>>,
): void {
  for (const need of needs) {
    const decliners = declined.get(need.id);
    if (!decliners?.size) continue;
    const code = declineMarker(need.id);
    need.languages.push({ code, minLevel: 1 });
    for (const app of applications)
      if (!decliners.has(app.id)) app.languages.push({ code, level: 1 });
  }
}

const MARKER_FAILURE = /needs language not-declined:[0-9a-f-]+ at level 1, has none/g;
const MARKER_GROUP = /language not-declined:[0-9a-f-]+ below the required level/g;

/** Says in words what a marker failure means, for reasons shown to coordinators. */
export function explainMarkers(reason: string): string {
  return reason
    .replace(MARKER_FAILURE, 'declined this need’s offer before')
    .replace(MARKER_GROUP, 'offer declined before');
}
