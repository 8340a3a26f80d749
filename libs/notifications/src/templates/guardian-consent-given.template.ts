import { DataReader } from './data-reader';
import { defineTemplate } from './email-template';

/** To the volunteer: their guardian consented. */
export const guardianConsentGiven = defineTemplate<{
  organizationName: string;
  safeguardingUrl: string;
}>({
  name: 'guardian-consent.given',
  parse: (data) => {
    const r = new DataReader(data);
    return {
      organizationName: r.string('organizationName'),
      safeguardingUrl: r.url('safeguardingUrl'),
    };
  },
  content: {
    en: ({ organizationName, safeguardingUrl }) => ({
      subject: 'Your guardian has given consent',
      paragraphs: [`Your guardian has consented to your serving with ${organizationName}.`],
      action: { label: 'See your requirements', url: safeguardingUrl },
    }),
    es: ({ organizationName, safeguardingUrl }) => ({
      subject: 'Tu tutor ha dado su consentimiento',
      paragraphs: [
        `Tu madre, padre o tutor dio su consentimiento para que sirvas con ${organizationName}.`,
      ],
      action: { label: 'Ver tus requisitos', url: safeguardingUrl },
    }),
  },
});
