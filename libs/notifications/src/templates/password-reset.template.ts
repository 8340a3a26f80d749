import { DataReader } from './data-reader';
import { defineTemplate } from './email-template';

export const passwordReset = defineTemplate<{ link: string }>({
  name: 'password-reset',
  // The link is a live credential for an hour: not kept in the outbox once sent.
  secretDataKeys: ['link'],
  parse: (data) => ({ link: new DataReader(data).url('link') }),
  content: {
    en: ({ link }) => ({
      subject: 'Reset your Puente password',
      paragraphs: [
        'Someone (we hope you) asked to reset the password of your Puente account. The link below works once, for one hour.',
      ],
      action: { label: 'Choose a new password', url: link },
      footnotes: ['If you did not ask for this, ignore this email: your password stays as it is.'],
    }),
    es: ({ link }) => ({
      subject: 'Restablece tu contraseña de Puente',
      paragraphs: [
        'Alguien (esperamos que tú) pidió restablecer la contraseña de tu cuenta de Puente. El enlace funciona una sola vez, durante una hora.',
      ],
      action: { label: 'Elegir una nueva contraseña', url: link },
      footnotes: ['Si no lo pediste, ignora este correo: tu contraseña no cambia.'],
    }),
  },
});
