import { DataReader } from './data-reader';
import { defineTemplate, type Locale } from './email-template';
import { formatDate } from './format';
import { readTrip, tripCalendarEvent, tripDetails, type TripData } from './trip-data';

const DAYS = [30, 7, 1] as const;
type DaysBefore = (typeof DAYS)[number];

interface DepartureData {
  trip: TripData;
  daysBefore: DaysBefore;
}

const ADVICE: Record<Locale, Record<DaysBefore, string>> = {
  en: {
    30: 'A month to go: a good time to check your passport, travel plans and vaccinations.',
    7: 'One week to go: check your documents and pack what the coordinators asked you to bring.',
    1: 'Safe travels! Keep your documents and your emergency contact at hand.',
  },
  es: {
    30: 'Falta un mes: buen momento para revisar tu pasaporte, tu viaje y tus vacunas.',
    7: 'Falta una semana: revisa tus documentos y prepara lo que pidieron los coordinadores.',
    1: '¡Buen viaje! Ten a mano tus documentos y tu contacto de emergencia.',
  },
};

export const reminderDeparture = defineTemplate<DepartureData>({
  name: 'reminder-departure',
  parse: (data) => {
    const r = new DataReader(data);
    return { trip: readTrip(r), daysBefore: r.oneOf('daysBefore', DAYS) };
  },
  content: {
    en: ({ trip, daysBefore }) => ({
      subject:
        daysBefore === 1 ? `Tomorrow: ${trip.title}` : `${trip.title} starts in ${daysBefore} days`,
      paragraphs: [
        `${trip.title} starts on ${formatDate(trip.startDate, 'en')}.`,
        ADVICE.en[daysBefore],
      ],
      details: tripDetails(trip, 'en'),
    }),
    es: ({ trip, daysBefore }) => ({
      subject:
        daysBefore === 1 ? `Mañana: ${trip.title}` : `${trip.title} empieza en ${daysBefore} días`,
      paragraphs: [
        `${trip.title} empieza el ${formatDate(trip.startDate, 'es')}.`,
        ADVICE.es[daysBefore],
      ],
      details: tripDetails(trip, 'es'),
    }),
  },
  calendar: ({ trip }, ctx) => tripCalendarEvent(trip, ctx.locale),
});
