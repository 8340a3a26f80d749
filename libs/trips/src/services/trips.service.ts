import { Injectable } from '@nestjs/common';
import { type AuthUser, SkillsService } from '@puente/accounts';
import { OutboxService } from '@puente/notifications';
import {
  BadRequestError,
  Clock,
  ConflictError,
  NotFoundError,
  Page,
  PageQueryDto,
  toPage,
} from '@puente/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { TripAction, tripTransition } from '../domain/transitions';
import type { CreateTripDto, UpdateTripDto } from '../dto/trip.dto';
import type { TripView } from '../dto/trip.view';
import {
  ACTIVE_STATUSES,
  SEATED_STATUSES,
  TripApplication,
} from '../entities/trip-application.entity';
import { Trip } from '../entities/trip.entity';
import { LockedTrip, SeatsService } from './seats.service';
import { decodeTripCursor } from './trip-listing.query';
import { Outgoing, TripNotifier } from './trip-notifier.service';
import { TRIP_VIEW_COLUMNS, TripRow, toTripView } from './trip-row';

const DONE: Record<TripAction, string> = {
  publish: 'published',
  close: 'closed',
  complete: 'completed',
  cancel: 'cancelled',
};

/** The fields whose combination is checked on create and on every edit (the merged trip). */
type TripShape = Pick<Trip, 'startDate' | 'endDate' | 'applicationDeadline' | 'skills'>;

const EDITABLE_FIELDS = [
  'title',
  'description',
  'country',
  'city',
  'startDate',
  'endDate',
  'capacity',
  'costCents',
  'currency',
  'applicationDeadline',
  'minAge',
  'requiresBackgroundCheck',
  'requiresSafeguardingTraining',
  'requiresCodeOfConduct',
  'admission',
  'skills',
  'languages',
  'privateLocation',
] as const;

@Injectable()
export class TripsService {
  constructor(
    private readonly ds: DataSource,
    private readonly seats: SeatsService,
    private readonly notifier: TripNotifier,
    private readonly outbox: OutboxService,
    private readonly skills: SkillsService,
    private readonly clock: Clock,
  ) {}

  async create(organizationId: string, actor: AuthUser, dto: CreateTripDto): Promise<TripView> {
    await this.validate(dto);
    const now = this.clock.now();
    const trip = this.ds.getRepository(Trip).create({
      organizationId,
      title: dto.title,
      description: dto.description,
      country: dto.country,
      city: dto.city,
      startDate: dto.startDate,
      endDate: dto.endDate,
      applicationDeadline: dto.applicationDeadline,
      capacity: dto.capacity,
      costCents: dto.costCents,
      currency: dto.currency,
      minAge: dto.minAge,
      requiresBackgroundCheck: dto.requiresBackgroundCheck ?? true,
      requiresSafeguardingTraining: dto.requiresSafeguardingTraining ?? false,
      requiresCodeOfConduct: dto.requiresCodeOfConduct ?? false,
      admission: dto.admission,
      skills: dto.skills,
      languages: dto.languages,
      privateLocation: dto.privateLocation ?? null,
      status: 'draft',
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    });
    await this.ds.getRepository(Trip).insert(trip);
    return this.get(trip.id, { userId: actor.id, canCoordinate: true });
  }

  /**
   * A partial edit, validated as the trip it would make. Capacity below the seats taken is a
   * 409; more capacity promotes from the waitlist; new dates email the applicants and move
   * the reminders, all in one transaction.
   */
  async update(tripId: string, actor: AuthUser, dto: UpdateTripDto): Promise<TripView> {
    const out: Outgoing = [];
    await this.ds.transaction(async (m) => {
      const trip = await this.lock(m, tripId);
      if (trip.status === 'completed' || trip.status === 'cancelled')
        throw new ConflictError(`A ${trip.status} trip cannot be edited`, 'TRIP_NOT_EDITABLE');
      const changes: Partial<Trip> = {};
      for (const field of EDITABLE_FIELDS) {
        if (dto[field] !== undefined) Object.assign(changes, { [field]: dto[field] });
      }
      const merged = { ...trip, ...changes };
      await this.validate(merged);
      if (merged.capacity < trip.seatsTaken)
        throw new ConflictError(
          `capacity ${merged.capacity} is below the ${trip.seatsTaken} seats already taken`,
          'CAPACITY_BELOW_SEATS_TAKEN',
        );
      const previous = { startDate: trip.startDate, endDate: trip.endDate };
      const datesChanged = merged.startDate !== trip.startDate || merged.endDate !== trip.endDate;
      if (datesChanged) changes.datesVersion = trip.datesVersion + 1;
      await m.update(Trip, { id: tripId }, { ...changes, updatedAt: this.clock.now() });
      Object.assign(trip, changes);
      if (datesChanged) out.push(...(await this.datesChanged(m, trip, previous)));
      out.push(...(await this.seats.promoteWaitlisted(m, trip)));
    });
    await this.outbox.dispatch(out);
    return this.get(tripId, { userId: actor.id, canCoordinate: true });
  }

  /** publish / close / complete / cancel; an illegal transition is a 409. */
  async transition(
    tripId: string,
    action: TripAction,
    actor: AuthUser,
    reason: string | null = null,
  ): Promise<TripView> {
    const out: Outgoing = [];
    await this.ds.transaction(async (m) => {
      const trip = await this.lock(m, tripId);
      const to = tripTransition(action, trip.status);
      if (!to)
        throw new ConflictError(
          `A ${trip.status} trip cannot be ${DONE[action]}`,
          'ILLEGAL_TRANSITION',
        );
      await m.update(Trip, { id: tripId }, { status: to, updatedAt: this.clock.now() });
      trip.status = to;
      if (action === 'cancel') out.push(...(await this.cancelApplications(m, trip, actor, reason)));
    });
    await this.outbox.dispatch(out);
    return this.get(tripId, { userId: actor.id, canCoordinate: true });
  }

  /** The trip with seatsRemaining; the private location for coordinators and confirmed participants. */
  async get(
    tripId: string,
    viewer: { userId: string | null; canCoordinate: boolean },
  ): Promise<TripView> {
    const [row] = (await this.ds.query(
      `SELECT ${TRIP_VIEW_COLUMNS}, t.private_location,
              EXISTS (SELECT 1 FROM trip_applications a
                       WHERE a.trip_id = t.id AND a.user_id = $2 AND a.status = 'confirmed') AS confirmed
         FROM trips t JOIN organizations o ON o.id = t.organization_id
        WHERE t.id = $1`,
      [tripId, viewer.userId],
    )) as (TripRow & { confirmed: boolean })[];
    if (!row) throw new NotFoundError('Trip');
    return toTripView(row, viewer.canCoordinate || row.confirmed);
  }

  /** Every trip of the organisation, drafts included, for its coordinators. */
  async listForOrganization(organizationId: string, page: PageQueryDto): Promise<Page<TripView>> {
    const params: unknown[] = [organizationId];
    let after = '';
    const cursor = decodeTripCursor(page.cursor);
    if (cursor) {
      params.push(cursor[0], cursor[1]);
      after = `AND (t.start_date, t.id) > ($2::date, $3::uuid)`;
    }
    params.push(page.limit + 1);
    const rows = (await this.ds.query(
      `SELECT ${TRIP_VIEW_COLUMNS}, t.private_location
         FROM trips t JOIN organizations o ON o.id = t.organization_id
        WHERE t.organization_id = $1 ${after}
        ORDER BY t.start_date, t.id LIMIT $${params.length}`,
      params,
    )) as TripRow[];
    return toPage(
      rows,
      page.limit,
      (r) => [r.start_date, r.id],
      (r) => toTripView(r, true),
    );
  }

  private async lock(m: EntityManager, tripId: string): Promise<LockedTrip> {
    const trip = await this.seats.lockTrip(m, tripId);
    if (!trip) throw new NotFoundError('Trip');
    return trip;
  }

  /** Dates in order and skills from the taxonomy: 400 naming each problem. */
  private async validate(t: TripShape): Promise<void> {
    const problems: string[] = [];
    if (t.endDate < t.startDate) problems.push('endDate must not be before startDate');
    if (t.applicationDeadline > t.startDate)
      problems.push('applicationDeadline must not be after startDate');
    for (const slug of await this.skills.unknown(t.skills))
      problems.push(`skills: ${slug} is not in the skill taxonomy (see GET /skills)`);
    if (problems.length) throw new BadRequestError(problems);
  }

  private async datesChanged(
    m: EntityManager,
    trip: LockedTrip,
    previous: { startDate: string; endDate: string },
  ): Promise<Outgoing> {
    const out: Outgoing = [];
    const apps = await m.find(TripApplication, {
      where: { tripId: trip.id, status: In(ACTIVE_STATUSES) },
    });
    for (const app of apps) {
      out.push(
        await this.notifier.application(
          m,
          'trip-dates-changed',
          app,
          trip,
          { previous },
          `:v${trip.datesVersion}`,
        ),
      );
      if (SEATED_STATUSES.includes(app.status)) {
        // The old times must not fire: cancel them, then schedule for the new dates.
        await this.notifier.cancelReminders(m, app.id);
        out.push(...(await this.notifier.scheduleReminders(m, app, trip)));
      }
    }
    return out;
  }

  /** Every active application is withdrawn with the reason, its reminders cancelled, and the applicant told. */
  private async cancelApplications(
    m: EntityManager,
    trip: LockedTrip,
    actor: AuthUser,
    reason: string | null,
  ): Promise<Outgoing> {
    const out: Outgoing = [];
    const apps = await m.find(TripApplication, {
      where: { tripId: trip.id, status: In(ACTIVE_STATUSES) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const why = reason ? `the trip was cancelled: ${reason}` : 'the trip was cancelled';
    for (const app of apps) {
      await this.seats.changeStatus(m, app, 'withdrawn', actor.id, why);
      await this.notifier.cancelReminders(m, app.id);
      out.push(await this.notifier.application(m, 'trip-cancelled', app, trip, { reason }));
    }
    if (trip.seatsTaken > 0) {
      trip.seatsTaken = 0;
      await m.update(Trip, { id: trip.id }, { seatsTaken: 0 });
    }
    return out;
  }
}
