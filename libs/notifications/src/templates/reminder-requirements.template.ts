import { DataReader } from './data-reader';
import { defineTemplate, type Locale } from './email-template';
import { formatDate } from './format';
import { readTrip, tripDetails, type TripData } from './trip-data';

interface RequirementsData {
  trip: TripData;
  missing: string[];
}

/** Words for the codes other libs put in data.missing; anything else is shown as given. */
const REQUIREMENTS: Record<Locale, Record<string, string>> = {
  en: {
    profile: 'complete your profile',
    dateOfBirth: 'your date of birth (profile)',
    phone: 'your phone number (profile)',
    country: 'your country (profile)',
    emergencyContact: 'an emergency contact (profile)',
    passportExpiresOn: "your passport's expiry date (profile)",
    background_check: 'a clear background check valid through the end of the trip',
    safeguarding_training: 'child-protection training',
    code_of_conduct: "the organisation's code of conduct",
    guardian_consent: "a parent or guardian's consent",
  },
  es: {
    profile: 'completar tu perfil',
    dateOfBirth: 'tu fecha de nacimiento (perfil)',
    phone: 'tu número de teléfono (perfil)',
    country: 'tu país (perfil)',
    emergencyContact: 'un contacto de emergencia (perfil)',
    passportExpiresOn: 'la fecha de vencimiento de tu pasaporte (perfil)',
    background_check: 'una verificación de antecedentes favorable y vigente hasta el fin del viaje',
    safeguarding_training: 'la capacitación en protección infantil',
    code_of_conduct: 'el código de conducta de la organización',
    guardian_consent: 'el consentimiento de tu madre, padre o tutor',
  },
};

const label = (code: string, locale: Locale) => REQUIREMENTS[locale][code] ?? code;

export const reminderRequirements = defineTemplate<RequirementsData>({
  name: 'reminder-requirements',
  parse: (data) => {
    const r = new DataReader(data);
    return { trip: readTrip(r), missing: r.stringArray('missing') };
  },
  skip: ({ missing }) => (missing.length ? null : 'nothing is outstanding any more'),
  content: {
    en: ({ trip, missing }) => ({
      subject: `Still to do before ${trip.title}`,
      paragraphs: [
        `${trip.title} starts on ${formatDate(trip.startDate, 'en')}. Before you can travel, please complete:`,
      ],
      list: missing.map((m) => label(m, 'en')),
      details: tripDetails(trip, 'en'),
      footnotes: ['If you have done these already, you can ignore this email.'],
    }),
    es: ({ trip, missing }) => ({
      subject: `Pendiente antes de ${trip.title}`,
      paragraphs: [
        `${trip.title} empieza el ${formatDate(trip.startDate, 'es')}. Antes de viajar, completa lo siguiente:`,
      ],
      list: missing.map((m) => label(m, 'es')),
      details: tripDetails(trip, 'es'),
      footnotes: ['Si ya lo hiciste, puedes ignorar este correo.'],
    }),
  },
});
