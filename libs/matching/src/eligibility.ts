import { nextDay, previousDay } from './calendar-date';
import type { EligibilityResult, MatchApplication, MatchNeed } from './matching.types';
import { preparePair, type PreparedApplication, type PreparedNeed } from './prepared-input';

/** A failed hard constraint; `kind` + `subject` group the same failure across needs. */
export interface EligibilityFailure {
  kind: 'skill' | 'language' | 'availability' | 'excluded';
  /** The skill slug or language code; empty for availability. */
  subject: string;
  message: string;
}

/** Fast yes/no used when scanning many pairs; must agree with `eligibilityFailures`. */
export function isEligible(app: PreparedApplication, need: PreparedNeed): boolean {
  if (app.excludedNeeds.has(need.index)) return false;
  if (app.fromDay > need.startDay || app.toDay < need.endDay) return false;
  const { requiredIds, requiredSkills, languageIds, languages } = need;
  for (let k = 0; k < requiredIds.length; k++) {
    if (app.skillLevel[requiredIds[k]] < requiredSkills[k].minLevel) return false;
  }
  for (let k = 0; k < languageIds.length; k++) {
    if (app.languageLevel[languageIds[k]] < languages[k].minLevel) return false;
  }
  return true;
}

/** Every failed hard constraint of the pair, in a stable order (skills, languages, dates). */
export function eligibilityFailures(
  app: PreparedApplication,
  need: PreparedNeed,
): EligibilityFailure[] {
  const failures: EligibilityFailure[] = [];
  if (app.excludedNeeds.has(need.index)) {
    failures.push({ kind: 'excluded', subject: '', message: 'excluded from this need' });
  }
  need.requiredSkills.forEach(({ skill, minLevel }, k) => {
    const level = app.skillLevel[need.requiredIds[k]];
    if (level < minLevel) {
      failures.push({
        kind: 'skill',
        subject: skill,
        message: `needs ${skill} at level ${minLevel}, has ${level || 'none'}`,
      });
    }
  });
  need.languages.forEach(({ code, minLevel }, k) => {
    const level = app.languageLevel[need.languageIds[k]];
    if (level < minLevel) {
      failures.push({
        kind: 'language',
        subject: code,
        message: `needs language ${code} at level ${minLevel}, has ${level || 'none'}`,
      });
    }
  });
  // Name the exact days of the need that the window leaves uncovered (dates are inclusive).
  const { startDate, endDate } = need;
  const { availableFrom, availableTo } = app;
  if (app.toDay < need.startDay || app.fromDay > need.endDay) {
    failures.push(availabilityFailure(startDate, endDate));
  } else {
    if (app.fromDay > need.startDay) {
      failures.push(availabilityFailure(startDate, previousDay(availableFrom)));
    }
    if (app.toDay < need.endDay) failures.push(availabilityFailure(nextDay(availableTo), endDate));
  }
  return failures;
}

function availabilityFailure(from: string, to: string): EligibilityFailure {
  return {
    kind: 'availability',
    subject: '',
    message: from === to ? `not available ${from}` : `not available ${from} – ${to}`,
  };
}

/**
 * Hard constraints of a pair: every required skill and language at or above its minimum level,
 * and an availability window covering the need's dates. `reasons` lists every failed one.
 */
export function eligibility(app: MatchApplication, need: MatchNeed): EligibilityResult {
  const pair = preparePair(app, need);
  const reasons = eligibilityFailures(pair.app, pair.need).map((f) => f.message);
  return { eligible: reasons.length === 0, reasons };
}
