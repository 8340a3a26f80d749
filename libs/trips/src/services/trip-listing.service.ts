import { Injectable } from '@nestjs/common';
import { Clock, isoDate, Page, toPage } from '@puente/platform';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { ListTripsQueryDto } from '../dto/list-trips.query';
import type { TripView } from '../dto/trip.view';
import { tripListingQuery } from './trip-listing.query';
import { TripRow, toTripView } from './trip-row';

/**
 * The public listing: published trips that have not started, in (start date, id) order.
 *
 * The hottest read of the API, a single statement outside any transaction: it goes straight to
 * TypeORM's pg pool (no query runner per request) and is still written to TypeORM's query log
 * (TYPEORM_LOGGING=true). Deliberately not a named prepared statement: after five runs
 * PostgreSQL switches to a generic plan that cannot see how selective `skills @> $n` is, and
 * picks a bitmap scan of the GIN index plus a sort, eight times slower than the custom plan that
 * walks the (country, start_date, id) index and stops at the page size.
 */
@Injectable()
export class TripListingService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(query: ListTripsQueryDto): Promise<Page<TripView>> {
    const { text, values } = tripListingQuery(query, isoDate(this.clock.now()));
    this.ds.logger.logQuery(text, values);
    const pool = (this.ds.driver as PostgresDriver).master as Pool;
    const { rows } = await pool.query<TripRow>(text, values);
    return toPage(
      rows,
      query.limit,
      (r) => [r.start_date, r.id],
      (r) => toTripView(r),
    );
  }
}
