import { DataReader } from './data-reader';
import { defineTemplate } from './email-template';
import { CheckData, providerName, readCheck } from './safeguarding-data';

/** To the volunteer: the final adverse-action notice, after the waiting period. */
export const backgroundCheckFinalAdverseAction = defineTemplate<CheckData & { provider: string }>({
  name: 'background-check.final-adverse-action',
  parse: (data) => {
    const r = new DataReader(data);
    return { ...readCheck(r), provider: r.string('provider') };
  },
  content: {
    en: ({ provider, checkUrl }) => ({
      subject: 'Final notice about your background check',
      paragraphs: [
        'After the waiting period, we are not able to place you in roles with children, based in whole or in part on your background check.',
        `The screening company (${providerName(provider)}) did not make this decision and cannot explain it. You may still obtain a free copy of your report from them within 60 days and dispute anything in it that is inaccurate or incomplete.`,
      ],
      action: { label: 'See your check', url: checkUrl },
    }),
    es: ({ provider, checkUrl }) => ({
      subject: 'Aviso final sobre tu verificación de antecedentes',
      paragraphs: [
        'Tras el período de espera, no podemos asignarte a funciones con niños, con base total o parcial en tu verificación de antecedentes.',
        `La empresa de verificación (${providerName(provider)}) no tomó esta decisión y no puede explicarla. Puedes pedirle una copia gratuita de tu informe en los próximos 60 días e impugnar lo que sea inexacto o incompleto.`,
      ],
      action: { label: 'Ver tu verificación', url: checkUrl },
    }),
  },
});
