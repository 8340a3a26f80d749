import { defineTemplate } from './email-template';
import { needDetails, readPlacementMessage } from './internship-data';
import { reasonLine } from './trip-data';

/** To each coordinator: the intern declined (or withdrew); the slot is free for the next run. */
export const placementDeclined = defineTemplate({
  name: 'placement-declined',
  parse: readPlacementMessage,
  content: {
    en: ({ need, internName, reason }) => ({
      subject: `${internName ?? 'An intern'} declined: ${need.title}`,
      paragraphs: [
        `${internName ?? 'The intern'} declined the offer for ${need.title}. The slot is free again: the next matching run will propose someone else.`,
        ...reasonLine(reason, 'en'),
      ],
      details: needDetails(need, 'en'),
    }),
    es: ({ need, internName, reason }) => ({
      subject: `${internName ?? 'Un pasante'} rechazó: ${need.title}`,
      paragraphs: [
        `${internName ?? 'El pasante'} rechazó la oferta para ${need.title}. El lugar vuelve a estar libre: la próxima asignación propondrá a otra persona.`,
        ...reasonLine(reason, 'es'),
      ],
      details: needDetails(need, 'es'),
    }),
  },
});
