import { Injectable } from '@nestjs/common';
import { Clock, ConflictError } from '@puente/platform';
import { SafeguardingGate } from '@puente/safeguarding';
import type { EntityManager } from 'typeorm';
import { REVIEWABLE_TRIP_STATUSES } from '../domain/transitions';
import { TripApplicationEvent } from '../entities/trip-application-event.entity';
import { ApplicationStatus, TripApplication } from '../entities/trip-application.entity';
import { Trip } from '../entities/trip.entity';
import { Outgoing, TripNotifier } from './trip-notifier.service';

/** A trip row locked for the rest of the transaction, with its organisation's name. */
export type LockedTrip = Trip & { organizationName: string };

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
    const trip = await manager
      .createQueryBuilder(Trip, 't')
      .innerJoinAndSelect('t.organization', 'o')
      .where('t.id = :tripId', { tripId })
      .setLock('for_no_key_update', undefined, ['t'])
      .getOne();
    if (!trip) return null;
    return Object.assign(trip, { organizationName: trip.organization!.name });
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
    const from = app.status;
    await manager.update(TripApplication, { id: app.id }, { status: to, updatedAt: at });
    await manager.insert(TripApplicationEvent, {
      applicationId: app.id,
      fromStatus: from,
      toStatus: to,
      byUserId,
      reason,
      at,
    });
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
