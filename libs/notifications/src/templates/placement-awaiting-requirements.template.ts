import { defineTemplate } from './email-template';
import { needDetails, placementUrl, readPlacementMessage } from './internship-data';

/** To the intern: accepted, but safeguarding requirements are still missing (listed). */
export const placementAwaitingRequirements = defineTemplate({
  name: 'placement-awaiting-requirements',
  parse: readPlacementMessage,
  content: {
    en: ({ need, placementId, missing }, ctx) => ({
      subject: `Almost there: ${need.title}`,
      paragraphs: [
        `Thank you for accepting ${need.title}. Because interns live and work beside the children, your place is confirmed once these are in order:`,
      ],
      list: missing,
      details: needDetails(need, 'en'),
      action: { label: 'Follow your placement', url: placementUrl(ctx.publicUrl, placementId) },
      footnotes: ['If a background check is needed, you will receive a separate email about it.'],
    }),
    es: ({ need, placementId, missing }, ctx) => ({
      subject: `Falta poco: ${need.title}`,
      paragraphs: [
        `Gracias por aceptar ${need.title}. Como los pasantes viven y trabajan junto a los niños, tu lugar se confirma cuando esto esté en regla:`,
      ],
      list: missing,
      details: needDetails(need, 'es'),
      action: { label: 'Seguir tu pasantía', url: placementUrl(ctx.publicUrl, placementId) },
      footnotes: ['Si hace falta una verificación de antecedentes, recibirás un correo aparte.'],
    }),
  },
});
