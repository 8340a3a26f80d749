// `npm run bench email`: 10,000 emails from the outbox (PostgreSQL rows → Bull jobs → the built
// worker → pooled nodemailer) to a local SMTP server, and in the same run raw nodemailer with the
// same pool settings sending the same messages (composed by the same code). Prints messages/s,
// CPU per message and the ratio. Figures, not pass/fail. Each side starts from where its messages
// already are, untimed: raw from messages composed in memory, the outbox from pending rows written
// as the API writes them; the clock starts when the rows' jobs are queued. Three rounds, each
// path once per round; best of each, and the ratio within each round: the machines are shared and
// noisy, so one run can be unlucky. Its own database (created and dropped)
// and Redis key prefix (deleted).
//
// The SMTP server (smtp-server, counting and discarding) runs in a child process, so the measured
// senders do not share an event loop with it.
import { emailJob } from '@puente/notifications';
import { composeMail } from '@puente/notifications/mail/compose-mail';
import { smtpPoolOptions } from '@puente/notifications/mail/mail-transport';
import { buildMime } from '@puente/notifications/mail/mime-build.thread';
import { renderEmail } from '@puente/notifications/templates/render-email';
import { TemplateRegistry } from '@puente/notifications/templates/template-registry';
import Bull from 'bull';
import Redis from 'ioredis';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createTransport, type SendMailOptions } from 'nodemailer';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { ensureDatabase, runMigrations } from '../libs/platform/src/database/database-setup';
import {
  getFreePort,
  startProcess,
  waitFor,
  WORKER_MAIN,
  type RunningProcess,
} from '../test/support/processes';

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DB_NAME = 'puente_bench_email';
const MESSAGES = Number(process.env.BENCH_EMAILS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARM_UP = 3000;
const CONCURRENCY = Number(process.env.BENCH_EMAIL_CONCURRENCY ?? 10);
/** Worker processes sharing the CONCURRENCY sends in flight (and pool connections) between them. */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const QUEUE_PREFIX = `bench-email-${randomBytes(3).toString('hex')}`;
const MAIL_FROM = 'Puente <no-reply@puente.local>';

const dbUrl = (name: string) => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
};
const DATABASE_URL = dbUrl(DB_NAME);

// ---- the SMTP server, in a child process: `email.bench.ts --smtp-sink <port>` -----------------
if (process.argv[2] === '--smtp-sink') {
  let count = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        count++;
        callback(null, 'OK');
      });
    },
  });
  server.listen(Number(process.argv[3]), '127.0.0.1', () => process.send?.({ ready: true }));
  process.on('message', (msg: { reset?: boolean }) => {
    if (msg.reset) count = 0;
    const cpu = process.cpuUsage();
    process.send?.({ count, cpuMs: (cpu.user + cpu.system) / 1000 });
  });
} else {
  void main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

class Sink {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(): Promise<Sink> {
    const port = await getFreePort();
    const child = fork(__filename, ['--smtp-sink', String(port)], {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve) =>
      child.once('message', (m: { ready?: boolean }) => m.ready && resolve()),
    );
    return new Sink(child, port);
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}?ignoreTLS=true`;
  }

  /** Messages accepted (since the last reset) and the sink's CPU so far. */
  async state(reset = false): Promise<{ count: number; cpuMs: number }> {
    const answer = new Promise<{ count: number; cpuMs: number }>((resolve) =>
      this.child.once('message', resolve),
    );
    this.child.send({ reset });
    return answer;
  }

  /** Resolves once the server has accepted n messages (polled every 20 ms). */
  async waitFor(n: number): Promise<void> {
    while ((await this.state()).count < n) await new Promise((r) => setTimeout(r, 20));
  }

  stop(): void {
    this.child.kill();
  }
}

/** 200 trips, 50 emails each: a day's burst of trip emails, not one trip repeated 10,000 times. */
const TRIPS = Array.from({ length: 200 }, (_, t) => ({
  id: randomUUID(),
  title: `Build week ${t + 1} at Hogar Esperanza`,
  startDate: `2027-${String((t % 12) + 1).padStart(2, '0')}-01`,
  endDate: `2027-${String((t % 12) + 1).padStart(2, '0')}-${String(10 + (t % 18)).padStart(2, '0')}`,
  city: 'Antigua',
  country: 'GT',
  organizationName: 'Hogar de Niñas Esperanza',
}));
const TEMPLATE = 'application-accepted'; // the heaviest: both bodies and an .ics attachment
const dataFor = (i: number) => ({
  trip: TRIPS[i % TRIPS.length],
  application: { id: randomUUID(), status: 'accepted' },
});

async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Exactly what the worker sends for these rows, composed by the same code. */
function composeAll(ids: string[]): SendMailOptions[] {
  const template = new TemplateRegistry().get(TEMPLATE)!;
  return ids.map((id, i) => {
    const now = new Date();
    const rendered = renderEmail(
      template,
      dataFor(i),
      { locale: 'en', recipientName: null, publicUrl: 'http://localhost:3000', now },
      null,
    );
    return composeMail({
      from: MAIL_FROM,
      to: { email: `volunteer-${i}@example.org`, name: null },
      messageId: `<${id}@puente.local>`,
      rendered,
      unsubscribeUrl: null,
      date: now,
    });
  });
}

interface Figures {
  rate: number;
  /** CPU of the sending process (the worker, or this process for raw) per message, ms. */
  senderCpuMs: number;
  sinkCpuMs: number;
  /** PostgreSQL and Redis (every process of theirs on this machine) per message, ms. */
  pgCpuMs: number;
  redisCpuMs: number;
}

/**
 * Raw nodemailer, same pool settings; `inFlight` bounds the sends handed to the pool at once.
 * `prebuilt`: build each message's MIME first and send the bytes, as the worker does.
 */
async function rawRun(
  sink: Sink,
  messages: SendMailOptions[],
  inFlight: number,
  prebuilt = false,
): Promise<Figures> {
  const transport = createTransport(smtpPoolOptions(sink.url, CONCURRENCY));
  try {
    await transport.sendMail(messages[0]); // open the pool
    const sink0 = await sink.state(true);
    const services0 = servicesSnapshot();
    const cpu0 = process.cpuUsage();
    let next = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: Math.min(inFlight, messages.length) }, async () => {
        while (next < messages.length) {
          const message = messages[next++];
          if (!prebuilt) await transport.sendMail(message);
          else {
            // Built on this thread: raw nodemailer has no second thread.
            const { raw, envelope, messageId } = await buildMime(message);
            await transport.sendMail({ envelope, raw, messageId });
          }
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    const sink1 = await sink.state();
    if (sink1.count < messages.length) throw new Error('raw run lost messages');
    return {
      rate: messages.length / seconds,
      senderCpuMs: (cpu.user + cpu.system) / 1000 / messages.length,
      sinkCpuMs: (sink1.cpuMs - sink0.cpuMs) / messages.length,
      ...perMessage(servicesCpuSince(services0), messages.length),
    };
  } finally {
    transport.close();
  }
}

/** utime + stime of a process, in ms (Linux); 0 once it has gone. */
function processCpuMs(pid: number | string): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  const fields = stat.split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ = 100
}

function perMessage(cpu: { pg: number; redis: number }, messages: number) {
  return { pgCpuMs: cpu.pg / messages, redisCpuMs: cpu.redis / messages };
}

type CpuSnapshot = Map<string, number>;

/** CPU so far of each local PostgreSQL and Redis process (the services both paths lean on). */
function servicesSnapshot(): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let comm: string;
    try {
      comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (comm === 'postgres' || comm.startsWith('redis-server'))
      snapshot.set(`${comm.startsWith('redis') ? 'redis' : 'pg'}:${pid}`, processCpuMs(pid));
  }
  return snapshot;
}

/** CPU used since `before` by PostgreSQL and by Redis, ms (a process that ended is not counted). */
function servicesCpuSince(before: CpuSnapshot): { pg: number; redis: number } {
  const used = { pg: 0, redis: 0 };
  for (const [key, ms] of servicesSnapshot()) {
    const service = key.split(':')[0] as 'pg' | 'redis';
    used[service] += ms - (before.get(key) ?? 0);
  }
  return used;
}

async function outboxRun(
  sink: Sink,
  db: Client,
  queue: Bull.Queue,
  workers: RunningProcess[],
  round: number,
): Promise<Figures & { ids: string[]; markedRate: number }> {
  const sink0 = await sink.state(true);
  const workersCpu = () => workers.reduce((sum, w) => sum + processCpuMs(w.child.pid!), 0);
  const ids = await insertRows(db, MESSAGES, `round${round}`);
  const cpu0 = workersCpu();
  const services0 = servicesSnapshot();
  const started = process.hrtime.bigint();
  await queueJobs(queue, ids);
  await sink.waitFor(MESSAGES);
  const delivered = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = workersCpu() - cpu0;
  const services = servicesCpuSince(services0);
  const sink1 = await sink.state();
  await waitFor('all marked sent', async () => (await pending(db)) === 0, 120_000);
  const marked = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    ids,
    rate: MESSAGES / delivered,
    markedRate: MESSAGES / marked,
    senderCpuMs: cpu / MESSAGES,
    sinkCpuMs: (sink1.cpuMs - sink0.cpuMs) / MESSAGES,
    ...perMessage(services, MESSAGES),
  };
}

async function pending(db: Client): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications WHERE status = 'pending'`,
  );
  return rows[0].n;
}

/** The outbox as the API leaves it: `count` pending rows, due now (not yet queued). */
async function insertRows(db: Client, count: number, tag: string): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) => ({
    k: `bench:${tag}:${i}`,
    e: `volunteer-${i}@example.org`,
    d: dataFor(i),
  }));
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const { rows: inserted } = await db.query<{ id: string }>(
      `INSERT INTO notifications (dedupe_key, template, to_email, data, send_at)
       SELECT r.k, $2, r.e, r.d, now()
         FROM jsonb_to_recordset($1::jsonb) AS r(k text, e text, d jsonb)
       RETURNING id`,
      [JSON.stringify(rows.slice(i, i + 1000)), TEMPLATE],
    );
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

/** Queues the rows' jobs, as the API does after its commit (a thousand per round trip). */
async function queueJobs(queue: Bull.Queue, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000)
    await queue.addBulk(ids.slice(i, i + 1000).map(emailJob));
}

async function main(): Promise<void> {
  await admin(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  const sink = await Sink.start();
  const db = new Client({ connectionString: DATABASE_URL });
  const workers: RunningProcess[] = [];
  let queue: Bull.Queue | null = null;
  try {
    await ensureDatabase(DATABASE_URL);
    await runMigrations(DATABASE_URL);
    await db.connect();
    console.log(
      `${MESSAGES} emails (${TEMPLATE}: text + HTML + .ics, over ${TRIPS.length} trips), ` +
        `${CONCURRENCY} sends in flight and ${CONCURRENCY} pooled SMTP connections ` +
        `(${WORKERS} worker${WORKERS > 1 ? 's' : ''} × EMAIL_CONCURRENCY ${CONCURRENCY / WORKERS}; raw: one pool), ` +
        `smtp-server in a child process, ${ROUNDS} rounds`,
    );
    for (let w = 0; w < WORKERS; w++)
      workers.push(
        startProcess(WORKER_MAIN, {
          NODE_ENV: 'production',
          JWT_SECRET: 'bench-secret-of-at-least-16-chars',
          DATABASE_URL,
          REDIS_URL,
          QUEUE_PREFIX,
          SMTP_URL: sink.url,
          MAIL_FROM,
          EMAIL_CONCURRENCY: String(CONCURRENCY / WORKERS),
          LOG_LEVEL: 'info',
        }),
      );
    queue = new Bull('email', { redis: REDIS_URL, prefix: QUEUE_PREFIX });
    await waitFor(
      'the workers',
      async () => workers.every((w) => w.output().includes('sending emails')),
      60_000,
    );
    // Warm-up through the whole path, not counted, long enough for V8 to optimise the worker's code.
    await queueJobs(queue, await insertRows(db, WARM_UP, 'warm'));
    await sink.waitFor(WARM_UP);
    await waitFor('warm-up marked sent', async () => (await pending(db)) === 0, 60_000);

    const outbox: Awaited<ReturnType<typeof outboxRun>>[] = [];
    const bounded: Figures[] = [];
    const unbounded: Figures[] = [];
    const prebuilt: Figures[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const run = await outboxRun(sink, db, queue, workers, round);
      outbox.push(run);
      const messages = composeAll(run.ids);
      bounded.push(await rawRun(sink, messages, CONCURRENCY));
      unbounded.push(await rawRun(sink, messages, messages.length));
      prebuilt.push(await rawRun(sink, messages, CONCURRENCY, true));
    }

    const best = <T extends { rate: number }>(xs: T[]) =>
      xs.reduce((a, b) => (b.rate > a.rate ? b : a));
    const row = (label: string, runs: Figures[], rate = (f: Figures) => f.rate) => {
      const b = best(runs);
      const rounds = runs.map((r) => rate(r).toFixed(0)).join(' / ');
      const cpu = [b.senderCpuMs, b.sinkCpuMs, b.pgCpuMs, b.redisCpuMs];
      console.log(
        `${label.padEnd(58)}${rate(b).toFixed(0).padStart(6)}  ${rounds.padEnd(20)}` +
          cpu.map((ms) => ms.toFixed(2).padStart(7)).join(''),
      );
    };
    console.log('');
    console.log(`${''.padEnd(86)}CPU ms per email`);
    console.log(
      `${'path'.padEnd(58)}${'best/s'.padStart(6)}  ${'rounds (msg/s)'.padEnd(20)}` +
        ['sender', 'smtp', 'pg', 'redis'].map((h) => h.padStart(7)).join(''),
    );
    row(
      `outbox → Bull → ${WORKERS} worker${WORKERS > 1 ? 's' : ''} → nodemailer (all accepted)`,
      outbox,
    );
    row(
      '  … and every row marked sent in PostgreSQL',
      outbox,
      (f) => (f as (typeof outbox)[0]).markedRate,
    );
    row(`raw nodemailer, ${CONCURRENCY} sends in flight`, bounded);
    row('raw nodemailer, all handed to the pool at once', unbounded);
    row(`raw nodemailer, prebuilt MIME (as the worker), ${CONCURRENCY} in flight`, prebuilt);
    // The fastest raw way, in the same round as each outbox run and over the whole run.
    const rawRate = (r: number) => Math.max(bounded[r].rate, unbounded[r].rate, prebuilt[r].rate);
    const perRound = outbox.map((o, r) => `${((o.rate / rawRate(r)) * 100).toFixed(0)}%`);
    const raw = Math.max(...outbox.map((_, r) => rawRate(r)));
    console.log('');
    console.log(
      `ratio outbox / the fastest raw way: best ${((best(outbox).rate / raw) * 100).toFixed(0)}% ` +
        `(best outbox round over best raw round); round by round ${perRound.join(' / ')} ` +
        `(target ≥ 70%)`,
    );
  } finally {
    await queue?.close().catch(() => undefined);
    for (const w of workers) await w.stop();
    await db.end().catch(() => undefined);
    sink.stop();
    await admin(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`).catch(() => undefined);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${QUEUE_PREFIX}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
}
