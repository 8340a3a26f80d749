import { defineTemplate } from './email-template';
import { readTripMessage, reasonLine, tripDetails } from './trip-data';

export const applicationWithdrawn = defineTemplate({
  name: 'application-withdrawn',
  parse: readTripMessage,
  content: {
    en: ({ trip, reason }) => ({
      subject: `Withdrawal received: ${trip.title}`,
      paragraphs: [
        `Your application for ${trip.title} has been withdrawn, and its reminders are cancelled.`,
        ...reasonLine(reason, 'en'),
      ],
      details: tripDetails(trip, 'en'),
    }),
    es: ({ trip, reason }) => ({
      subject: `Retiro confirmado: ${trip.title}`,
      paragraphs: [
        `Tu solicitud para ${trip.title} fue retirada y se cancelaron sus recordatorios.`,
        ...reasonLine(reason, 'es'),
      ],
      details: tripDetails(trip, 'es'),
    }),
  },
});
