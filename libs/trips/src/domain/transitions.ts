import type { ApplicationStatus } from '../entities/trip-application.entity';
import type { TripStatus } from '../entities/trip.entity';

export type TripAction = 'publish' | 'close' | 'complete' | 'cancel';
export type ApplicationAction = 'accept' | 'waitlist' | 'reject' | 'confirm' | 'withdraw';

/** draft → published → closed → completed, and cancelled from any open state. */
export const TRIP_TRANSITIONS: Record<TripAction, { from: TripStatus[]; to: TripStatus }> = {
  publish: { from: ['draft'], to: 'published' },
  close: { from: ['published'], to: 'closed' },
  complete: { from: ['closed'], to: 'completed' },
  cancel: { from: ['draft', 'published', 'closed'], to: 'cancelled' },
};

/**
 * submitted → accepted | waitlisted | rejected, waitlisted → accepted, accepted → confirmed,
 * and withdrawn from any active state.
 */
export const APPLICATION_TRANSITIONS: Record<
  ApplicationAction,
  { from: ApplicationStatus[]; to: ApplicationStatus }
> = {
  accept: { from: ['submitted', 'waitlisted'], to: 'accepted' },
  waitlist: { from: ['submitted'], to: 'waitlisted' },
  reject: { from: ['submitted'], to: 'rejected' },
  confirm: { from: ['accepted'], to: 'confirmed' },
  withdraw: { from: ['submitted', 'accepted', 'waitlisted', 'confirmed'], to: 'withdrawn' },
};

/** Trips whose applications can still be decided on (closed only stops new applications). */
export const REVIEWABLE_TRIP_STATUSES: TripStatus[] = ['published', 'closed'];

export function tripTransition(action: TripAction, from: TripStatus): TripStatus | null {
  const t = TRIP_TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}

export function applicationTransition(
  action: ApplicationAction,
  from: ApplicationStatus,
): ApplicationStatus | null {
  const t = APPLICATION_TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}
