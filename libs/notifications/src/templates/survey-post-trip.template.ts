import { DataReader } from './data-reader';
import { defineTemplate } from './email-template';
import { readTrip, tripDetails, type TripData } from './trip-data';

interface SurveyData {
  trip: TripData;
  surveyUrl: string | null;
}

export const surveyPostTrip = defineTemplate<SurveyData>({
  name: 'survey-post-trip',
  optionalCategory: 'survey',
  parse: (data) => {
    const r = new DataReader(data);
    return { trip: readTrip(r), surveyUrl: r.optionalUrl('surveyUrl') };
  },
  content: {
    en: ({ trip, surveyUrl }) => ({
      subject: `How was ${trip.title}?`,
      paragraphs: [
        `Thank you for serving with ${trip.organizationName} on ${trip.title}.`,
        surveyUrl
          ? 'Would you tell us how it went? Your answers help the organisation prepare the next team.'
          : 'Would you tell us how it went? Just reply to this email: your answers help the organisation prepare the next team.',
      ],
      details: tripDetails(trip, 'en'),
      action: surveyUrl ? { label: 'Answer the survey', url: surveyUrl } : undefined,
    }),
    es: ({ trip, surveyUrl }) => ({
      subject: `¿Qué tal fue ${trip.title}?`,
      paragraphs: [
        `Gracias por servir con ${trip.organizationName} en ${trip.title}.`,
        surveyUrl
          ? '¿Nos cuentas cómo te fue? Tus respuestas ayudan a la organización a preparar al próximo equipo.'
          : '¿Nos cuentas cómo te fue? Responde a este correo: tus respuestas ayudan a la organización a preparar al próximo equipo.',
      ],
      details: tripDetails(trip, 'es'),
      action: surveyUrl ? { label: 'Responder la encuesta', url: surveyUrl } : undefined,
    }),
  },
});
