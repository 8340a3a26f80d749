import { startTestApi, TestApi } from '../support/api-app';
import { getFreePort, RunningProcess, startApiProcess, waitFor } from '../support/processes';
import { connectDb } from '../support/test-env';
import { HttpClient } from '../support/http-client';
import {
  apply,
  createOrgWithCoordinator,
  createTrip,
  daysFromNow,
  Org,
  readyVolunteer,
} from './trip-fixtures';

type Item = { id: string; title: string; startDate: string };

describe('GET /trips: the public listing', () => {
  let api: TestApi;
  let o: Org;
  const t: Record<string, Item> = {};
  const titles = (items: Item[]) => items.map((i) => i.title);
  const list = async (query: string) => {
    const res = await api.http.get(`/trips${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: Item[]; nextCursor: string | null };
  };

  beforeAll(async () => {
    api = await startTestApi();
    o = await createOrgWithCoordinator(api.http);
    const dates = (start: number, days = 7) => ({
      startDate: daysFromNow(start),
      endDate: daysFromNow(start + days),
      applicationDeadline: daysFromNow(Math.max(start - 10, 0)),
    });
    t.tutoring = await createTrip(api.http, o, {
      title: 'Tutoring girls in Antigua',
      description: 'Homework help and reading clubs at the girls home.',
      skills: ['teaching', 'childcare'],
      admission: 'auto',
      capacity: 2,
      ...dates(30),
    });
    t.school = await createTrip(api.http, o, {
      title: 'Construcción de aulas',
      description: 'Levantamos dos aulas nuevas para la escuela del hogar.',
      skills: ['teaching', 'construction'],
      admission: 'auto',
      capacity: 1,
      ...dates(40),
    });
    t.clinic = await createTrip(api.http, o, {
      title: 'Clinic week in Copán',
      description: 'Nursing checkups for the children of the shelter.',
      country: 'HN',
      city: 'Copán Ruinas',
      skills: ['nursing', 'childcare'],
      ...dates(50),
    });
    // Same start date as the tutoring trip: the id decides the order.
    t.twin = await createTrip(api.http, o, {
      title: 'Art afternoons',
      description: 'Painting and crafts with the younger girls.',
      skills: ['childcare'],
      ...dates(30),
    });
    // Never listed: a draft, a closed trip, a cancelled one, and one that starts today.
    await createTrip(api.http, o, { title: 'Draft trip', ...dates(35) }, false);
    const closed = await createTrip(api.http, o, { title: 'Closed trip', ...dates(36) });
    await api.http.post(`/trips/${closed.id}/close`, undefined, { token: o.coordinator.token });
    const cancelled = await createTrip(api.http, o, { title: 'Cancelled trip', ...dates(37) });
    await api.http.post(`/trips/${cancelled.id}/cancel`, undefined, {
      token: o.coordinator.token,
    });
    await createTrip(api.http, o, { title: 'Started today', ...dates(0) });
    // Fill the only seat of the school trip.
    const v = await readyVolunteer(api.http);
    expect((await apply(api.http, t.school.id, v)).body.status).toBe('accepted');
  });
  afterAll(async () => api.close());

  const byStart = () =>
    [t.tutoring, t.twin].sort((a, b) => (a.id < b.id ? -1 : 1)).map((x) => x.title);

  it('lists published trips that have not started, by start date then id', async () => {
    const page = await list('');
    expect(titles(page.items)).toEqual([
      ...byStart(),
      'Construcción de aulas',
      'Clinic week in Copán',
    ]);
    expect(page.nextCursor).toBeNull();
  });

  it('gives seatsRemaining and organization {id,name}, never the private location', async () => {
    const res = await api.http.get('/trips');
    const school = res.body.items.find((i: Item) => i.id === t.school.id);
    const tutoring = res.body.items.find((i: Item) => i.id === t.tutoring.id);
    expect(school.seatsRemaining).toBe(0);
    expect(tutoring.seatsRemaining).toBe(2);
    expect(tutoring.organization).toEqual({ id: o.org.id, name: o.org.name });
    for (const item of res.body.items) expect(item).not.toHaveProperty('privateLocation');
    expect(res.text).not.toContain('Casa segura');
  });

  it('filters by country (any letter case)', async () => {
    expect(titles((await list('?country=HN')).items)).toEqual(['Clinic week in Copán']);
    expect((await list('?country=gt')).items).toHaveLength(3);
    expect((await list('?country=SV')).items).toEqual([]);
  });

  it('filters by start date range, both ends inclusive', async () => {
    const start = t.school.startDate;
    expect(titles((await list(`?startsAfter=${start}`)).items)).toEqual([
      'Construcción de aulas',
      'Clinic week in Copán',
    ]);
    expect(titles((await list(`?startsBefore=${start}`)).items)).toEqual([
      ...byStart(),
      'Construcción de aulas',
    ]);
    expect(titles((await list(`?startsAfter=${start}&startsBefore=${start}`)).items)).toEqual([
      'Construcción de aulas',
    ]);
  });

  it('requires every requested skill', async () => {
    expect((await list('?skill=teaching')).items).toHaveLength(2);
    expect(titles((await list('?skill=teaching&skill=childcare')).items)).toEqual([
      'Tutoring girls in Antigua',
    ]);
    expect((await list('?skill=nursing&skill=teaching')).items).toEqual([]);
    expect((await list('?skill=childcare')).items).toHaveLength(3);
  });

  it('searches title and description with full-text search, every word as a prefix', async () => {
    expect(titles((await list('?q=tutor')).items)).toEqual(['Tutoring girls in Antigua']);
    expect(titles((await list('?q=escuela')).items)).toEqual(['Construcción de aulas']);
    expect(titles((await list('?q=CONSTRUCCIÓN')).items)).toEqual(['Construcción de aulas']);
    expect(titles((await list('?q=girls%20antigua')).items)).toEqual(['Tutoring girls in Antigua']);
    expect((await list('?q=tutoring%20clinic')).items).toEqual([]);
    expect((await list(`?q=${encodeURIComponent("o'brien & | ! :* (")}`)).items).toEqual([]);
  });

  it('keeps only trips with a free seat when hasSeats=true', async () => {
    expect(titles((await list('?hasSeats=true')).items)).not.toContain('Construcción de aulas');
    expect((await list('?hasSeats=true')).items).toHaveLength(3);
    expect((await list('?hasSeats=false')).items).toHaveLength(4);
  });

  it('combines filters', async () => {
    expect(titles((await list('?country=GT&skill=teaching&hasSeats=true&q=girls')).items)).toEqual([
      'Tutoring girls in Antigua',
    ]);
  });

  it('pages with a keyset cursor: limit 1 walks every item once, the last page says null', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...titles(page.items));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(titles((await list('')).items));
    expect(pages).toBe(4);
  });

  it('answers a page exactly the size of what is left with nextCursor null', async () => {
    const all = await list('?limit=4');
    expect(all.items).toHaveLength(4);
    expect(all.nextCursor).toBeNull();
    const first = await list('?limit=3');
    expect(first.nextCursor).not.toBeNull();
    const rest = await list(`?limit=3&cursor=${first.nextCursor}`);
    expect(titles(rest.items)).toEqual(['Clinic week in Copán']);
    expect(rest.nextCursor).toBeNull();
  });

  it('keeps filters across pages', async () => {
    const first = await list('?skill=childcare&limit=2');
    expect(first.items).toHaveLength(2);
    const second = await list(`?skill=childcare&limit=2&cursor=${first.nextCursor}`);
    expect(titles(second.items)).toEqual(['Clinic week in Copán']);
  });

  it.each([
    ['limit=0'],
    ['limit=101'],
    ['limit=abc'],
    ['cursor=not-a-cursor'],
    [`cursor=${Buffer.from(JSON.stringify(['2027-01-01'])).toString('base64url')}`],
    [`cursor=${Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url')}`],
    ['country=XX'],
    ['startsAfter=2027-02-30'],
    ['startsBefore=tomorrow'],
    [`startsAfter=${daysFromNow(20)}&startsBefore=${daysFromNow(10)}`],
    ['skill=Not%20A%20Slug'],
    ['hasSeats=maybe'],
    ['q=%21%21%21'],
    [`q=${'a'.repeat(201)}`],
    ['sort=title'],
  ])('answers 400 for ?%s', async (query) => {
    const res = await api.http.get(`/trips?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.statusCode).toBe(400);
  });

  it('reads a page with one query, whatever its size (no N+1): checked in the TypeORM query log', async () => {
    const port = await getFreePort();
    let proc: RunningProcess | undefined;
    try {
      proc = await startApiProcess({ ...api.env.vars, TYPEORM_LOGGING: 'true' }, port);
      const http = new HttpClient(`http://127.0.0.1:${port}`);
      // TypeORM colours its log when CI is set: count the lines without the colour codes.
      // eslint-disable-next-line no-control-regex
      const plain = () => proc!.output().replace(/\u001b\[[0-9;]*m/g, '');
      const count = () => (plain().match(/^query: /gm) ?? []).length;
      for (const query of ['?limit=1', '?limit=100', '?limit=100&skill=childcare&q=girls']) {
        const before = count();
        const res = await http.get(`/trips${query}`);
        expect(res.status).toBe(200);
        // The log is written asynchronously: wait for the line, then make sure no more follow.
        await waitFor('the query log', async () => count() > before);
        await new Promise((r) => setTimeout(r, 200));
        expect(count() - before).toBe(1);
      }
    } finally {
      await proc?.stop();
    }
  });

  it('uses the indexes: the plan of a filtered page reads no sequential scan of trips', async () => {
    const db = await connectDb(api.env);
    try {
      await db.query('SET enable_seqscan = off');
      const { rows } = await db.query(
        `EXPLAIN SELECT t.id FROM trips t WHERE t.status = 'published' AND t.start_date > now()::date
            AND t.skills @> ARRAY['teaching']::varchar[] AND t.search @@ to_tsquery('simple', 'girls:*')
          ORDER BY t.start_date, t.id LIMIT 21`,
      );
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).not.toMatch(/Seq Scan on trips/);
      expect(plan).toMatch(/trips_(search_gin|skills_gin|listing_idx)/);
    } finally {
      await db.end();
    }
  });
});
