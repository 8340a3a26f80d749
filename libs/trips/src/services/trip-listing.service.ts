import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import {
  BadRequestError,
  Clock,
  decodeCursor,
  isIsoDate,
  isoDate,
  Page,
  toPage,
} from '@puente/platform';
import { DataSource } from 'typeorm';
import type { ListTripsQueryDto } from '../dto/list-trips.query';
import type { TripView } from '../dto/trip.view';
import { TRIP_VIEW_COLUMNS, TripRow, toTripView } from './trip-row';

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
 * The public listing: published trips that have not started, in (start date, id) order. One
 * query per page whatever the filters: the organisation comes from a join and seatsRemaining
 * from the trip's own counter, so there is nothing to fetch per item.
 */
@Injectable()
export class TripListingService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(query: ListTripsQueryDto): Promise<Page<TripView>> {
    if (query.startsAfter && query.startsBefore && query.startsBefore < query.startsAfter)
      throw new BadRequestError('startsBefore must not be before startsAfter');
    const params: unknown[] = [isoDate(this.clock.now())];
    const where = [`t.status = 'published'`, `t.start_date > $1::date`];
    const add = (sql: (n: number) => string, ...values: unknown[]) => {
      params.push(...values);
      where.push(sql(params.length));
    };
    if (query.country) add((n) => `t.country = $${n}`, query.country);
    if (query.startsAfter) add((n) => `t.start_date >= $${n}::date`, query.startsAfter);
    if (query.startsBefore) add((n) => `t.start_date <= $${n}::date`, query.startsBefore);
    if (query.skill?.length) add((n) => `t.skills @> $${n}::varchar[]`, query.skill);
    const tsquery = query.q ? toPrefixQuery(query.q) : null;
    if (tsquery) add((n) => `t.search @@ to_tsquery('simple', $${n})`, tsquery);
    if (query.hasSeats) where.push('t.seats_taken < t.capacity');
    const after = decodeTripCursor(query.cursor);
    if (after) add((n) => `(t.start_date, t.id) > ($${n - 1}::date, $${n}::uuid)`, ...after);
    params.push(query.limit + 1);
    const rows = (await this.ds.query(
      `SELECT ${TRIP_VIEW_COLUMNS}
         FROM trips t JOIN organizations o ON o.id = t.organization_id
        WHERE ${where.join(' AND ')}
        ORDER BY t.start_date, t.id
        LIMIT $${params.length}`,
      params,
    )) as TripRow[];
    return toPage(
      rows,
      query.limit,
      (r) => [r.start_date, r.id],
      (r) => toTripView(r),
    );
  }
}
