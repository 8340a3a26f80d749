/** An internship position to fill. Dates are calendar days, `YYYY-MM-DD`, both inclusive. */
export interface MatchNeed {
  id: string;
  /** How many interns the need takes (integer ≥ 0). */
  slots: number;
  startDate: string;
  endDate: string;
  /** Hard constraints: each skill at `minLevel` (1–5) or above. */
  requiredSkills: { skill: string; minLevel: number }[];
  /** Soft: each skill the intern has adds `weight × level` (weight a positive integer, 1–10). */
  preferredSkills: { skill: string; weight: number }[];
  /** Hard constraints: each language at `minLevel` (1–5) or above. */
  languages: { code: string; minLevel: number }[];
}

/** An intern's offer: availability window, skills and languages (levels 1–5), ranked needs. */
export interface MatchApplication {
  id: string;
  availableFrom: string;
  availableTo: string;
  skills: { skill: string; level: number }[];
  languages: { code: string; level: number }[];
  /** Need ids, most preferred first; may be empty or name needs outside the run. */
  preferences: string[];
  /**
   * Needs this intern must not be placed in whatever the score (e.g. their offer was declined
   * before). A hard constraint like the others; ids outside the run are ignored.
   */
  excludedNeeds?: string[];
}

export interface EligibilityResult {
  eligible: boolean;
  /** One human-readable line per failed hard constraint; empty when eligible. */
  reasons: string[];
}

/** The parts of a pair's score; `score` is exactly the sum of the numeric parts. */
export interface ScoreExplanation {
  /** Flat points for any eligible pair, so that filling a slot is always worth something. */
  base: number;
  /** Σ over preferred skills the intern has: weight × level. */
  preferredSkills: number;
  /** Σ over required skills: SKILL_SURPLUS_POINTS × (level − minLevel). */
  skillSurplus: number;
  /** Σ over required languages: LANGUAGE_SURPLUS_POINTS × (level − minLevel). */
  languageFit: number;
  /** Points for the intern's own ranking of this need; 0 when not ranked (or ranked too low). */
  preference: number;
  /** 1-based position of the need in the intern's preferences, or null when not listed. */
  preferenceRank: number | null;
}

export interface PairScore {
  score: number;
  explanation: ScoreExplanation;
}

/** An eligible (application, need) pair with its score. */
export interface Candidate {
  applicationId: string;
  needId: string;
  score: number;
  explanation: ScoreExplanation;
}

export type MatchMode = 'optimal' | 'stable';

/** One application placed in one slot of a need. */
export interface AssignmentPair {
  applicationId: string;
  needId: string;
}

export interface MatchProposal {
  needId: string;
  applicationId: string;
  score: number;
  explanation: ScoreExplanation;
}

export interface MatchResult {
  mode: MatchMode;
  /** Sum of the proposals' scores. */
  totalScore: number;
  /** Sorted by need id, then score (highest first), then application id. */
  proposals: MatchProposal[];
  /** Needs with slots left empty, sorted by need id. */
  unfilledSlots: { needId: string; count: number }[];
  /** Applications that got no slot, sorted by id, each with why. */
  unmatchedApplications: { applicationId: string; reason: string }[];
  /** Blocking pairs of this assignment under the stable-mode preferences (0 in stable mode). */
  blockingPairs: number;
}

/** A pair that would rather be matched together than keep what the assignment gave them. */
export interface BlockingPair {
  applicationId: string;
  needId: string;
}
