import { DataReader } from './data-reader';
import { defineTemplate } from './email-template';
import { formatDate } from './format';
import { CheckData, readCheck } from './safeguarding-data';

/** To the volunteer, 30 days before expiry: how to renew. */
export const backgroundCheckExpiringSoon = defineTemplate<
  CheckData & { expiresAt: string; safeguardingUrl: string }
>({
  name: 'background-check.expiring-soon',
  parse: (data) => {
    const r = new DataReader(data);
    return {
      ...readCheck(r),
      expiresAt: r.date('expiresAt'),
      safeguardingUrl: r.url('safeguardingUrl'),
    };
  },
  content: {
    en: ({ expiresAt, safeguardingUrl }) => ({
      subject: 'Your background check expires soon',
      paragraphs: [
        `Your background check is valid until ${formatDate(expiresAt, 'en')}.`,
        'To renew it, ask a coordinator of an organisation you serve with to request a new check; one is also requested when an application of yours to a trip that needs it is accepted.',
      ],
      action: { label: 'See your requirements', url: safeguardingUrl },
    }),
    es: ({ expiresAt, safeguardingUrl }) => ({
      subject: 'Tu verificación de antecedentes vence pronto',
      paragraphs: [
        `Tu verificación de antecedentes es válida hasta el ${formatDate(expiresAt, 'es')}.`,
        'Para renovarla, pide a un coordinador de una organización con la que sirves que solicite una nueva; también se solicita cuando se acepta tu solicitud a un viaje que la requiere.',
      ],
      action: { label: 'Ver tus requisitos', url: safeguardingUrl },
    }),
  },
});
