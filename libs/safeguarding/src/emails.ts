import type { EmailTemplate } from '@puente/notifications';
import { backgroundCheckCompleted } from '@puente/notifications/templates/background-check-completed.template';
import { backgroundCheckDecision } from '@puente/notifications/templates/background-check-decision.template';
import { backgroundCheckDisputed } from '@puente/notifications/templates/background-check-disputed.template';
import { backgroundCheckExpired } from '@puente/notifications/templates/background-check-expired.template';
import { backgroundCheckExpiringCoordinator } from '@puente/notifications/templates/background-check-expiring-coordinator.template';
import { backgroundCheckExpiringSoon } from '@puente/notifications/templates/background-check-expiring-soon.template';
import { backgroundCheckFinalAdverseAction } from '@puente/notifications/templates/background-check-final-adverse-action.template';
import { backgroundCheckNeedsReview } from '@puente/notifications/templates/background-check-needs-review.template';
import { backgroundCheckPreAdverseAction } from '@puente/notifications/templates/background-check-pre-adverse-action.template';
import { backgroundCheckRequested } from '@puente/notifications/templates/background-check-requested.template';
import { guardianConsentGiven } from '@puente/notifications/templates/guardian-consent-given.template';
import { guardianConsentRequest } from '@puente/notifications/templates/guardian-consent-request.template';

/** The safeguarding emails; registered with the notifications TemplateRegistry at start-up. */
export const SAFEGUARDING_EMAIL_TEMPLATES: readonly EmailTemplate<any>[] = [
  backgroundCheckRequested,
  backgroundCheckCompleted,
  backgroundCheckNeedsReview,
  backgroundCheckDecision,
  backgroundCheckPreAdverseAction,
  backgroundCheckFinalAdverseAction,
  backgroundCheckDisputed,
  backgroundCheckExpiringSoon,
  backgroundCheckExpiringCoordinator,
  backgroundCheckExpired,
  guardianConsentRequest,
  guardianConsentGiven,
];
