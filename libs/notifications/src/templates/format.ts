import type { Locale } from './email-template';

const DAY_MS = 86_400_000;

/** ICU puts thin and narrow no-break spaces in ranges; plain text reads better with plain ones. */
const plainSpaces = (s: string) => s.replace(/[\u2009\u202f]/g, ' ');

function utc(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

/** "March 1, 2026" / "1 de marzo de 2026". Dates are calendar dates: formatted in UTC. */
export function formatDate(isoDate: string, locale: Locale): string {
  return plainSpaces(
    new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(utc(isoDate)),
  );
}

/** "March 1 – 15, 2026" / "1–15 de marzo de 2026". */
export function formatDateRange(startDate: string, endDate: string, locale: Locale): string {
  return plainSpaces(
    new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).formatRange(
      utc(startDate),
      utc(endDate),
    ),
  );
}

/** "Guatemala" for GT, in the reader's language; the code itself when unknown. */
export function countryName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** YYYY-MM-DD of the day after. */
export function nextDay(isoDate: string): string {
  return new Date(utc(isoDate).getTime() + DAY_MS).toISOString().slice(0, 10);
}
