// The benchmark's baseline: a bare node:http + pg server answering GET /trips with exactly the
// statement the API runs (tripListingQuery), the same row mapping and page shape. No framework,
// no validation, no logging. Started as its own process by trips.bench.ts: PORT, DATABASE_URL.
import { createServer } from 'node:http';
import { Pool } from 'pg';
import { encodeCursor } from '../../libs/platform/src/pagination/pagination';
import { tripListingQuery } from '../../libs/trips/src/services/trip-listing.query';
import { TripRow, toTripView } from '../../libs/trips/src/services/trip-row';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== '/trips') {
    res.writeHead(404).end();
    return;
  }
  const p = url.searchParams;
  const limit = Number(p.get('limit') ?? 20);
  const { text, values } = tripListingQuery(
    {
      country: p.get('country') ?? undefined,
      startsAfter: p.get('startsAfter') ?? undefined,
      startsBefore: p.get('startsBefore') ?? undefined,
      skill: p.getAll('skill'),
      q: p.get('q') ?? undefined,
      hasSeats: p.get('hasSeats') === 'true',
      cursor: p.get('cursor') ?? undefined,
      limit,
    },
    new Date().toISOString().slice(0, 10),
  );
  pool.query<TripRow>(text, values).then(
    ({ rows }) => {
      const more = rows.length > limit;
      const page = more ? rows.slice(0, limit) : rows;
      const last = page[page.length - 1];
      const body = JSON.stringify({
        items: page.map((r) => toTripView(r)),
        nextCursor: more ? encodeCursor([last.start_date, last.id]) : null,
      });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
    },
    (err: Error) => {
      res.writeHead(500).end(err.message);
    },
  );
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
