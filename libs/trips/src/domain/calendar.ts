/** Date arithmetic on YYYY-MM-DD strings, in UTC (trip dates have no time zone). */

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

function format(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return format(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Adds calendar months, clamping to the month's last day (2027-08-31 + 6 months = 2028-02-29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))));
}

/** Whole years from birth to the given day (a birthday counts from its own day). */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = parts(dateOfBirth);
  const [y, m, d] = parts(day);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The instant `days` days from the date (negative: before) at the given hour, UTC. */
export function instantAt(date: string, days: number, hourUtc: number): Date {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days, hourUtc));
}
