import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { CalendarEventSpec } from './email-template';
import { nextDay } from './format';

const EPOCH_2020 = Date.UTC(2020, 0, 1);

/**
 * An iCalendar file with one all-day event. DTEND is exclusive (the day after the last day), as
 * RFC 5545 says for DATE values. SEQUENCE grows with time, so a later email's copy of the same UID
 * (e.g. after the dates changed) wins in calendar apps.
 */
export function buildIcs(event: CalendarEventSpec, now: Date): string {
  // ical-generator takes ~0.25 ms per file, and a trip's emails go out in bursts (a cancellation,
  // the day's reminders): the same event within the same minute is the same file.
  const minute = Math.floor(now.getTime() / 60_000);
  const key = `${minute}|${JSON.stringify(event)}`;
  let ics = cache.get(key);
  if (ics === undefined) {
    if (cache.size >= 1000) cache.clear();
    cache.set(key, (ics = generate(event, new Date(minute * 60_000))));
  }
  return ics;
}

const cache = new Map<string, string>();

function generate(event: CalendarEventSpec, now: Date): string {
  const calendar = ical({
    prodId: { company: 'Puente', product: 'Puente trips', language: 'EN' },
    method: event.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
  });
  calendar.createEvent({
    id: event.uid,
    sequence: Math.max(0, Math.floor((now.getTime() - EPOCH_2020) / 60_000)),
    stamp: now,
    start: new Date(`${event.startDate}T00:00:00Z`),
    end: new Date(`${nextDay(event.endDate)}T00:00:00Z`),
    allDay: true,
    summary: event.summary,
    location: event.location ?? null,
    description: event.description ?? null,
    status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
