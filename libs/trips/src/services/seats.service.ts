import { Injectable } from '@nestjs/common';
import { Clock, ConflictError } from '@puente/platform';
import { SafeguardingGate } from '@puente/safeguarding';
import type { EntityManager } from 'typeorm';
import { REVIEWABLE_TRIP_STATUSES } from '../domain/transitions';
import {
  ACTIVE_STATUSES_SQL,
  ApplicationStatus,
  TripApplication,
} from '../entities/trip-application.entity';
import { Admission, Trip, TripStatus } from '../entities/trip.entity';
import type { EligibilityProfile } from '../domain/eligibility';
import type { EmergencyContact } from '@puente/accounts';
import { Outgoing, TripNotifier } from './trip-notifier.service';

/** A trip row locked for the rest of the transaction, with its organisation's name. */
export type LockedTrip = Trip & { organizationName: string };

/** What apply knows about the volunteer, read with the trip lock. */
export interface Applicant {
  name: string;
  email: string;
  hasActiveApplication: boolean;
  profile: EligibilityProfile | null;
}

// Raw SQL rather than the query builder: this runs in every seat operation, and one statement
// reads the trip, its organisation's name (and for apply, the volunteer) under the lock.
const LOCKED_TRIP_COLUMNS = `
  t.id, t.organization_id, t.title, t.description, t.country, t.city,
  t.start_date::text AS start_date, t.end_date::text AS end_date,
  t.application_deadline::text AS application_deadline, t.capacity, t.seats_taken,
  t.cost_cents, t.currency, t.min_age, t.requires_background_check,
  t.requires_safeguarding_training, t.requires_code_of_conduct, t.admission, t.skills,
  t.languages, t.status, t.dates_version, t.created_by, t.created_at, t.updated_at,
  o.name AS organization_name`;

interface LockedTripRow {
  id: string;
  organization_id: string;
  title: string;
  description: string;
  country: string;
  city: string;
  start_date: string;
  end_date: string;
  application_deadline: string;
  capacity: number;
  seats_taken: number;
  cost_cents: number;
  currency: string;
  min_age: number;
  requires_background_check: boolean;
  requires_safeguarding_training: boolean;
  requires_code_of_conduct: boolean;
  admission: Admission;
  skills: string[];
  languages: string[];
  status: TripStatus;
  dates_version: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  organization_name: string;
}

interface ApplicantRow {
  applicant_name: string;
  applicant_email: string;
  has_profile: boolean;
  applicant_date_of_birth: string | null;
  applicant_phone: string | null;
  applicant_country: string | null;
  applicant_emergency_contact: EmergencyContact | null;
  applicant_passport_expires_on: string | null;
  has_active: boolean;
}

function toLockedTrip(manager: EntityManager, r: LockedTripRow): LockedTrip {
  const trip = manager.create(Trip, {
    id: r.id,
    organizationId: r.organization_id,
    title: r.title,
    description: r.description,
    country: r.country,
    city: r.city,
    startDate: r.start_date,
    endDate: r.end_date,
    applicationDeadline: r.application_deadline,
    capacity: r.capacity,
    seatsTaken: r.seats_taken,
    costCents: r.cost_cents,
    currency: r.currency,
    minAge: r.min_age,
    requiresBackgroundCheck: r.requires_background_check,
    requiresSafeguardingTraining: r.requires_safeguarding_training,
    requiresCodeOfConduct: r.requires_code_of_conduct,
    admission: r.admission,
    skills: r.skills,
    languages: r.languages,
    status: r.status,
    datesVersion: r.dates_version,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
  return Object.assign(trip, { organizationName: r.organization_name });
}

export const TRIP_FULL = 'TRIP_FULL';

/**
 * Seats are counted in trips.seats_taken, changed only while the trip row is locked
 * (SELECT … FOR NO KEY UPDATE), by guarded increments (… WHERE seats_taken < capacity), and a
 * CHECK keeps it between 0 and capacity: whatever the
 * concurrency and however many API processes run, a trip never overbooks. Every operation that
 * touches seats locks the trip first and then its applications, always in that order.
 */
@Injectable()
export class SeatsService {
  constructor(
    private readonly notifier: TripNotifier,
    private readonly gate: SafeguardingGate,
    private readonly clock: Clock,
  ) {}

  async lockTrip(manager: EntityManager, tripId: string): Promise<LockedTrip | null> {
    return this.lockWhere(manager, 't.id = $1', tripId);
  }

  /** Locks the trip of an application (null when there is no such application). */
  lockTripOfApplication(manager: EntityManager, applicationId: string): Promise<LockedTrip | null> {
    return this.lockWhere(
      manager,
      't.id = (SELECT a.trip_id FROM trip_applications a WHERE a.id = $1)',
      applicationId,
    );
  }

  private async lockWhere(
    manager: EntityManager,
    condition: string,
    id: string,
  ): Promise<LockedTrip | null> {
    const [row] = (await manager.query(
      `SELECT ${LOCKED_TRIP_COLUMNS}
         FROM trips t JOIN organizations o ON o.id = t.organization_id
        WHERE ${condition}
          FOR NO KEY UPDATE OF t`,
      [id],
    )) as LockedTripRow[];
    return row ? toLockedTrip(manager, row) : null;
  }

  /**
   * Locks the trip and reads, in the same round trip, what apply needs to know about the
   * volunteer: name, email, profile, and whether an active application to the trip exists.
   */
  async lockTripForApplicant(
    manager: EntityManager,
    tripId: string,
    userId: string,
  ): Promise<{ trip: LockedTrip; applicant: Applicant } | null> {
    const [row] = (await manager.query(
      `SELECT ${LOCKED_TRIP_COLUMNS},
              u.name AS applicant_name, u.email AS applicant_email,
              (p.user_id IS NOT NULL) AS has_profile,
              p.date_of_birth::text AS applicant_date_of_birth, p.phone AS applicant_phone,
              p.country AS applicant_country, p.emergency_contact AS applicant_emergency_contact,
              p.passport_expires_on::text AS applicant_passport_expires_on,
              EXISTS (SELECT 1 FROM trip_applications a
                       WHERE a.trip_id = t.id AND a.user_id = u.id
                         AND a.status IN ${ACTIVE_STATUSES_SQL}) AS has_active
         FROM trips t JOIN organizations o ON o.id = t.organization_id
        CROSS JOIN users u
         LEFT JOIN profiles p ON p.user_id = u.id
        WHERE t.id = $1 AND u.id = $2
          FOR NO KEY UPDATE OF t`,
      [tripId, userId],
    )) as (LockedTripRow & ApplicantRow)[];
    if (!row) return null;
    return {
      trip: toLockedTrip(manager, row),
      applicant: {
        name: row.applicant_name,
        email: row.applicant_email,
        hasActiveApplication: row.has_active,
        profile: row.has_profile
          ? {
              dateOfBirth: row.applicant_date_of_birth,
              phone: row.applicant_phone,
              country: row.applicant_country,
              emergencyContact: row.applicant_emergency_contact,
              passportExpiresOn: row.applicant_passport_expires_on,
            }
          : null,
      },
    };
  }

  /** Moves the application to a new status and writes the history line. */
  async changeStatus(
    manager: EntityManager,
    app: TripApplication,
    to: ApplicationStatus,
    byUserId: string | null,
    reason: string | null,
  ): Promise<void> {
    const at = this.clock.now();
    // The new status and its history line in one statement.
    await manager.query(
      `WITH changed AS (
         UPDATE trip_applications SET status = $2, updated_at = $5 WHERE id = $1 RETURNING id)
       INSERT INTO trip_application_events (application_id, from_status, to_status, by_user_id, reason, at)
       SELECT id, $3, $2, $4, $6, $5 FROM changed`,
      [app.id, to, app.status, byUserId, at, reason],
    );
    app.status = to;
    app.updatedAt = at;
  }

  /**
   * Takes a seat for an application that is becoming accepted: refuses with TRIP_FULL when none
   * is free, requests a background check when the trip needs one, and schedules the reminders.
   * The caller has set the application's status to accepted (or is about to, in this transaction).
   */
  async takeSeat(
    manager: EntityManager,
    trip: LockedTrip,
    app: TripApplication,
    requestedBy: string | null,
  ): Promise<Outgoing> {
    // Guarded in SQL as well as by the lock: the count can only move within the capacity.
    const taken = await manager
      .createQueryBuilder()
      .update(Trip)
      .set({ seatsTaken: () => 'seats_taken + 1' })
      .where('id = :id AND seats_taken < capacity', { id: trip.id })
      .returning(['seatsTaken'])
      .execute();
    const row = (taken.raw as { seats_taken: number }[])[0];
    if (!row) throw new ConflictError('The trip is full: no seat is free', TRIP_FULL);
    trip.seatsTaken = row.seats_taken;
    if (trip.requiresBackgroundCheck) {
      await this.gate.requestCheckIfNeeded(manager, {
        userId: app.userId,
        organizationId: trip.organizationId,
        validThrough: trip.endDate,
        requestedBy,
      });
    }
    return this.notifier.scheduleReminders(manager, { ...app, status: 'accepted' }, trip);
  }

  async freeSeat(manager: EntityManager, trip: LockedTrip): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Trip)
      .set({ seatsTaken: () => 'seats_taken - 1' })
      .where('id = :id', { id: trip.id })
      .execute();
    trip.seatsTaken -= 1;
  }

  /**
   * Fills every free seat with the oldest waitlisted applications, in the caller's transaction
   * (a seat was freed or the capacity grew). Promotes nobody on a trip no longer under review.
   */
  async promoteWaitlisted(manager: EntityManager, trip: LockedTrip): Promise<Outgoing> {
    const free = trip.capacity - trip.seatsTaken;
    if (free <= 0 || !REVIEWABLE_TRIP_STATUSES.includes(trip.status)) return [];
    const waiting = await manager.find(TripApplication, {
      where: { tripId: trip.id, status: 'waitlisted' },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: free,
      lock: { mode: 'pessimistic_write' },
    });
    const out: Outgoing = [];
    for (const app of waiting) {
      out.push(...(await this.takeSeat(manager, trip, app, null)));
      await this.changeStatus(manager, app, 'accepted', null, 'a seat became free');
      out.push(await this.notifier.application(manager, 'application-promoted', app, trip));
    }
    return out;
  }
}
