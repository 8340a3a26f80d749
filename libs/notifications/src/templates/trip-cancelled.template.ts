import { defineTemplate } from './email-template';
import { readTripMessage, reasonLine, tripDetails } from './trip-data';

export const tripCancelled = defineTemplate({
  name: 'trip-cancelled',
  parse: readTripMessage,
  content: {
    en: ({ trip, reason }) => ({
      subject: `Trip cancelled: ${trip.title}`,
      paragraphs: [
        `We are sorry: ${trip.organizationName} has cancelled ${trip.title}. Your application is closed and its reminders are cancelled.`,
        ...reasonLine(reason, 'en'),
      ],
      details: tripDetails(trip, 'en'),
    }),
    es: ({ trip, reason }) => ({
      subject: `Viaje cancelado: ${trip.title}`,
      paragraphs: [
        `Lo sentimos: ${trip.organizationName} canceló ${trip.title}. Tu solicitud queda cerrada y se cancelaron sus recordatorios.`,
        ...reasonLine(reason, 'es'),
      ],
      details: tripDetails(trip, 'es'),
    }),
  },
});
