import { DataReader } from './data-reader';
import { defineTemplate } from './email-template';
import { CheckData, readCheck } from './safeguarding-data';

/** To coordinators: the volunteer disputed a pre-adverse-action decision, which now waits for them. */
export const backgroundCheckDisputed = defineTemplate<CheckData & { volunteerName: string }>({
  name: 'background-check.disputed',
  parse: (data) => {
    const r = new DataReader(data);
    return { ...readCheck(r), volunteerName: r.string('volunteerName') };
  },
  content: {
    en: ({ volunteerName, checkUrl }) => ({
      subject: `${volunteerName} disputed a background check decision`,
      paragraphs: [
        `${volunteerName} disputed the pending decision on their background check. No final notice will go out until a coordinator decides again.`,
      ],
      action: { label: 'Review the check', url: checkUrl },
    }),
    es: ({ volunteerName, checkUrl }) => ({
      subject: `${volunteerName} impugnó una decisión sobre su verificación`,
      paragraphs: [
        `${volunteerName} impugnó la decisión pendiente sobre su verificación de antecedentes. No se enviará el aviso final hasta que un coordinador vuelva a decidir.`,
      ],
      action: { label: 'Revisar la verificación', url: checkUrl },
    }),
  },
});
