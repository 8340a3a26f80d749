import { DataReader } from './data-reader';
import { defineTemplate } from './email-template';
import { CheckData, readCheck } from './safeguarding-data';

/** To the volunteer: the check has expired. */
export const backgroundCheckExpired = defineTemplate<CheckData & { safeguardingUrl: string }>({
  name: 'background-check.expired',
  parse: (data) => {
    const r = new DataReader(data);
    return { ...readCheck(r), safeguardingUrl: r.url('safeguardingUrl') };
  },
  content: {
    en: ({ safeguardingUrl }) => ({
      subject: 'Your background check has expired',
      paragraphs: [
        'Your background check has expired. A new one is needed before you can be confirmed on a trip or placement with children; a coordinator of an organisation you apply to can request it.',
      ],
      action: { label: 'See your requirements', url: safeguardingUrl },
    }),
    es: ({ safeguardingUrl }) => ({
      subject: 'Tu verificación de antecedentes ha vencido',
      paragraphs: [
        'Tu verificación de antecedentes ha vencido. Necesitas una nueva para que confirmen tu participación en un viaje o pasantía con niños; un coordinador de la organización a la que postules puede solicitarla.',
      ],
      action: { label: 'Ver tus requisitos', url: safeguardingUrl },
    }),
  },
});
