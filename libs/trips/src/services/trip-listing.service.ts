import { Injectable } from '@nestjs/common';
import { Clock, isoDate, Page, toPage } from '@puente/platform';
import { createHash } from 'node:crypto';
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
 * The hottest read of the API, so it runs as a named prepared statement straight on TypeORM's
 * pg pool: PostgreSQL parses and plans each filter combination once per connection instead of
 * on every request. It is still written to TypeORM's query log (TYPEORM_LOGGING=true).
 */
@Injectable()
export class TripListingService {
  private readonly statementNames = new Map<string, string>();

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(query: ListTripsQueryDto): Promise<Page<TripView>> {
    const { text, values } = tripListingQuery(query, isoDate(this.clock.now()));
    this.ds.logger.logQuery(text, values);
    const pool = (this.ds.driver as PostgresDriver).master as Pool;
    const { rows } = await pool.query<TripRow>({ name: this.statementName(text), text, values });
    return toPage(
      rows,
      query.limit,
      (r) => [r.start_date, r.id],
      (r) => toTripView(r),
    );
  }

  /** One name per distinct statement (a filter combination), stable across processes. */
  private statementName(text: string): string {
    let name = this.statementNames.get(text);
    if (!name) {
      name = `trips_listing_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
      this.statementNames.set(text, name);
    }
    return name;
  }
}
