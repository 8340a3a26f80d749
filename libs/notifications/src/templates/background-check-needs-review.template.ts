import { DataReader } from './data-reader';
import { defineTemplate } from './email-template';
import { CheckData, readCheck } from './safeguarding-data';

/** To coordinators: a check came back `consider` and needs a decision. */
export const backgroundCheckNeedsReview = defineTemplate<CheckData & { volunteerName: string }>({
  name: 'background-check.needs-review',
  parse: (data) => {
    const r = new DataReader(data);
    return { ...readCheck(r), volunteerName: r.string('volunteerName') };
  },
  content: {
    en: ({ volunteerName, checkUrl }) => ({
      subject: `A background check needs your review: ${volunteerName}`,
      paragraphs: [
        `The background check of ${volunteerName} is complete and needs a coordinator's review before they can be confirmed.`,
        'Approve or reject it with a note; a rejection sends the volunteer a pre-adverse-action notice first.',
      ],
      action: { label: 'Review the check', url: checkUrl },
      footnotes: ['Every reading of a check is recorded in the audit log.'],
    }),
    es: ({ volunteerName, checkUrl }) => ({
      subject: `Una verificación de antecedentes necesita tu revisión: ${volunteerName}`,
      paragraphs: [
        `La verificación de antecedentes de ${volunteerName} está lista y necesita la revisión de un coordinador antes de confirmar su participación.`,
        'Apruébala o recházala con una nota; un rechazo envía primero un aviso previo a la decisión.',
      ],
      action: { label: 'Revisar la verificación', url: checkUrl },
      footnotes: ['Cada lectura de una verificación queda registrada.'],
    }),
  },
});
