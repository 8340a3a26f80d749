import { DataReader } from './data-reader';
import { defineTemplate } from './email-template';
import { formatDateRange } from './format';
import { readTrip, tripCalendarEvent, tripDetails, type TripData } from './trip-data';

interface DatesChangedData {
  trip: TripData;
  previous: { startDate: string; endDate: string };
}

export const tripDatesChanged = defineTemplate<DatesChangedData>({
  name: 'trip-dates-changed',
  parse: (data) => {
    const r = new DataReader(data);
    return {
      trip: readTrip(r),
      previous: { startDate: r.date('previous.startDate'), endDate: r.date('previous.endDate') },
    };
  },
  content: {
    en: ({ trip, previous }) => ({
      subject: `New dates for ${trip.title}`,
      paragraphs: [
        `The dates of ${trip.title} have changed: it was ${formatDateRange(previous.startDate, previous.endDate, 'en')}, and is now ${formatDateRange(trip.startDate, trip.endDate, 'en')}.`,
        'Your reminders have moved with it. The attached calendar file updates the trip in your calendar.',
      ],
      details: tripDetails(trip, 'en'),
    }),
    es: ({ trip, previous }) => ({
      subject: `Nuevas fechas para ${trip.title}`,
      paragraphs: [
        `Las fechas de ${trip.title} cambiaron: eran ${formatDateRange(previous.startDate, previous.endDate, 'es')} y ahora son ${formatDateRange(trip.startDate, trip.endDate, 'es')}.`,
        'Tus recordatorios se movieron con ellas. El archivo de calendario adjunto actualiza el viaje en tu calendario.',
      ],
      details: tripDetails(trip, 'es'),
    }),
  },
  calendar: ({ trip }, ctx) => tripCalendarEvent(trip, ctx.locale),
});
