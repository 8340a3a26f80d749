import { DataReader } from './data-reader';
import { defineTemplate } from './email-template';
import { formatDate } from './format';
import { CheckData, readCheck } from './safeguarding-data';

interface PreAdverseData extends CheckData {
  reportCopyUrl: string;
  disputeUrl: string;
  disputeBy: string;
  waitDays: number;
}

/** To the volunteer: the pre-adverse-action notice, with a copy of the report and how to dispute. */
export const backgroundCheckPreAdverseAction = defineTemplate<PreAdverseData>({
  name: 'background-check.pre-adverse-action',
  parse: (data) => {
    const r = new DataReader(data);
    const disputeBy = r.string('disputeBy');
    return {
      ...readCheck(r),
      reportCopyUrl: r.url('reportCopyUrl'),
      disputeUrl: r.url('disputeUrl'),
      disputeBy: /^\d{4}-\d{2}-\d{2}/.exec(disputeBy)?.[0] ?? r.date('disputeBy'),
      waitDays: r.int('waitDays'),
    };
  },
  content: {
    en: ({ reportCopyUrl, disputeUrl, disputeBy, waitDays }) => ({
      subject: 'Notice about your background check: you may respond',
      paragraphs: [
        'Based in whole or in part on your background check, a coordinator is considering not placing you in roles with children. No final decision has been made.',
        `You have the right to a free copy of the report and to dispute anything in it that is inaccurate or incomplete, with the screening company and with us. We will wait ${waitDays} days, until ${formatDate(disputeBy, 'en')}, before deciding.`,
      ],
      details: [{ label: 'Copy of your report', value: reportCopyUrl }],
      action: { label: 'Dispute the result', url: disputeUrl },
      footnotes: [
        'A summary of your rights under the Fair Credit Reporting Act is available from the screening company.',
      ],
    }),
    es: ({ reportCopyUrl, disputeUrl, disputeBy, waitDays }) => ({
      subject: 'Aviso sobre tu verificación de antecedentes: puedes responder',
      paragraphs: [
        'Con base total o parcial en tu verificación de antecedentes, un coordinador está considerando no asignarte a funciones con niños. Aún no hay una decisión final.',
        `Tienes derecho a una copia gratuita del informe y a impugnar lo que sea inexacto o incompleto, ante la empresa de verificación y ante nosotros. Esperaremos ${waitDays} días, hasta el ${formatDate(disputeBy, 'es')}, antes de decidir.`,
      ],
      details: [{ label: 'Copia de tu informe', value: reportCopyUrl }],
      action: { label: 'Impugnar el resultado', url: disputeUrl },
      footnotes: [
        'La empresa de verificación te puede dar un resumen de tus derechos según la Fair Credit Reporting Act.',
      ],
    }),
  },
});
