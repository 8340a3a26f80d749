import { defineTemplate } from './email-template';
import { needDetails, placementUrl, readPlacementMessage } from './internship-data';

/** To the intern: a matching run proposed them for a need; accept or decline. */
export const placementOffered = defineTemplate({
  name: 'placement-offered',
  parse: readPlacementMessage,
  content: {
    en: ({ need, placementId }, ctx) => ({
      subject: `Internship offer: ${need.title}`,
      paragraphs: [
        `${need.organizationName} would like you to serve as ${need.title}. Your skills and availability are a good fit.`,
        'Please accept or decline the offer (POST /placements/:id/accept or /decline). If you accept, your place is confirmed once the safeguarding requirements are met.',
      ],
      details: needDetails(need, 'en'),
      action: { label: 'See the offer', url: placementUrl(ctx.publicUrl, placementId) },
    }),
    es: ({ need, placementId }, ctx) => ({
      subject: `Oferta de pasantía: ${need.title}`,
      paragraphs: [
        `${need.organizationName} quiere que sirvas como ${need.title}. Tus habilidades y tu disponibilidad encajan bien.`,
        'Acepta o rechaza la oferta (POST /placements/:id/accept o /decline). Si aceptas, tu lugar se confirma cuando se cumplan los requisitos de protección infantil.',
      ],
      details: needDetails(need, 'es'),
      action: { label: 'Ver la oferta', url: placementUrl(ctx.publicUrl, placementId) },
    }),
  },
});
