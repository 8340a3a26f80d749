import { defineTemplate } from './email-template';
import { needDetails, placementUrl, readPlacementMessage } from './internship-data';

/** To each coordinator: the intern accepted; placed, or awaiting what is listed. */
export const placementAccepted = defineTemplate({
  name: 'placement-accepted',
  parse: readPlacementMessage,
  content: {
    en: ({ need, placementId, internName, missing }, ctx) => ({
      subject: `${internName ?? 'An intern'} accepted: ${need.title}`,
      paragraphs: [
        missing.length
          ? `${internName ?? 'The intern'} accepted the offer for ${need.title}. The placement is confirmed once these are in order:`
          : `${internName ?? 'The intern'} accepted the offer for ${need.title} and is placed.`,
      ],
      list: missing,
      details: needDetails(need, 'en'),
      action: { label: 'See the placement', url: placementUrl(ctx.publicUrl, placementId) },
    }),
    es: ({ need, placementId, internName, missing }, ctx) => ({
      subject: `${internName ?? 'Un pasante'} aceptó: ${need.title}`,
      paragraphs: [
        missing.length
          ? `${internName ?? 'El pasante'} aceptó la oferta para ${need.title}. La pasantía se confirma cuando esto esté en regla:`
          : `${internName ?? 'El pasante'} aceptó la oferta para ${need.title} y quedó confirmado.`,
      ],
      list: missing,
      details: needDetails(need, 'es'),
      action: { label: 'Ver la pasantía', url: placementUrl(ctx.publicUrl, placementId) },
    }),
  },
});
