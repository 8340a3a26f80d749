import { defineTemplate } from './email-template';
import { readTripMessage, tripDetails } from './trip-data';

export const applicationReceived = defineTemplate({
  name: 'application-received',
  parse: readTripMessage,
  content: {
    en: ({ trip }) => ({
      subject: `We received your application: ${trip.title}`,
      paragraphs: [
        `Thank you for applying to ${trip.title} with ${trip.organizationName}. The coordinators will review your application, and we will email you as soon as they decide.`,
      ],
      details: tripDetails(trip, 'en'),
    }),
    es: ({ trip }) => ({
      subject: `Recibimos tu solicitud: ${trip.title}`,
      paragraphs: [
        `Gracias por postularte a ${trip.title} con ${trip.organizationName}. Los coordinadores revisarán tu solicitud y te escribiremos en cuanto decidan.`,
      ],
      details: tripDetails(trip, 'es'),
    }),
  },
});
