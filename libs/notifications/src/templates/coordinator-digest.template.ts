import { DataReader } from './data-reader';
import { defineTemplate } from './email-template';
import { formatDate } from './format';

interface DigestData {
  organizationName: string;
  date: string;
  trips: { id: string; title: string; newApplications: number }[];
}

export const coordinatorDigest = defineTemplate<DigestData>({
  name: 'coordinator-digest',
  optionalCategory: 'digest',
  parse: (data) => {
    const r = new DataReader(data);
    return {
      organizationName: r.string('organizationName'),
      date: r.date('date'),
      trips: r.array('trips').map((t) => ({
        id: t.string('id'),
        title: t.string('title'),
        newApplications: t.int('newApplications'),
      })),
    };
  },
  skip: ({ trips }) =>
    trips.some((t) => t.newApplications > 0) ? null : 'no new applications to report',
  content: {
    en: ({ organizationName, date, trips }) => ({
      subject: `New applications for ${organizationName}: ${formatDate(date, 'en')}`,
      paragraphs: [
        `The new applications to the trips of ${organizationName} (${formatDate(date, 'en')}):`,
      ],
      list: trips.map(
        (t) =>
          `${t.title}: ${t.newApplications} new application${t.newApplications === 1 ? '' : 's'}`,
      ),
      footnotes: ['Review them in Puente (GET /trips/{id}/applications?status=submitted).'],
    }),
    es: ({ organizationName, date, trips }) => ({
      subject: `Nuevas solicitudes para ${organizationName}: ${formatDate(date, 'es')}`,
      paragraphs: [
        `Las nuevas solicitudes a los viajes de ${organizationName} (${formatDate(date, 'es')}):`,
      ],
      list: trips.map(
        (t) =>
          `${t.title}: ${t.newApplications} ${t.newApplications === 1 ? 'solicitud nueva' : 'solicitudes nuevas'}`,
      ),
      footnotes: ['Revísalas en Puente (GET /trips/{id}/applications?status=submitted).'],
    }),
  },
});
