import { DataReader } from './data-reader';
import { defineTemplate } from './email-template';
import { formatDate } from './format';
import { CheckData, readCheck } from './safeguarding-data';

/** To coordinators of organisations the volunteer is linked to: their check expires in 30 days. */
export const backgroundCheckExpiringCoordinator = defineTemplate<
  CheckData & { volunteerName: string; expiresAt: string }
>({
  name: 'background-check.expiring-coordinator',
  parse: (data) => {
    const r = new DataReader(data);
    return {
      ...readCheck(r),
      volunteerName: r.string('volunteerName'),
      expiresAt: r.date('expiresAt'),
    };
  },
  content: {
    en: ({ volunteerName, expiresAt, checkUrl }) => ({
      subject: `${volunteerName}'s background check expires on ${formatDate(expiresAt, 'en')}`,
      paragraphs: [
        `The background check of ${volunteerName} expires on ${formatDate(expiresAt, 'en')}. A trip or placement ending after that date cannot be confirmed without a new one; you can request it now.`,
      ],
      action: { label: 'See the check', url: checkUrl },
    }),
    es: ({ volunteerName, expiresAt, checkUrl }) => ({
      subject: `La verificación de ${volunteerName} vence el ${formatDate(expiresAt, 'es')}`,
      paragraphs: [
        `La verificación de antecedentes de ${volunteerName} vence el ${formatDate(expiresAt, 'es')}. Un viaje o pasantía que termine después no se puede confirmar sin una nueva; puedes solicitarla ahora.`,
      ],
      action: { label: 'Ver la verificación', url: checkUrl },
    }),
  },
});
