import { defineTemplate } from './email-template';
import { needDetails, readPlacementMessage } from './internship-data';
import { reasonLine } from './trip-data';

/** To the intern: the offer or placement was withdrawn (e.g. the need was closed). */
export const placementWithdrawn = defineTemplate({
  name: 'placement-withdrawn',
  parse: readPlacementMessage,
  content: {
    en: ({ need, reason }) => ({
      subject: `Internship offer withdrawn: ${need.title}`,
      paragraphs: [
        `${need.organizationName} has withdrawn the offer for ${need.title}. Your internship application stays open to other organisations.`,
        ...reasonLine(reason, 'en'),
      ],
      details: needDetails(need, 'en'),
    }),
    es: ({ need, reason }) => ({
      subject: `Oferta de pasantía retirada: ${need.title}`,
      paragraphs: [
        `${need.organizationName} retiró la oferta para ${need.title}. Tu solicitud de pasantía sigue abierta para otras organizaciones.`,
        ...reasonLine(reason, 'es'),
      ],
      details: needDetails(need, 'es'),
    }),
  },
});
