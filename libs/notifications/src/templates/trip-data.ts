import { DataReader } from './data-reader';
import {
  TemplateDataError,
  type CalendarEventSpec,
  type EmailContent,
  type Locale,
} from './email-template';
import { countryName, formatDateRange } from './format';

/** What every trip email carries in data.trip (the trips lib's contract). Never a private location. */
export interface TripData {
  id: string;
  title: string;
  startDate: string;
  endDate: string;
  city: string;
  country: string;
  organizationName: string;
}

export function readTrip(r: DataReader): TripData {
  const trip: TripData = {
    id: r.string('trip.id'),
    title: r.string('trip.title'),
    startDate: r.date('trip.startDate'),
    endDate: r.date('trip.endDate'),
    city: r.string('trip.city'),
    country: r.string('trip.country'),
    organizationName: r.string('trip.organizationName'),
  };
  if (trip.endDate < trip.startDate)
    throw new TemplateDataError('data.trip.endDate must not be before data.trip.startDate');
  return trip;
}

/** Data of the templates that only need the trip (and optionally a reason). */
export interface TripMessageData {
  trip: TripData;
  reason: string | null;
}

export function readTripMessage(data: Record<string, unknown>): TripMessageData {
  const r = new DataReader(data);
  return { trip: readTrip(r), reason: r.optionalString('reason') };
}

const LABELS: Record<Locale, { trip: string; dates: string; place: string; host: string }> = {
  en: { trip: 'Trip', dates: 'Dates', place: 'Place', host: 'Hosted by' },
  es: { trip: 'Viaje', dates: 'Fechas', place: 'Lugar', host: 'Organiza' },
};

export function place(trip: TripData, locale: Locale): string {
  return `${trip.city}, ${countryName(trip.country, locale)}`;
}

export function dates(trip: TripData, locale: Locale): string {
  return formatDateRange(trip.startDate, trip.endDate, locale);
}

/** The trip's name, dates and place, as every trip email shows them. */
export function tripDetails(trip: TripData, locale: Locale): EmailContent['details'] {
  const l = LABELS[locale];
  return [
    { label: l.trip, value: trip.title },
    { label: l.dates, value: dates(trip, locale) },
    { label: l.place, value: place(trip, locale) },
    { label: l.host, value: trip.organizationName },
  ];
}

/** The trip as an all-day calendar event; the UID is per trip so updates replace it. */
export function tripCalendarEvent(
  trip: TripData,
  locale: Locale,
  cancelled = false,
): CalendarEventSpec {
  return {
    uid: `trip-${trip.id}@puente`,
    summary: trip.title,
    startDate: trip.startDate,
    endDate: trip.endDate,
    location: place(trip, locale),
    description: trip.organizationName,
    cancelled,
  };
}

/** The reason line, when the coordinator gave one. */
export function reasonLine(reason: string | null, locale: Locale): string[] {
  if (!reason) return [];
  return [locale === 'es' ? `Motivo: ${reason}` : `Reason: ${reason}`];
}
