import type { EntityManager } from 'typeorm';

/** What a trip or internship need asks of the people it puts near children. */
export interface SafeguardingRequirements {
  backgroundCheck: boolean;
  safeguardingTraining: boolean;
  codeOfConduct: boolean;
}

export interface ClearanceQuery {
  userId: string;
  /** The organisation whose code of conduct applies. */
  organizationId: string;
  requirements: SafeguardingRequirements;
  /** YYYY-MM-DD: age (guardian consent for minors) is taken on this date. */
  startDate: string;
  /** YYYY-MM-DD: checks and training must stay valid through this date. */
  endDate: string;
}

export type RequirementName =
  'background_check' | 'safeguarding_training' | 'code_of_conduct' | 'guardian_consent';

export interface UnmetRequirement {
  requirement: RequirementName;
  /** Neutral words for the volunteer and coordinator, e.g. "background check not yet completed". */
  message: string;
}

/**
 * The question trips and internships ask safeguarding: "is this volunteer cleared through this
 * date, and if not, why?", and "request a check". Nothing in safeguarding knows about trips.
 */
export abstract class SafeguardingGate {
  /** Every unmet requirement (empty when cleared). */
  abstract unmet(query: ClearanceQuery, manager?: EntityManager): Promise<UnmetRequirement[]>;

  /**
   * Inside the caller's transaction: requests a background check for the volunteer when none is
   * valid through `validThrough` and none is in progress. Answers the check id, or null when none was needed.
   */
  abstract requestCheckIfNeeded(
    manager: EntityManager,
    input: {
      userId: string;
      organizationId: string;
      validThrough: string;
      requestedBy: string | null;
    },
  ): Promise<string | null>;
}
