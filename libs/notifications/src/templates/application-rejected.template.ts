import { defineTemplate } from './email-template';
import { readTripMessage, reasonLine, tripDetails } from './trip-data';

export const applicationRejected = defineTemplate({
  name: 'application-rejected',
  parse: readTripMessage,
  content: {
    en: ({ trip, reason }) => ({
      subject: `Your application for ${trip.title}`,
      paragraphs: [
        `Thank you for your interest in ${trip.title}. ${trip.organizationName} is not able to offer you a place on this trip.`,
        ...reasonLine(reason, 'en'),
        'We hope to see you on another trip.',
      ],
      details: tripDetails(trip, 'en'),
    }),
    es: ({ trip, reason }) => ({
      subject: `Tu solicitud para ${trip.title}`,
      paragraphs: [
        `Gracias por tu interés en ${trip.title}. ${trip.organizationName} no puede ofrecerte una plaza en este viaje.`,
        ...reasonLine(reason, 'es'),
        'Esperamos verte en otro viaje.',
      ],
      details: tripDetails(trip, 'es'),
    }),
  },
});
