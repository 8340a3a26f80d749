import { defineTemplate } from './email-template';
import { readTripMessage, tripCalendarEvent, tripDetails } from './trip-data';

export const applicationAccepted = defineTemplate({
  name: 'application-accepted',
  parse: readTripMessage,
  content: {
    en: ({ trip }) => ({
      subject: `You're accepted: ${trip.title}`,
      paragraphs: [
        `Good news: ${trip.organizationName} has accepted your application for ${trip.title}, and your seat is held.`,
        'The coordinators confirm your place once every requirement of the trip is met (such as a background check). The attached calendar file adds the trip to your calendar.',
      ],
      details: tripDetails(trip, 'en'),
    }),
    es: ({ trip }) => ({
      subject: `Aceptaron tu solicitud: ${trip.title}`,
      paragraphs: [
        `Buenas noticias: ${trip.organizationName} aceptó tu solicitud para ${trip.title} y tu plaza está reservada.`,
        'Los coordinadores confirmarán tu lugar cuando se cumplan todos los requisitos del viaje (por ejemplo, la verificación de antecedentes). El archivo de calendario adjunto añade el viaje a tu calendario.',
      ],
      details: tripDetails(trip, 'es'),
    }),
  },
  calendar: ({ trip }, ctx) => tripCalendarEvent(trip, ctx.locale),
});
