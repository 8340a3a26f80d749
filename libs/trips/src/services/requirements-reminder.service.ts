import { Injectable } from '@nestjs/common';
import { type EmergencyContact, missingProfileFields } from '@puente/accounts';
import type { Notification } from '@puente/notifications';
import { SafeguardingGate } from '@puente/safeguarding';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { REVIEWABLE_TRIP_STATUSES } from '../domain/transitions';
import { SEATED_STATUSES, type ApplicationStatus } from '../entities/trip-application.entity';
import type { TripStatus } from '../entities/trip.entity';

const PROFILE_FIELD_NAMES: Record<string, string> = {
  dateOfBirth: 'date of birth',
  phone: 'phone number',
  country: 'country',
  emergencyContact: 'emergency contact',
};

/**
 * What the "requirements outstanding" reminder says, worked out on the day it goes out: the
 * profile fields still missing and every unmet safeguarding requirement. Null (the email is not
 * sent) when nothing is outstanding or the application no longer holds a seat.
 */
@Injectable()
export class RequirementsReminderService {
  constructor(
    private readonly ds: DataSource,
    private readonly gate: SafeguardingGate,
  ) {}

  async outstanding(notification: Notification): Promise<{ missing: string[] } | null> {
    const applicationId = (notification.data?.application as { id?: unknown } | undefined)?.id;
    if (typeof applicationId !== 'string' || !isUUID(applicationId)) return null;
    const [row] = (await this.ds.query(
      `SELECT a.user_id, a.status, t.status AS trip_status, t.organization_id,
              t.start_date::text AS start_date, t.end_date::text AS end_date,
              t.requires_background_check, t.requires_safeguarding_training, t.requires_code_of_conduct,
              (p.user_id IS NOT NULL) AS has_profile, p.date_of_birth AS "dateOfBirth", p.phone,
              p.country, p.emergency_contact AS "emergencyContact"
         FROM trip_applications a
         JOIN trips t ON t.id = a.trip_id
         LEFT JOIN profiles p ON p.user_id = a.user_id
        WHERE a.id = $1`,
      [applicationId],
    )) as {
      user_id: string;
      status: ApplicationStatus;
      trip_status: TripStatus;
      organization_id: string;
      start_date: string;
      end_date: string;
      requires_background_check: boolean;
      requires_safeguarding_training: boolean;
      requires_code_of_conduct: boolean;
      has_profile: boolean;
      dateOfBirth: string | null;
      phone: string | null;
      country: string | null;
      emergencyContact: EmergencyContact | null;
    }[];
    if (
      !row ||
      !SEATED_STATUSES.includes(row.status) ||
      !REVIEWABLE_TRIP_STATUSES.includes(row.trip_status)
    )
      return null;
    const missing = missingProfileFields(row.has_profile ? row : null).map(
      (f) => `profile: ${PROFILE_FIELD_NAMES[f] ?? f} missing`,
    );
    const unmet = await this.gate.unmet({
      userId: row.user_id,
      organizationId: row.organization_id,
      requirements: {
        backgroundCheck: row.requires_background_check,
        safeguardingTraining: row.requires_safeguarding_training,
        codeOfConduct: row.requires_code_of_conduct,
      },
      startDate: row.start_date,
      endDate: row.end_date,
    });
    const all = [...missing, ...unmet.map((u) => u.message)];
    return all.length ? { missing: all } : null;
  }
}
