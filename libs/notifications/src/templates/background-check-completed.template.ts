import { DataReader } from './data-reader';
import { defineTemplate } from './email-template';
import { formatDate } from './format';
import { CheckData, readBoolean, readCheck } from './safeguarding-data';

/** To the volunteer: the check is complete (neutral words; a review may follow). */
export const backgroundCheckCompleted = defineTemplate<
  CheckData & { needsReview: boolean; expiresAt: string }
>({
  name: 'background-check.completed',
  parse: (data) => {
    const r = new DataReader(data);
    return {
      ...readCheck(r),
      needsReview: readBoolean(data, 'needsReview'),
      expiresAt: r.date('expiresAt'),
    };
  },
  content: {
    en: ({ needsReview, expiresAt, checkUrl }) => ({
      subject: 'Your background check is complete',
      paragraphs: [
        needsReview
          ? 'Your background check is complete. A coordinator will review it, as we do for many checks, and we will write to you once they have.'
          : `Your background check is complete and valid until ${formatDate(expiresAt, 'en')}. Thank you.`,
      ],
      action: { label: 'See your check', url: checkUrl },
    }),
    es: ({ needsReview, expiresAt, checkUrl }) => ({
      subject: 'Tu verificación de antecedentes está lista',
      paragraphs: [
        needsReview
          ? 'Tu verificación de antecedentes está lista. Un coordinador la revisará, como hacemos con muchas, y te escribiremos cuando lo haga.'
          : `Tu verificación de antecedentes está lista y es válida hasta el ${formatDate(expiresAt, 'es')}. Gracias.`,
      ],
      action: { label: 'Ver tu verificación', url: checkUrl },
    }),
  },
});
