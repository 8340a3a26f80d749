import { defineTemplate } from './email-template';
import { readTripMessage, tripCalendarEvent, tripDetails } from './trip-data';

export const applicationConfirmed = defineTemplate({
  name: 'application-confirmed',
  parse: readTripMessage,
  content: {
    en: ({ trip }) => ({
      subject: `You're confirmed: ${trip.title}`,
      paragraphs: [
        `Your place on ${trip.title} is confirmed: every requirement is met. See you there!`,
        'The coordinators share the meeting point with confirmed participants. The attached calendar file adds the trip to your calendar.',
      ],
      details: tripDetails(trip, 'en'),
    }),
    es: ({ trip }) => ({
      subject: `Tu plaza está confirmada: ${trip.title}`,
      paragraphs: [
        `Tu plaza en ${trip.title} está confirmada: cumples todos los requisitos. ¡Nos vemos allí!`,
        'Los coordinadores comparten el punto de encuentro con los participantes confirmados. El archivo de calendario adjunto añade el viaje a tu calendario.',
      ],
      details: tripDetails(trip, 'es'),
    }),
  },
  calendar: ({ trip }, ctx) => tripCalendarEvent(trip, ctx.locale),
});
