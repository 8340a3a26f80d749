import type { Locale } from './email-template';

const DAY_MS = 86_400_000;

/** ICU puts thin and narrow no-break spaces in ranges; plain text reads better with plain ones. */
const plainSpaces = (s: string) => s.replace(/[\u2009\u202f]/g, ' ');

// Building Intl formatters is costly (tenths of a millisecond each): one per locale, kept.
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
const regionNames = new Map<Locale, Intl.DisplayNames>();

function dateFormat(locale: Locale): Intl.DateTimeFormat {
  let f = dateFormats.get(locale);
  if (!f)
    dateFormats.set(
      locale,
      (f = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })),
    );
  return f;
}

/** Formatting a range through ICU costs ~0.1 ms; emails repeat the same few trip dates. */
const formatted = new Map<string, string>();
function memo(key: string, make: () => string): string {
  let value = formatted.get(key);
  if (value === undefined) {
    if (formatted.size >= 5000) formatted.clear();
    formatted.set(key, (value = make()));
  }
  return value;
}

function utc(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

/** "March 1, 2026" / "1 de marzo de 2026". Dates are calendar dates: formatted in UTC. */
export function formatDate(isoDate: string, locale: Locale): string {
  return memo(`${locale}:${isoDate}`, () => plainSpaces(dateFormat(locale).format(utc(isoDate))));
}

/** "March 1 – 15, 2026" / "1–15 de marzo de 2026". */
export function formatDateRange(startDate: string, endDate: string, locale: Locale): string {
  return memo(`${locale}:${startDate}:${endDate}`, () =>
    plainSpaces(dateFormat(locale).formatRange(utc(startDate), utc(endDate))),
  );
}

/** "Guatemala" for GT, in the reader's language; the code itself when unknown. */
export function countryName(code: string, locale: Locale): string {
  return memo(`${locale}:country:${code}`, () => {
    try {
      let names = regionNames.get(locale);
      if (!names)
        regionNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'region' })));
      return names.of(code.toUpperCase()) ?? code;
    } catch {
      return code;
    }
  });
}

/** YYYY-MM-DD of the day after. */
export function nextDay(isoDate: string): string {
  return new Date(utc(isoDate).getTime() + DAY_MS).toISOString().slice(0, 10);
}
