import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@puente/accounts';
import { OutboxService } from '@puente/notifications';
import {
  Clock,
  ConflictError,
  isoDate,
  NotFoundError,
  Page,
  toPage,
  UnprocessableError,
} from '@puente/platform';
import { SafeguardingGate } from '@puente/safeguarding';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { eligibilityReasons } from '../domain/eligibility';
import {
  ApplicationAction,
  applicationTransition,
  REVIEWABLE_TRIP_STATUSES,
} from '../domain/transitions';
import type {
  ApplicationDetailView,
  ApplicationView,
  HistoryEntryView,
  ListTripApplicationsQueryDto,
} from '../dto/application.dto';
import type { PageQueryDto } from '@puente/platform';
import {
  ACTIVE_STATUSES_SQL,
  ApplicationStatus,
  SEATED_STATUSES,
  TripApplication,
} from '../entities/trip-application.entity';
import {
  APPLICATION_VIEW_COLUMNS,
  APPLICATION_VIEW_FROM,
  ApplicationRow,
  decodeApplicationCursor,
  toApplicationView,
} from './application-row';
import { Applicant, LockedTrip, SeatsService } from './seats.service';
import { Outgoing, TripNotifier } from './trip-notifier.service';

const DONE: Record<ApplicationAction, string> = {
  accept: 'accepted',
  waitlist: 'waitlisted',
  reject: 'rejected',
  confirm: 'confirmed',
  withdraw: 'withdrawn',
};

/** Who is looking at an application: decides whether the trip's private location is shown. */
export interface ApplicationViewer {
  userId: string;
  canCoordinate: boolean;
}

const isActiveDuplicate = (err: unknown) =>
  err instanceof QueryFailedError &&
  (err as { code?: string; constraint?: string }).code === '23505' &&
  (err as { constraint?: string }).constraint === 'trip_applications_active_key';

@Injectable()
export class ApplicationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly seats: SeatsService,
    private readonly notifier: TripNotifier,
    private readonly outbox: OutboxService,
    private readonly gate: SafeguardingGate,
    private readonly clock: Clock,
  ) {}

  /**
   * Applies to a trip. 409 when an active application exists; 422 listing every unmet rule.
   * `review` trips start at submitted; `auto` trips accept while seats remain, then waitlist.
   */
  async apply(tripId: string, user: AuthUser, motivation: string): Promise<ApplicationDetailView> {
    const out: Outgoing = [];
    let view: ApplicationDetailView;
    try {
      view = await this.ds.transaction(async (m) => {
        const locked = await this.seats.lockTripForApplicant(m, tripId, user.id);
        if (!locked) throw new NotFoundError('Trip');
        const { trip, applicant } = locked;
        if (applicant.hasActiveApplication) throw alreadyApplied();
        const now = this.clock.now();
        const reasons = eligibilityReasons(trip, applicant.profile, isoDate(now));
        if (reasons.length)
          throw new UnprocessableError('You cannot apply to this trip', reasons, 'NOT_ELIGIBLE');

        const status: ApplicationStatus =
          trip.admission === 'review'
            ? 'submitted'
            : trip.seatsTaken < trip.capacity
              ? 'accepted'
              : 'waitlisted';
        // The application and the first line of its history in one round trip.
        const [inserted] = (await m.query(
          `WITH a AS (
             INSERT INTO trip_applications (trip_id, user_id, status, motivation, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING id)
           INSERT INTO trip_application_events (application_id, from_status, to_status, by_user_id, at)
           SELECT a.id, NULL, $3, $2, $5 FROM a
           RETURNING application_id`,
          [tripId, user.id, status, motivation, now],
        )) as { application_id: string }[];
        const app = m.create(TripApplication, {
          id: inserted.application_id,
          tripId,
          userId: user.id,
          status,
          motivation,
          createdAt: now,
          updatedAt: now,
        });
        if (status === 'accepted') out.push(...(await this.seats.takeSeat(m, trip, app, null)));
        const template =
          status === 'submitted'
            ? 'application-received'
            : status === 'accepted'
              ? 'application-accepted'
              : 'application-waitlisted';
        out.push(await this.notifier.application(m, template, app, trip));
        return this.newApplicationView(app, trip, user, applicant);
      });
    } catch (err) {
      // Two applications by the same volunteer at once: the partial unique index decides.
      if (isActiveDuplicate(err)) throw alreadyApplied();
      throw err;
    }
    await this.outbox.dispatch(out);
    return view;
  }

  /** accept / waitlist / reject / confirm / withdraw, with every consequence in one transaction. */
  async act(
    applicationId: string,
    action: ApplicationAction,
    actor: AuthUser,
    viewer: ApplicationViewer,
    reason: string | null = null,
  ): Promise<ApplicationDetailView> {
    const out: Outgoing = [];
    await this.ds.transaction(async (m) => {
      // Trip first, then the application: the one lock order every seat operation follows.
      const trip = await this.seats.lockTripOfApplication(m, applicationId);
      if (!trip) throw new NotFoundError('Application');
      const app = await m.findOneOrFail(TripApplication, {
        where: { id: applicationId },
        lock: { mode: 'pessimistic_write' },
      });
      const to = applicationTransition(action, app.status);
      if (!to)
        throw new ConflictError(
          `An application that is ${app.status} cannot be ${DONE[action]}`,
          'ILLEGAL_TRANSITION',
        );
      if (!REVIEWABLE_TRIP_STATUSES.includes(trip.status))
        throw new ConflictError(
          `The trip is ${trip.status}: its applications can no longer change`,
          'TRIP_NOT_ACTIVE',
        );
      out.push(...(await this.perform(m, action, trip, app, actor, reason)));
    });
    await this.outbox.dispatch(out);
    return this.get(applicationId, viewer);
  }

  private async perform(
    m: EntityManager,
    action: ApplicationAction,
    trip: LockedTrip,
    app: TripApplication,
    actor: AuthUser,
    reason: string | null,
  ): Promise<Outgoing> {
    const out: Outgoing = [];
    switch (action) {
      case 'accept':
        out.push(...(await this.seats.takeSeat(m, trip, app, actor.id)));
        await this.seats.changeStatus(m, app, 'accepted', actor.id, reason);
        out.push(await this.notifier.application(m, 'application-accepted', app, trip));
        break;
      case 'waitlist':
        await this.seats.changeStatus(m, app, 'waitlisted', actor.id, reason);
        out.push(
          await this.notifier.application(m, 'application-waitlisted', app, trip, { reason }),
        );
        break;
      case 'reject':
        await this.seats.changeStatus(m, app, 'rejected', actor.id, reason);
        await this.notifier.cancelReminders(m, app.id);
        out.push(await this.notifier.application(m, 'application-rejected', app, trip, { reason }));
        break;
      case 'confirm': {
        const unmet = await this.gate.unmet(
          {
            userId: app.userId,
            organizationId: trip.organizationId,
            requirements: {
              backgroundCheck: trip.requiresBackgroundCheck,
              safeguardingTraining: trip.requiresSafeguardingTraining,
              codeOfConduct: trip.requiresCodeOfConduct,
            },
            startDate: trip.startDate,
            endDate: trip.endDate,
          },
          m,
        );
        if (unmet.length)
          throw new UnprocessableError(
            'The volunteer does not meet the trip requirements yet',
            unmet.map((u) => u.message),
            'REQUIREMENTS_UNMET',
          );
        await this.seats.changeStatus(m, app, 'confirmed', actor.id, reason);
        out.push(await this.notifier.application(m, 'application-confirmed', app, trip));
        out.push(...(await this.notifier.scheduleReminders(m, app, trip)));
        break;
      }
      case 'withdraw': {
        const seated = SEATED_STATUSES.includes(app.status);
        await this.seats.changeStatus(m, app, 'withdrawn', actor.id, reason);
        await this.notifier.cancelReminders(m, app.id);
        out.push(
          await this.notifier.application(m, 'application-withdrawn', app, trip, { reason }),
        );
        if (seated) {
          await this.seats.freeSeat(m, trip);
          out.push(...(await this.seats.promoteWaitlisted(m, trip)));
        }
        break;
      }
    }
    return out;
  }

  /** One application with its trip and status history (the guard has decided who may see it). */
  async get(id: string, viewer: ApplicationViewer): Promise<ApplicationDetailView> {
    const [row] = (await this.ds.query(
      `SELECT ${APPLICATION_VIEW_COLUMNS}, t.private_location ${APPLICATION_VIEW_FROM} WHERE a.id = $1`,
      [id],
    )) as ApplicationRow[];
    if (!row) throw new NotFoundError('Application');
    const history = (await this.ds.query(
      `SELECT e.from_status, e.to_status, e.at, e.by_user_id, u.name AS by_name, e.reason
         FROM trip_application_events e LEFT JOIN users u ON u.id = e.by_user_id
        WHERE e.application_id = $1
        ORDER BY e.at, e.id`,
      [id],
    )) as {
      from_status: string | null;
      to_status: string;
      at: Date;
      by_user_id: string | null;
      by_name: string | null;
      reason: string | null;
    }[];
    const showLocation =
      viewer.canCoordinate || (row.user_id === viewer.userId && row.status === 'confirmed');
    return {
      ...toApplicationView(row, showLocation),
      history: history.map((h): HistoryEntryView => ({
        from: h.from_status,
        to: h.to_status,
        at: h.at,
        by: h.by_user_id,
        byName: h.by_name,
        reason: h.reason,
      })),
    };
  }

  /** A trip's applications for its coordinators, oldest first (the review queue order). */
  async listForTrip(
    tripId: string,
    query: ListTripApplicationsQueryDto,
  ): Promise<Page<ApplicationView>> {
    const params: unknown[] = [tripId];
    const where = ['a.trip_id = $1'];
    if (query.status) {
      params.push(query.status);
      where.push(`a.status = $${params.length}`);
    }
    const after = decodeApplicationCursor(query.cursor);
    if (after) {
      params.push(after[0], after[1]);
      where.push(
        `(a.created_at, a.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(query.limit + 1);
    const rows = (await this.ds.query(
      `SELECT ${APPLICATION_VIEW_COLUMNS} ${APPLICATION_VIEW_FROM}
        WHERE ${where.join(' AND ')}
        ORDER BY a.created_at, a.id LIMIT $${params.length}`,
      params,
    )) as ApplicationRow[];
    return toPage(
      rows,
      query.limit,
      (r) => [r.cursor_at, r.id],
      (r) => toApplicationView(r),
    );
  }

  /** The caller's own applications, newest first. */
  async listMine(userId: string, query: PageQueryDto): Promise<Page<ApplicationView>> {
    const params: unknown[] = [userId];
    const where = ['a.user_id = $1'];
    const before = decodeApplicationCursor(query.cursor);
    if (before) {
      params.push(before[0], before[1]);
      where.push(`(a.created_at, a.id) < ($2::timestamptz, $3::uuid)`);
    }
    params.push(query.limit + 1);
    const rows = (await this.ds.query(
      `SELECT ${APPLICATION_VIEW_COLUMNS}, t.private_location ${APPLICATION_VIEW_FROM}
        WHERE ${where.join(' AND ')}
        ORDER BY a.created_at DESC, a.id DESC LIMIT $${params.length}`,
      params,
    )) as ApplicationRow[];
    return toPage(
      rows,
      query.limit,
      (r) => [r.cursor_at, r.id],
      (r) => toApplicationView(r, r.status === 'confirmed'),
    );
  }

  /** The organisations the volunteer has an active application with (for safeguarding's access rule). */
  async activeOrganizationIds(volunteerId: string): Promise<string[]> {
    const rows = (await this.ds.query(
      `SELECT DISTINCT t.organization_id FROM trip_applications a JOIN trips t ON t.id = a.trip_id
        WHERE a.user_id = $1 AND a.status IN ${ACTIVE_STATUSES_SQL}`,
      [volunteerId],
    )) as { organization_id: string }[];
    return rows.map((r) => r.organization_id);
  }

  private newApplicationView(
    app: TripApplication,
    trip: LockedTrip,
    user: AuthUser,
    applicant: Applicant,
  ): ApplicationDetailView {
    return {
      id: app.id,
      tripId: trip.id,
      trip: {
        id: trip.id,
        title: trip.title,
        startDate: trip.startDate,
        endDate: trip.endDate,
        city: trip.city,
        country: trip.country,
        status: trip.status,
        admission: trip.admission,
        organization: { id: trip.organizationId, name: trip.organizationName },
      },
      volunteer: { id: user.id, name: applicant.name, email: applicant.email },
      status: app.status,
      motivation: app.motivation,
      createdAt: app.createdAt,
      updatedAt: app.updatedAt,
      history: [
        {
          from: null,
          to: app.status,
          at: app.createdAt,
          by: user.id,
          byName: applicant.name,
          reason: null,
        },
      ],
    };
  }
}

function alreadyApplied(): ConflictError {
  return new ConflictError(
    'You already have an active application to this trip',
    'ALREADY_APPLIED',
  );
}
