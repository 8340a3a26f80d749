import { DataReader } from './data-reader';
import { defineTemplate } from './email-template';
import { CheckData, readCheck } from './safeguarding-data';

/** To the volunteer: a background check was started, with the provider's consent link when it has one. */
export const backgroundCheckRequested = defineTemplate<
  CheckData & { provider: string; consentUrl: string | null }
>({
  name: 'background-check.requested',
  parse: (data) => {
    const r = new DataReader(data);
    return {
      ...readCheck(r),
      provider: r.oneOf('provider', ['sandbox', 'checkr', 'manual'] as const),
      consentUrl: r.optionalUrl('consentUrl'),
    };
  },
  content: {
    en: ({ provider, consentUrl, checkUrl }) => ({
      subject: 'Your background check has started',
      paragraphs: [
        'Everyone who serves near children with Puente has a background check. Yours has been requested.',
        consentUrl
          ? 'Please open the secure form of our screening partner to give your consent and the details it needs. Puente never sees or stores your identity numbers.'
          : provider === 'manual'
            ? 'A coordinator will ask you for an official certificate (for example a police certificate) and record it.'
            : 'There is nothing for you to do: we will email you when it is complete.',
      ],
      action: consentUrl
        ? { label: 'Give your consent', url: consentUrl }
        : { label: 'Follow your check', url: checkUrl },
    }),
    es: ({ provider, consentUrl, checkUrl }) => ({
      subject: 'Tu verificación de antecedentes ha comenzado',
      paragraphs: [
        'Todas las personas que sirven cerca de niños con Puente tienen una verificación de antecedentes. Se ha solicitado la tuya.',
        consentUrl
          ? 'Abre el formulario seguro de nuestro proveedor para dar tu consentimiento y los datos que necesita. Puente nunca ve ni guarda tus números de identidad.'
          : provider === 'manual'
            ? 'Un coordinador te pedirá un certificado oficial (por ejemplo, de antecedentes policiales) y lo registrará.'
            : 'No tienes que hacer nada: te escribiremos cuando esté lista.',
      ],
      action: consentUrl
        ? { label: 'Dar tu consentimiento', url: consentUrl }
        : { label: 'Seguir tu verificación', url: checkUrl },
    }),
  },
});
