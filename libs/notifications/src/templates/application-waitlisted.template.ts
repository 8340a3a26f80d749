import { defineTemplate } from './email-template';
import { readTripMessage, reasonLine, tripDetails } from './trip-data';

export const applicationWaitlisted = defineTemplate({
  name: 'application-waitlisted',
  parse: readTripMessage,
  content: {
    en: ({ trip, reason }) => ({
      subject: `You're on the waitlist: ${trip.title}`,
      paragraphs: [
        `Your application for ${trip.title} is on the waitlist. When a seat opens, the oldest application on the waitlist is accepted first, and we will email you at once.`,
        ...reasonLine(reason, 'en'),
      ],
      details: tripDetails(trip, 'en'),
    }),
    es: ({ trip, reason }) => ({
      subject: `Estás en lista de espera: ${trip.title}`,
      paragraphs: [
        `Tu solicitud para ${trip.title} quedó en lista de espera. Cuando se libere una plaza, se acepta primero la solicitud más antigua de la lista, y te escribiremos enseguida.`,
        ...reasonLine(reason, 'es'),
      ],
      details: tripDetails(trip, 'es'),
    }),
  },
});
