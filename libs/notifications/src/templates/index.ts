import { applicationAccepted } from './application-accepted.template';
import { applicationConfirmed } from './application-confirmed.template';
import { applicationPromoted } from './application-promoted.template';
import { applicationReceived } from './application-received.template';
import { applicationRejected } from './application-rejected.template';
import { applicationWaitlisted } from './application-waitlisted.template';
import { applicationWithdrawn } from './application-withdrawn.template';
import { coordinatorDigest } from './coordinator-digest.template';
import type { EmailTemplate } from './email-template';
import { passwordReset } from './password-reset.template';
import { reminderDeparture } from './reminder-departure.template';
import { reminderRequirements } from './reminder-requirements.template';
import { surveyPostTrip } from './survey-post-trip.template';
import { tripCancelled } from './trip-cancelled.template';
import { tripDatesChanged } from './trip-dates-changed.template';

/**
 * Every email Puente knows how to write. To add one: a new `<name>.template.ts` beside these
 * (see libs/notifications/README.md), then its export in this list.
 */
export const EMAIL_TEMPLATES: readonly EmailTemplate<any>[] = [
  applicationReceived,
  applicationAccepted,
  applicationWaitlisted,
  applicationPromoted,
  applicationRejected,
  applicationConfirmed,
  applicationWithdrawn,
  tripCancelled,
  tripDatesChanged,
  reminderDeparture,
  reminderRequirements,
  surveyPostTrip,
  coordinatorDigest,
  passwordReset,
];
