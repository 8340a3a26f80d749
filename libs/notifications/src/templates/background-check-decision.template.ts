import { DataReader } from './data-reader';
import { defineTemplate } from './email-template';
import { CheckData, readBoolean, readCheck } from './safeguarding-data';

/** To the volunteer: a coordinator decided on a reviewed check (neutral words either way). */
export const backgroundCheckDecision = defineTemplate<CheckData & { cleared: boolean }>({
  name: 'background-check.decision',
  parse: (data) => ({ ...readCheck(new DataReader(data)), cleared: readBoolean(data, 'cleared') }),
  content: {
    en: ({ cleared, checkUrl }) => ({
      subject: 'An update on your background check',
      paragraphs: [
        cleared
          ? 'A coordinator has reviewed your background check: it meets our requirements. Thank you for your patience.'
          : 'A coordinator has reviewed your background check: we are not able to place you in roles with children at this time. If you have questions, please contact the coordinator.',
      ],
      action: { label: 'See your check', url: checkUrl },
    }),
    es: ({ cleared, checkUrl }) => ({
      subject: 'Novedades sobre tu verificación de antecedentes',
      paragraphs: [
        cleared
          ? 'Un coordinador revisó tu verificación de antecedentes: cumple nuestros requisitos. Gracias por tu paciencia.'
          : 'Un coordinador revisó tu verificación de antecedentes: por ahora no podemos asignarte a funciones con niños. Si tienes preguntas, escribe al coordinador.',
      ],
      action: { label: 'Ver tu verificación', url: checkUrl },
    }),
  },
});
