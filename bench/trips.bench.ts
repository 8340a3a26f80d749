// `npm run bench trips`: GET /trips (filtered) and POST /trips/:id/applications against the built
// API over 10,000 published trips and 100,000 applications, next to a bare node:http + pg server
// answering the same listing query. Figures, not pass/fail. Uses its own database (created and
// dropped here) and its own Redis key prefix.
import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureDatabase, runMigrations } from '../libs/platform/src/database/database-setup';
import { getFreePort, RunningProcess, startApiProcess, waitFor } from '../test/support/processes';

// autocannon ships no types; this is the part of its API the benchmark uses.
interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface AutocannonOptions {
  url: string;
  duration?: number;
  connections?: number;
  requests?: { method: string; setupRequest: (req: RawRequest) => RawRequest }[];
}
const autocannon = require('autocannon') as (
  opts: AutocannonOptions,
  done: (err: Error | null, result: AutocannonResult) => void,
) => unknown;

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DB_NAME = 'puente_bench_trips';
const TRIPS = 10_000;
const APPLICATIONS = 100_000; // 20,000 volunteers × 5 trips each
const FRESH_VOLUNTEERS = 60_000; // one per POST: every request is a real application
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const LISTING = '/trips?country=GT&skill=teaching&hasSeats=true&limit=20';
const JWT_SECRET = `bench-${randomBytes(12).toString('hex')}`;
const QUEUE_PREFIX = `bench-trips-${randomBytes(3).toString('hex')}`;

const dbUrl = (name: string) => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
};
const DATABASE_URL = dbUrl(DB_NAME);

async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function seed(db: Client): Promise<void> {
  await db.query(
    `INSERT INTO organizations (name, slug, time_zone)
     SELECT 'Bench Org ' || i, 'bench-org-' || i, 'America/Guatemala' FROM generate_series(1, 20) i`,
  );
  await db.query(
    `WITH o AS (SELECT array_agg(id ORDER BY slug) AS ids FROM organizations)
     INSERT INTO trips (organization_id, title, description, country, city, start_date, end_date,
                        application_deadline, capacity, cost_cents, currency, min_age, admission,
                        skills, languages, private_location, status)
     SELECT o.ids[1 + i % 20],
            (ARRAY['Tutoring','Construction','Clinic','Sports camp','Art workshop','Legal research',
                   'English classes','Nutrition'])[1 + i % 8] || ' trip ' || i,
            'Week ' || i || ' with the children of the home: ' ||
            (ARRAY['homework help and reading clubs','repairs to the classrooms','health checkups',
                   'games and football','painting a mural','case research for the courts',
                   'conversation classes','cooking healthy meals'])[1 + i % 8] ||
            '. Trabajamos con las niñas del hogar.',
            (ARRAY['GT','HN','SV','NI','MX','PE','CO','EC','BO','DO'])[1 + (i / 3) % 10],
            'City ' || i % 50,
            current_date + 10 + i % 300, current_date + 17 + i % 300, current_date + 5 + i % 300,
            10 + i % 31, 50000 + (i % 100) * 1000, 'USD', 18,
            CASE WHEN i % 2 = 0 THEN 'review' ELSE 'auto' END,
            CASE i % 8 WHEN 0 THEN ARRAY['teaching','childcare'] WHEN 1 THEN ARRAY['construction']
                       WHEN 2 THEN ARRAY['nursing','medicine'] WHEN 3 THEN ARRAY['sports-coaching','childcare']
                       WHEN 4 THEN ARRAY['art','teaching'] WHEN 5 THEN ARRAY['legal-research']
                       WHEN 6 THEN ARRAY['english-teaching','teaching'] ELSE ARRAY['nutrition','cooking'] END,
            ARRAY['es','en'], 'Safe house ' || i, 'published'
       FROM generate_series(1, $1::int) i, o`,
    [TRIPS],
  );
  await db.query(
    `INSERT INTO users (email, name, password_hash)
     SELECT 'bench-' || lpad(i::text, 6, '0') || '@example.org', 'Bench Volunteer ' || i, 'not-a-hash'
       FROM generate_series(1, $1::int) i`,
    [APPLICATIONS / 5 + FRESH_VOLUNTEERS],
  );
  await db.query(
    `INSERT INTO profiles (user_id, date_of_birth, phone, country, emergency_contact, passport_expires_on)
     SELECT id, '1990-01-01', '+15125550100', 'US',
            '{"name":"Ana","phone":"+15125550101","relation":"mother"}', '2040-01-01'
       FROM users WHERE email LIKE 'bench-%'`,
  );
  await db.query(
    `WITH t AS (SELECT id, admission, row_number() OVER (ORDER BY id) - 1 AS n FROM trips),
          u AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM users
                 WHERE email LIKE 'bench-%' ORDER BY email LIMIT $1::int)
     INSERT INTO trip_applications (trip_id, user_id, status, motivation, created_at, updated_at)
     SELECT t.id, u.id, CASE WHEN t.admission = 'auto' THEN 'accepted' ELSE 'submitted' END,
            'I would love to help.', now() - random() * interval '30 days', now()
       FROM u CROSS JOIN generate_series(0, 4) j JOIN t ON t.n = (u.n * 5 + j) % $2::int`,
    [APPLICATIONS / 5, TRIPS],
  );
  await db.query(
    `UPDATE trips t SET seats_taken = s.n
       FROM (SELECT trip_id, count(*)::int AS n FROM trip_applications
              WHERE status = 'accepted' GROUP BY trip_id) s
      WHERE s.trip_id = t.id`,
  );
  await db.query(
    `INSERT INTO trip_application_events (application_id, from_status, to_status, by_user_id, at)
     SELECT id, NULL, status, user_id, created_at FROM trip_applications`,
  );
  // Settle the freshly loaded tables (hint bits, visibility map, statistics, dirty pages), so
  // neither server pays for the bulk load during its run.
  await db.query('VACUUM (ANALYZE)');
  await db.query('CHECKPOINT');
}

interface Figures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  other: number;
}

function run(name: string, opts: AutocannonOptions): Promise<Figures> {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...opts }, (err, r) => {
      if (err) return reject(err);
      resolve({
        name,
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        ok: r['2xx'],
        other: r.non2xx + r.errors + r.timeouts,
      });
    });
  });
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

function mean(name: string, rounds: Figures[]): Figures {
  const avg = (pick: (f: Figures) => number) =>
    rounds.reduce((sum, f) => sum + pick(f), 0) / rounds.length;
  return {
    name,
    rps: avg((f) => f.rps),
    p50: Math.round(avg((f) => f.p50)),
    p99: Math.round(avg((f) => f.p99)),
    ok: rounds.reduce((sum, f) => sum + f.ok, 0),
    other: rounds.reduce((sum, f) => sum + f.other, 0),
  };
}

async function startRawServer(port: number): Promise<RunningProcess> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      join(__dirname, 'support', 'raw-trips-server.ts'),
    ],
    {
      env: { ...process.env, PORT: String(port), DATABASE_URL, TS_NODE_PROJECT: 'tsconfig.json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string | null>((r) =>
    child.on('exit', (code, signal) => r(code ?? signal)),
  );
  await waitFor('the raw server', async () => out.includes('listening') || child.exitCode !== null);
  if (child.exitCode !== null) throw new Error(`raw server exited:\n${out}`);
  return {
    child,
    output: () => out,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

async function clearRedis(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${QUEUE_PREFIX}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

const fmt = (f: Figures) =>
  `${f.name.padEnd(44)} ${f.rps.toFixed(0).padStart(7)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   (${f.ok} 2xx, ${f.other} other)`;

async function main(): Promise<void> {
  const procs: RunningProcess[] = [];
  await admin(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  try {
    const t0 = Date.now();
    await ensureDatabase(DATABASE_URL);
    await runMigrations(DATABASE_URL);
    const db = new Client({ connectionString: DATABASE_URL });
    await db.connect();
    await seed(db);
    const counts = (
      await db.query(
        `SELECT (SELECT count(*) FROM trips) AS trips, (SELECT count(*) FROM trip_applications) AS applications`,
      )
    ).rows[0];
    console.log(
      `seeded ${counts.trips} published trips and ${counts.applications} applications in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );

    // Tokens are signed as the requests go out, each for a volunteer who has not applied yet.
    const jwt = new JwtService({ secret: JWT_SECRET });
    const fresh = (
      await db.query<{ id: string }>(
        `SELECT id FROM users WHERE email LIKE 'bench-%' ORDER BY email OFFSET $1`,
        [APPLICATIONS / 5],
      )
    ).rows.map((r) => r.id);
    const reviewTrips = (
      await db.query<{ id: string }>(`SELECT id FROM trips WHERE admission = 'review' ORDER BY id`)
    ).rows.map((r) => r.id);
    await db.end();

    const apiPort = await getFreePort();
    const rawPort = await getFreePort();
    procs.push(
      await startApiProcess(
        {
          NODE_ENV: 'production',
          DATABASE_URL,
          REDIS_URL,
          QUEUE_PREFIX,
          JWT_SECRET,
          LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
          BOOTSTRAP_ADMIN_PASSWORD: 'bench-admin-password',
        },
        apiPort,
      ),
    );
    procs.push(await startRawServer(rawPort));
    const api = `http://127.0.0.1:${apiPort}`;
    const raw = `http://127.0.0.1:${rawPort}`;

    const sample = (await (await fetch(api + LISTING)).json()) as { items: unknown[] };
    const rawSample = await (await fetch(raw + LISTING)).json();
    if (JSON.stringify(sample) !== JSON.stringify(rawSample))
      throw new Error('the raw server does not answer what the API answers');
    console.log(
      `GET ${LISTING}: ${sample.items.length} items per page, identical from both servers\n` +
        `${CONNECTIONS} connections, ${DURATION_S} s a run, ${ROUNDS} alternating rounds per server after a warm-up\n`,
    );

    // Both servers share two cores with PostgreSQL and autocannon: alternate them over several
    // rounds and compare the means, so neither gets a quieter machine.
    const loadBefore = load();
    const warm = (url: string) => run('warm-up', { url, duration: Math.min(3, DURATION_S) });
    await warm(api + LISTING);
    await warm(raw + LISTING);
    const puenteRounds: Figures[] = [];
    const rawRounds: Figures[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      puenteRounds.push(await run(`Puente  GET /trips, round ${round}`, { url: api + LISTING }));
      rawRounds.push(await run(`raw     GET /trips, round ${round}`, { url: raw + LISTING }));
    }
    const puenteList = mean('Puente  GET /trips (filtered), mean', puenteRounds);
    const rawList = mean('raw node:http + pg, same query, mean', rawRounds);

    let next = 0;
    const motivation = JSON.stringify({ motivation: 'I would love to help the children.' });
    const puenteApply = await run('Puente  POST /trips/:id/applications', {
      url: api,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const i = next++ % fresh.length;
            return {
              ...req,
              path: `/trips/${reviewTrips[i % reviewTrips.length]}/applications`,
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${jwt.sign({ sub: fresh[i] })}`,
              },
              body: motivation,
            };
          },
        },
      ],
    });

    for (const f of [...puenteRounds, ...rawRounds]) console.log(fmt(f));
    // Other work on the machine skews both; the load average says how quiet it was.
    console.log(`load average during the runs: ${loadBefore} → ${load()}`);
    console.log(fmt(puenteList));
    console.log(fmt(rawList));
    console.log(
      `${'ratio Puente/raw (listing throughput)'.padEnd(44)} ${((puenteList.rps / rawList.rps) * 100).toFixed(0).padStart(6)} %   (target ≥ 60 %)`,
    );
    console.log(fmt(puenteApply));
    if (next > fresh.length)
      console.log(`note: ${next} POSTs for ${fresh.length} volunteers: some were repeats (409)`);
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
    // BENCH_KEEP_DB=true leaves the seeded database for profiling by hand.
    if (process.env.BENCH_KEEP_DB !== 'true')
      await admin(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`).catch(() => undefined);
    await clearRedis().catch(() => undefined);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
