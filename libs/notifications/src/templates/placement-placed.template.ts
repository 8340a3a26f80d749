import { defineTemplate } from './email-template';
import { needDetails, placementUrl, readPlacementMessage } from './internship-data';

/** To the intern: placed (on accepting, or once the requirements were met). */
export const placementPlaced = defineTemplate({
  name: 'placement-placed',
  parse: readPlacementMessage,
  content: {
    en: ({ need, placementId }, ctx) => ({
      subject: `You're placed: ${need.title}`,
      paragraphs: [
        `Your internship with ${need.organizationName} is confirmed. The coordinators will be in touch about arrival; the exact address is on your placement.`,
      ],
      details: needDetails(need, 'en'),
      action: { label: 'See your placement', url: placementUrl(ctx.publicUrl, placementId) },
    }),
    es: ({ need, placementId }, ctx) => ({
      subject: `Pasantía confirmada: ${need.title}`,
      paragraphs: [
        `Tu pasantía con ${need.organizationName} está confirmada. Los coordinadores te escribirán sobre la llegada; la dirección exacta está en tu pasantía.`,
      ],
      details: needDetails(need, 'es'),
      action: { label: 'Ver tu pasantía', url: placementUrl(ctx.publicUrl, placementId) },
    }),
  },
});
