import { DataReader } from './data-reader';
import { defineTemplate } from './email-template';
import { formatDate } from './format';

interface GuardianRequestData {
  volunteerName: string;
  organizationName: string;
  consentUrl: string;
  expiresAt: string;
}

/** To a minor's guardian (no account): consent through a one-time link minted at send time. */
export const guardianConsentRequest = defineTemplate<GuardianRequestData>({
  name: 'guardian-consent.request',
  // The link is a live credential: safeguarding adds it when the email is sent, never to the row.
  secretDataKeys: ['consentUrl'],
  parse: (data) => {
    const r = new DataReader(data);
    const expiresAt = r.string('expiresAt');
    return {
      volunteerName: r.string('volunteerName'),
      organizationName: r.string('organizationName'),
      consentUrl: r.url('consentUrl'),
      expiresAt: /^\d{4}-\d{2}-\d{2}/.exec(expiresAt)?.[0] ?? r.date('expiresAt'),
    };
  },
  content: {
    en: ({ volunteerName, organizationName, consentUrl, expiresAt }) => ({
      subject: `Your consent for ${volunteerName} to serve with ${organizationName}`,
      paragraphs: [
        `${volunteerName} has applied to serve with ${organizationName} through Puente, with children and families. Because ${volunteerName} is under 18, we need the consent of a parent or guardian, and you are named as theirs.`,
        `If you agree, please confirm with the link below (it works once, until ${formatDate(expiresAt, 'en')}).`,
      ],
      action: { label: 'Give consent', url: consentUrl },
      footnotes: [
        'If you do not know about this, you can ignore this email: nothing happens without your consent.',
      ],
    }),
    es: ({ volunteerName, organizationName, consentUrl, expiresAt }) => ({
      subject: `Tu consentimiento para que ${volunteerName} sirva con ${organizationName}`,
      paragraphs: [
        `${volunteerName} se postuló para servir con ${organizationName} a través de Puente, con niños y familias. Como ${volunteerName} es menor de 18 años, necesitamos el consentimiento de su madre, padre o tutor, y figuras como tal.`,
        `Si estás de acuerdo, confírmalo con el enlace de abajo (funciona una sola vez, hasta el ${formatDate(expiresAt, 'es')}).`,
      ],
      action: { label: 'Dar consentimiento', url: consentUrl },
      footnotes: [
        'Si no sabes de qué se trata, ignora este correo: nada sucede sin tu consentimiento.',
      ],
    }),
  },
});
