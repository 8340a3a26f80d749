import { defineTemplate } from './email-template';
import { readTripMessage, tripCalendarEvent, tripDetails } from './trip-data';

export const applicationPromoted = defineTemplate({
  name: 'application-promoted',
  parse: readTripMessage,
  content: {
    en: ({ trip }) => ({
      subject: `A seat opened up: you're accepted for ${trip.title}`,
      paragraphs: [
        `A seat opened up on ${trip.title}, and your application has moved from the waitlist to accepted.`,
        'The coordinators confirm your place once every requirement of the trip is met. The attached calendar file adds the trip to your calendar.',
      ],
      details: tripDetails(trip, 'en'),
    }),
    es: ({ trip }) => ({
      subject: `Se liberó una plaza: te aceptaron en ${trip.title}`,
      paragraphs: [
        `Se liberó una plaza en ${trip.title} y tu solicitud pasó de la lista de espera a aceptada.`,
        'Los coordinadores confirmarán tu lugar cuando se cumplan todos los requisitos del viaje. El archivo de calendario adjunto añade el viaje a tu calendario.',
      ],
      details: tripDetails(trip, 'es'),
    }),
  },
  calendar: ({ trip }, ctx) => tripCalendarEvent(trip, ctx.locale),
});
