import { type EmergencyContact, missingProfileFields } from '@puente/accounts';
import { addMonths, ageOn } from './calendar';

export interface EligibilityTrip {
  status: string;
  applicationDeadline: string;
  startDate: string;
  endDate: string;
  minAge: number;
  country: string;
}

export interface EligibilityProfile {
  dateOfBirth: string | null;
  phone: string | null;
  country: string | null;
  emergencyContact: EmergencyContact | null;
  passportExpiresOn: string | null;
}

/** Passports must stay valid this many months after a trip abroad ends. */
export const PASSPORT_MONTHS_AFTER_END = 6;

/**
 * Every rule an application breaks at apply time (empty when eligible). All are reported at
 * once, so a volunteer can fix everything in one go.
 */
export function eligibilityReasons(
  trip: EligibilityTrip,
  profile: EligibilityProfile | null,
  today: string,
): string[] {
  const reasons: string[] = [];
  if (trip.status !== 'published')
    reasons.push(`the trip is not open for applications (it is ${trip.status})`);
  if (today > trip.applicationDeadline)
    reasons.push(`the application deadline (${trip.applicationDeadline}) has passed`);
  const missing = missingProfileFields(profile);
  if (missing.length)
    reasons.push(`your profile is incomplete: ${missing.join(', ')} missing (PUT /me/profile)`);
  if (profile?.dateOfBirth) {
    const age = ageOn(profile.dateOfBirth, trip.startDate);
    if (age < trip.minAge)
      reasons.push(
        `the minimum age is ${trip.minAge} on the start date ${trip.startDate}; you will be ${age}`,
      );
  }
  if (profile?.country && profile.country !== trip.country) {
    const needed = addMonths(trip.endDate, PASSPORT_MONTHS_AFTER_END);
    if (!profile.passportExpiresOn)
      reasons.push(
        `a trip outside ${profile.country} needs your passport expiry date (valid until at least ${needed}, 6 months after the trip ends)`,
      );
    else if (profile.passportExpiresOn < needed)
      reasons.push(
        `your passport expires on ${profile.passportExpiresOn}; it must be valid until at least ${needed} (6 months after the trip ends)`,
      );
  }
  return reasons;
}
