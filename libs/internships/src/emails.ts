import type { EmailTemplate } from '@puente/notifications';
import { placementAccepted } from '@puente/notifications/templates/placement-accepted.template';
import { placementAwaitingRequirements } from '@puente/notifications/templates/placement-awaiting-requirements.template';
import { placementDeclined } from '@puente/notifications/templates/placement-declined.template';
import { placementOffered } from '@puente/notifications/templates/placement-offered.template';
import { placementPlaced } from '@puente/notifications/templates/placement-placed.template';
import { placementWithdrawn } from '@puente/notifications/templates/placement-withdrawn.template';

/** The internship emails; registered with the notifications TemplateRegistry at start-up. */
export const INTERNSHIP_EMAIL_TEMPLATES: readonly EmailTemplate<any>[] = [
  placementOffered,
  placementAwaitingRequirements,
  placementPlaced,
  placementWithdrawn,
  placementAccepted,
  placementDeclined,
];
