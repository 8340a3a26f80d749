import type { BackgroundCheck } from '../entities/background-check.entity';

export type CheckState =
  | 'valid'
  | 'requested'
  | 'in_progress'
  | 'awaiting_review'
  | 'not_cleared'
  | 'expires_before'
  | 'expired'
  | 'none';

export interface CheckAssessment {
  state: CheckState;
  check: BackgroundCheck | null;
}

/** A check counts when it is completed and clear, or consider and approved. */
export function isCleared(c: Pick<BackgroundCheck, 'status' | 'result' | 'adjudication'>): boolean {
  return (
    c.status === 'completed' &&
    (c.result === 'clear' || (c.result === 'consider' && c.adjudication === 'approved'))
  );
}

export function isActive(c: Pick<BackgroundCheck, 'status'>): boolean {
  return c.status === 'pending' || c.status === 'in_progress';
}

/**
 * Where a volunteer stands on background checks for something lasting through `through`
 * (a date), given their checks newest first and today's date.
 */
export function assessChecks(
  checks: BackgroundCheck[],
  through: string,
  today: string,
): CheckAssessment {
  const valid = checks.find((c) => isCleared(c) && c.expiresOn! >= through);
  if (valid) return { state: 'valid', check: valid };
  const active = checks.find(isActive);
  if (active)
    return { state: active.status === 'pending' ? 'requested' : 'in_progress', check: active };
  const latest = checks.find((c) => c.status === 'completed' || c.status === 'expired');
  if (!latest) return { state: 'none', check: null };
  if (latest.status === 'completed' && latest.expiresOn! >= today) {
    if (latest.result === 'consider' && latest.adjudication === null)
      return { state: 'awaiting_review', check: latest };
    if (latest.adjudication === 'rejected') return { state: 'not_cleared', check: latest };
    return { state: 'expires_before', check: latest };
  }
  return { state: 'expired', check: latest };
}

/** Neutral words for the gate's 422 (a volunteer may read them): never the result itself. */
export function checkUnmetMessage(a: CheckAssessment, through: string): string {
  switch (a.state) {
    case 'requested':
    case 'in_progress':
      return 'background check: in progress, not yet completed';
    case 'awaiting_review':
      return 'background check: completed, awaiting a coordinator’s review';
    case 'not_cleared':
      return 'background check: not cleared';
    case 'expires_before':
      return `background check: valid only until ${a.check!.expiresOn}, before ${through}`;
    case 'expired':
      return `background check: expired; a new check valid through ${through} is needed`;
    default:
      return `background check: none valid through ${through}`;
  }
}
