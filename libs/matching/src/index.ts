// Pure matching of intern applications to internship needs: no Nest, no database, no I/O.
export type {
  AssignmentPair,
  BlockingPair,
  Candidate,
  EligibilityResult,
  MatchApplication,
  MatchMode,
  MatchNeed,
  MatchProposal,
  MatchResult,
  PairScore,
  ScoreExplanation,
} from './matching.types';
export { MatchingInputError } from './prepared-input';
export { eligibility } from './eligibility';
export {
  BASE_POINTS,
  LANGUAGE_SURPLUS_POINTS,
  PREFERENCE_STEP,
  PREFERENCE_TOP_POINTS,
  SKILL_SURPLUS_POINTS,
  preferencePoints,
  scorePair,
} from './score';
export { buildCandidates } from './candidate-graph';
export { matchOptimal } from './optimal-assignment';
export { matchStable } from './stable-matching';
export { blockingPairs } from './blocking-pairs';
