import { isUUID } from 'class-validator';
import { BadRequestError, decodeCursor, isIsoDate } from '@puente/platform';
import { TRIP_VIEW_COLUMNS } from './trip-row';

/** The listing's filters, as GET /trips takes them (already validated). */
export interface TripListingFilters {
  country?: string;
  startsAfter?: string;
  startsBefore?: string;
  skill?: string[];
  q?: string;
  hasSeats?: boolean;
  cursor?: string;
  limit: number;
}

/** Keyset position (start date, id) of a trip list. */
export function decodeTripCursor(cursor: string | undefined): [string, string] | undefined {
  const key = decodeCursor(cursor, 2);
  if (!key) return undefined;
  const [date, id] = key;
  if (!isIsoDate(date) || typeof id !== 'string' || !isUUID(id))
    throw new BadRequestError('cursor is not a cursor this list gave out');
  return [date, id];
}

/**
 * `q` as a tsquery: every word must match, each as a prefix ("teach" finds "teaching",
 * "niñ" finds "niñas"). Only letters and digits reach to_tsquery, so no input can break it.
 */
export function toPrefixQuery(q: string): string | null {
  const words =
    q
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  if (!words.length) return null;
  return words
    .slice(0, 8)
    .map((w) => `${w}:*`)
    .join(' & ');
}

/**
 * The one SQL statement of a listing page: published trips starting after `today`, filtered, in
 * (start date, id) order, limit + 1 rows (the extra one says whether a next page exists). The
 * organisation comes from a join and seatsRemaining from the trip's own counter, so a page is
 * one query whatever its size. Pure, so the benchmark's raw server runs exactly this statement.
 */
export function tripListingQuery(
  filters: TripListingFilters,
  today: string,
): { text: string; values: unknown[] } {
  if (filters.startsAfter && filters.startsBefore && filters.startsBefore < filters.startsAfter)
    throw new BadRequestError('startsBefore must not be before startsAfter');
  const values: unknown[] = [today];
  const where = [`t.status = 'published'`, `t.start_date > $1::date`];
  const add = (sql: (n: number) => string, ...params: unknown[]) => {
    values.push(...params);
    where.push(sql(values.length));
  };
  if (filters.country) add((n) => `t.country = $${n}`, filters.country);
  if (filters.startsAfter) add((n) => `t.start_date >= $${n}::date`, filters.startsAfter);
  if (filters.startsBefore) add((n) => `t.start_date <= $${n}::date`, filters.startsBefore);
  if (filters.skill?.length) add((n) => `t.skills @> $${n}::varchar[]`, filters.skill);
  const tsquery = filters.q ? toPrefixQuery(filters.q) : null;
  if (tsquery) add((n) => `t.search @@ to_tsquery('simple', $${n})`, tsquery);
  if (filters.hasSeats) where.push('t.seats_taken < t.capacity');
  const after = decodeTripCursor(filters.cursor);
  if (after) add((n) => `(t.start_date, t.id) > ($${n - 1}::date, $${n}::uuid)`, ...after);
  values.push(filters.limit + 1);
  return {
    text: `SELECT ${TRIP_VIEW_COLUMNS}
         FROM trips t JOIN organizations o ON o.id = t.organization_id
        WHERE ${where.join(' AND ')}
        ORDER BY t.start_date, t.id
        LIMIT $${values.length}`,
    values,
  };
}
