import type { MatchApplication, MatchNeed, PairScore, ScoreExplanation } from './matching.types';
import { preparePair, rankOf, type PreparedApplication, type PreparedNeed } from './prepared-input';

/** Every eligible pair gets this, so scores are positive and an extra placement always pays. */
export const BASE_POINTS = 10;
/** Per level above a required skill's minimum. */
export const SKILL_SURPLUS_POINTS = 3;
/** Per level above a required language's minimum. */
export const LANGUAGE_SURPLUS_POINTS = 2;
/** Points for the intern's first choice; each later rank earns PREFERENCE_STEP less. */
export const PREFERENCE_TOP_POINTS = 20;
export const PREFERENCE_STEP = 5;

/** max(0, 20 − 5 × (rank − 1)): 20, 15, 10, 5 for ranks 1–4; 0 from rank 5 on or unlisted. */
export function preferencePoints(rank: number | null): number {
  if (rank === null) return 0;
  return Math.max(0, PREFERENCE_TOP_POINTS - PREFERENCE_STEP * (rank - 1));
}

/** Sum of the numeric parts (`scoreOf` adds the same parts without building the object). */
export function totalOf(explanation: ScoreExplanation): number {
  return (
    explanation.base +
    explanation.preferredSkills +
    explanation.skillSurplus +
    explanation.languageFit +
    explanation.preference
  );
}

export function explainScore(app: PreparedApplication, need: PreparedNeed): ScoreExplanation {
  const preferenceRank = rankOf(app, need);
  return {
    base: BASE_POINTS,
    preferredSkills: preferredSkillPoints(app, need),
    skillSurplus: SKILL_SURPLUS_POINTS * skillSurplusLevels(app, need),
    languageFit: LANGUAGE_SURPLUS_POINTS * languageSurplusLevels(app, need),
    preference: preferencePoints(preferenceRank),
    preferenceRank,
  };
}

function preferredSkillPoints(app: PreparedApplication, need: PreparedNeed): number {
  let points = 0;
  const { preferredIds, preferredSkills } = need;
  for (let k = 0; k < preferredIds.length; k++) {
    points += preferredSkills[k].weight * app.skillLevel[preferredIds[k]];
  }
  return points;
}

// Clamped at 0 so that a (meaningless) score of an ineligible pair still has sane parts.
function skillSurplusLevels(app: PreparedApplication, need: PreparedNeed): number {
  let levels = 0;
  const { requiredIds, requiredSkills } = need;
  for (let k = 0; k < requiredIds.length; k++) {
    levels += Math.max(0, app.skillLevel[requiredIds[k]] - requiredSkills[k].minLevel);
  }
  return levels;
}

function languageSurplusLevels(app: PreparedApplication, need: PreparedNeed): number {
  let levels = 0;
  const { languageIds, languages } = need;
  for (let k = 0; k < languageIds.length; k++) {
    levels += Math.max(0, app.languageLevel[languageIds[k]] - languages[k].minLevel);
  }
  return levels;
}

/**
 * Same number as totalOf(explainScore(app, need)) without building the explanation object:
 * this runs once per eligible pair, the explanation only for pairs someone will read.
 */
export function scoreOf(app: PreparedApplication, need: PreparedNeed): number {
  return (
    BASE_POINTS +
    preferredSkillPoints(app, need) +
    SKILL_SURPLUS_POINTS * skillSurplusLevels(app, need) +
    LANGUAGE_SURPLUS_POINTS * languageSurplusLevels(app, need) +
    preferencePoints(rankOf(app, need))
  );
}

/**
 * The integer score of a pair with its parts (see README for the formula). Meant for eligible
 * pairs; for an ineligible pair it is still computed (missing skills count as level 0).
 */
export function scorePair(app: MatchApplication, need: MatchNeed): PairScore {
  const pair = preparePair(app, need);
  const explanation = explainScore(pair.app, pair.need);
  return { score: totalOf(explanation), explanation };
}
