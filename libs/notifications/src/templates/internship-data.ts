import { DataReader } from './data-reader';
import type { EmailContent, Locale } from './email-template';
import { formatDateRange } from './format';

/** What every internship email carries in data.need (the internships lib's contract). Never a private location. */
export interface NeedData {
  id: string;
  title: string;
  location: string;
  startDate: string;
  endDate: string;
  organizationName: string;
}

export interface PlacementMessageData {
  placementId: string;
  need: NeedData;
  /** The intern's name, in emails to coordinators. */
  internName: string | null;
  /** Safeguarding requirements still missing, as the gate words them. */
  missing: string[];
  reason: string | null;
  status: string | null;
}

export function readPlacementMessage(data: Record<string, unknown>): PlacementMessageData {
  const r = new DataReader(data);
  const need: NeedData = {
    id: r.string('need.id'),
    title: r.string('need.title'),
    location: r.string('need.location'),
    startDate: r.date('need.startDate'),
    endDate: r.date('need.endDate'),
    organizationName: r.string('need.organizationName'),
  };
  if (need.endDate < need.startDate)
    throw new DataReader({}).string('need.endDate (not before need.startDate)');
  const missing = data.missing === undefined ? [] : r.stringArray('missing');
  return {
    placementId: r.string('placement.id'),
    need,
    internName: r.optionalString('intern.name'),
    missing,
    reason: r.optionalString('reason'),
    status: r.optionalString('placement.status'),
  };
}

const LABELS: Record<Locale, { need: string; dates: string; place: string; host: string }> = {
  en: { need: 'Internship', dates: 'Dates', place: 'Place', host: 'Hosted by' },
  es: { need: 'Pasantía', dates: 'Fechas', place: 'Lugar', host: 'Organiza' },
};

/** The need's name, dates, place and host, as every internship email shows them. */
export function needDetails(need: NeedData, locale: Locale): EmailContent['details'] {
  const l = LABELS[locale];
  return [
    { label: l.need, value: need.title },
    { label: l.dates, value: formatDateRange(need.startDate, need.endDate, locale) },
    { label: l.place, value: need.location },
    { label: l.host, value: need.organizationName },
  ];
}

/** Where the intern answers an offer or follows a placement. */
export function placementUrl(publicUrl: string, placementId: string): string {
  return `${publicUrl}/placements/${placementId}`;
}
