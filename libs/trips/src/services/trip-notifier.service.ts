import { Injectable } from '@nestjs/common';
import { EnqueuedMessage, OutboxService } from '@puente/notifications';
import type { EntityManager } from 'typeorm';
import { instantAt } from '../domain/calendar';
import type { ApplicationStatus } from '../entities/trip-application.entity';
import type { Trip } from '../entities/trip.entity';

/** The trip as emails describe it: never the private location. */
export interface TripEmailData {
  id: string;
  title: string;
  startDate: string;
  endDate: string;
  city: string;
  country: string;
  organizationName: string;
}

export type TripForEmail = Pick<
  Trip,
  'id' | 'title' | 'startDate' | 'endDate' | 'city' | 'country' | 'datesVersion'
> & { organizationName: string };

export interface ApplicationForEmail {
  id: string;
  userId: string;
  status: ApplicationStatus;
}

export type Outgoing = (EnqueuedMessage | null)[];

/** Reminders go out at 09:00 UTC on their day. */
const REMINDER_HOUR_UTC = 9;
export const DEPARTURE_REMINDER_DAYS = [30, 7, 1] as const;
export const REQUIREMENTS_REMINDER_DAYS = 21;
export const SURVEY_DAYS_AFTER_END = 3;

export type ApplicationTemplate =
  | 'application-received'
  | 'application-accepted'
  | 'application-waitlisted'
  | 'application-promoted'
  | 'application-rejected'
  | 'application-confirmed'
  | 'application-withdrawn'
  | 'trip-cancelled'
  | 'trip-dates-changed';

export function tripEmailData(trip: TripForEmail): TripEmailData {
  return {
    id: trip.id,
    title: trip.title,
    startDate: trip.startDate,
    endDate: trip.endDate,
    city: trip.city,
    country: trip.country,
    organizationName: trip.organizationName,
  };
}

const reminderPrefix = (applicationId: string) => `application:${applicationId}:reminder:`;

/**
 * Chooses the template, data and dedupe key of every trip email and writes it to the outbox in
 * the caller's transaction. Callers collect the answers and dispatch them after commit.
 */
@Injectable()
export class TripNotifier {
  constructor(private readonly outbox: OutboxService) {}

  /**
   * A status email. The key is the application and the event (`application:<id>:accepted`),
   * plus `keySuffix` for events that can happen more than once (the dates changing).
   */
  application(
    manager: EntityManager,
    template: ApplicationTemplate,
    app: ApplicationForEmail,
    trip: TripForEmail,
    extra: { reason?: string | null; previous?: { startDate: string; endDate: string } } = {},
    keySuffix = '',
  ): Promise<EnqueuedMessage | null> {
    const event = template.replace(/^application-/, '');
    return this.outbox.enqueue(manager, {
      dedupeKey: `application:${app.id}:${event}${keySuffix}`,
      template,
      userId: app.userId,
      data: {
        trip: tripEmailData(trip),
        application: { id: app.id, status: app.status },
        ...(extra.reason ? { reason: extra.reason } : {}),
        ...(extra.previous ? { previous: extra.previous } : {}),
      },
    });
  }

  /**
   * Departure (30, 7, 1 days before), requirements (21 days before) and survey (3 days after)
   * reminders. The dates version is in the key, so new dates get new rows; one whose time has
   * passed is not written (never sent late). Scheduling twice for the same dates is a no-op.
   */
  async scheduleReminders(
    manager: EntityManager,
    app: ApplicationForEmail,
    trip: TripForEmail,
  ): Promise<Outgoing> {
    const prefix = reminderPrefix(app.id);
    const version = `:v${trip.datesVersion}`;
    const data = { trip: tripEmailData(trip), application: { id: app.id, status: app.status } };
    const out: Outgoing = [];
    for (const days of DEPARTURE_REMINDER_DAYS) {
      out.push(
        await this.outbox.enqueue(manager, {
          dedupeKey: `${prefix}departure-${days}d${version}`,
          template: 'reminder-departure',
          userId: app.userId,
          data: { ...data, daysBefore: days },
          sendAt: instantAt(trip.startDate, -days, REMINDER_HOUR_UTC),
          skipIfPast: true,
        }),
      );
    }
    out.push(
      await this.outbox.enqueue(manager, {
        dedupeKey: `${prefix}requirements-${REQUIREMENTS_REMINDER_DAYS}d${version}`,
        template: 'reminder-requirements',
        userId: app.userId,
        data,
        sendAt: instantAt(trip.startDate, -REQUIREMENTS_REMINDER_DAYS, REMINDER_HOUR_UTC),
        skipIfPast: true,
      }),
    );
    out.push(
      await this.outbox.enqueue(manager, {
        dedupeKey: `${prefix}survey${version}`,
        template: 'survey-post-trip',
        userId: app.userId,
        data,
        sendAt: instantAt(trip.endDate, SURVEY_DAYS_AFTER_END, REMINDER_HOUR_UTC),
        skipIfPast: true,
      }),
    );
    return out;
  }

  /** Withdrawal, rejection, trip cancellation and new dates: no pending reminder of the application survives. */
  cancelReminders(manager: EntityManager, applicationId: string): Promise<number> {
    return this.outbox.cancelPending(manager, reminderPrefix(applicationId));
  }
}
