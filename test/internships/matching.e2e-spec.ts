import {
  blockingPairs,
  buildCandidates,
  matchOptimal,
  matchStable,
  type MatchApplication,
  type MatchNeed,
} from '@puente/matching';
import { simpleParser } from 'mailparser';
import type { Client } from 'pg';
import { startTestApi, TestApi } from '../support/api-app';
import { createOrgWithCoordinator, type TestUser } from '../support/factories';
import { startProcess, waitFor, WORKER_MAIN, type RunningProcess } from '../support/processes';
import { TestSmtpServer } from '../support/smtp-server';
import { connectDb } from '../support/test-env';
import {
  applicationInput,
  createNeed,
  greedyTotal,
  intern,
  needInput,
  type Intern,
} from './internship-fixtures';

type Org = Awaited<ReturnType<typeof createOrgWithCoordinator>>;

const proposalsOf = (r: { proposals: any[] }) =>
  r.proposals.map((p) => ({
    needId: p.needId,
    applicationId: p.internApplicationId,
    score: p.score,
    explanation: p.explanation,
  }));

describe('internships: needs, candidates, runs computed by a real worker, apply, accept/decline, emails', () => {
  let api: TestApi;
  let worker: RunningProcess;
  let smtp: TestSmtpServer;
  let db: Client;
  let o: Org;
  let other: Org;
  let needs: { A: any; B: any; C: any };
  let i: Record<'ines' | 'bruno' | 'carla' | 'diego' | 'elena' | 'fabio', Intern>;
  let apps: MatchApplication[];
  let input: MatchNeed[];
  let optimalRunId: string;
  let stableRunId: string;

  const auth = (u: TestUser) => ({ token: u.token });

  async function completedRun(id: string, token: string) {
    return waitFor(
      `run ${id} to complete`,
      async () => {
        const res = await api.http.get(`/matching-runs/${id}`, { token });
        if (res.body.status === 'failed') throw new Error(`run failed: ${res.body.error}`);
        return res.body.status === 'completed' ? res.body : undefined;
      },
      60_000,
    );
  }

  async function startRun(body: Record<string, unknown>) {
    const res = await api.http.post(
      `/organizations/${o.org.id}/matching-runs`,
      body,
      auth(o.coordinator),
    );
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'queued' });
    return completedRun(res.body.id, o.coordinator.token);
  }

  async function placementOf(who: Intern, status?: string) {
    const res = await api.http.get('/me/placements', auth(who.user));
    expect(res.status).toBe(200);
    return res.body.items.find((p: any) => !status || p.status === status);
  }

  /** Waits until a message with this subject has reached the address (other mail may come too). */
  async function mailWithSubject(email: string, subject: string): Promise<true> {
    return waitFor(`"${subject}" to ${email}`, async () => {
      const mine = smtp.received.filter((m) => m.envelopeTo.includes(email));
      const subjects = await Promise.all(
        mine.map(async (m) => (await simpleParser(m.raw)).subject),
      );
      return subjects.includes(subject) || undefined;
    });
  }

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    api = await startTestApi({
      SMTP_URL: smtp.url,
      OUTBOX_SWEEP_MS: '500',
      // Keep a requested check pending for the whole test (the sandbox would clear it).
      SANDBOX_CHECK_DELAY_MS: '3600000',
    });
    worker = startProcess(WORKER_MAIN, api.env.vars);
    db = await connectDb(api.env);
    o = await createOrgWithCoordinator(api.http);
    other = await createOrgWithCoordinator(api.http, o.admin);

    const token = o.coordinator.token;
    needs = {
      A: await createNeed(api.http, o.org.id, token),
      B: await createNeed(api.http, o.org.id, token, {
        title: 'Legal research intern',
        requiredSkills: [{ skill: 'legal-research', minLevel: 2 }],
        preferredSkills: [],
        languages: [{ code: 'es', minLevel: 2 }],
        requiresBackgroundCheck: true,
      }),
      C: await createNeed(api.http, o.org.id, token, {
        title: 'English teacher, girls’ home school',
        slots: 2,
        requiredSkills: [{ skill: 'english-teaching', minLevel: 2 }],
        preferredSkills: [{ skill: 'teaching', weight: 2 }],
        languages: [],
      }),
    };
    const en = { code: 'en', level: 5 };
    // Inés is the best counsellor but also the only legal researcher: a greedy pass gives her
    // the counselling need and leaves legal research empty; the optimum moves her and takes Bruno.
    i = {
      ines: await intern(api.http, 'Inés', {
        skills: [
          { skill: 'counseling', level: 5 },
          { skill: 'legal-research', level: 5 },
          { skill: 'social-work', level: 3 },
        ],
        languages: [{ code: 'es', level: 5 }, en],
      }),
      bruno: await intern(api.http, 'Bruno', {
        skills: [{ skill: 'counseling', level: 3 }],
        languages: [{ code: 'es', level: 3 }, en],
      }),
      carla: await intern(api.http, 'Carla', {
        skills: [
          { skill: 'english-teaching', level: 4 },
          { skill: 'teaching', level: 3 },
        ],
        languages: [en],
      }),
      diego: await intern(api.http, 'Diego', {
        skills: [{ skill: 'english-teaching', level: 2 }],
        languages: [en],
      }),
      elena: await intern(
        api.http,
        'Elena',
        {
          skills: [
            { skill: 'english-teaching', level: 3 },
            { skill: 'teaching', level: 1 },
          ],
          languages: [en],
        },
        { preferences: [needs.C.id, needs.A.id] },
      ),
      // Available only until May: eligible for nothing.
      fabio: await intern(
        api.http,
        'Fabio',
        { skills: [{ skill: 'counseling', level: 5 }], languages: [{ code: 'es', level: 5 }] },
        { availableTo: '2027-05-31' },
      ),
    };
    apps = [];
    for (const x of Object.values(i)) {
      const res = await api.http.get(`/intern-applications/${x.applicationId}`, auth(x.user));
      expect(res.status).toBe(200);
      apps.push(applicationInput(res.body));
    }
    input = [needs.A, needs.B, needs.C].map((n) => needInput(n));
  });

  afterAll(async () => {
    await worker?.stop();
    await db?.end();
    await api?.close();
    await smtp?.close();
  });

  it('creates needs open with the defaults, hiding the private location from the public', async () => {
    expect(needs.A).toMatchObject({
      status: 'open',
      slots: 1,
      slotsRemaining: 1,
      organization: { id: o.org.id, name: o.org.name },
      privateLocation: 'Casa segura, 4a Calle 3-21, Zona 1',
    });
    const defaults = await createNeed(api.http, other.org.id, other.coordinator.token, {
      requiresBackgroundCheck: undefined,
    });
    expect(defaults).toMatchObject({
      requiresBackgroundCheck: true,
      requiresSafeguardingTraining: false,
      requiresCodeOfConduct: false,
    });
    const anonymous = await api.http.get(`/needs/${needs.A.id}`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).not.toHaveProperty('privateLocation');
    const list = await api.http.get('/needs?skill=counseling&limit=100');
    expect(list.status).toBe(200);
    expect(list.body.items.map((n: any) => n.id)).toEqual(
      expect.arrayContaining([needs.A.id, defaults.id]),
    );
    expect(list.body.items.map((n: any) => n.id)).not.toContain(needs.C.id);
    expect(JSON.stringify(list.body)).not.toContain('Casa segura');
    const paged = await api.http.get('/needs?limit=1');
    expect(paged.body.items).toHaveLength(1);
    const next = await api.http.get(`/needs?limit=1&cursor=${paged.body.nextCursor}`);
    expect(next.body.items[0].id).not.toBe(paged.body.items[0].id);
    await api.http.post(`/needs/${defaults.id}/close`, {}, auth(other.coordinator));
  });

  it('ranks the eligible candidates of a need best first, with the same scores as the library', async () => {
    const expected = buildCandidates(apps, [input[0]]);
    expect(expected.map((c) => c.applicationId)).toEqual([
      i.ines.applicationId,
      i.bruno.applicationId,
    ]);
    const first = await api.http.get(
      `/needs/${needs.A.id}/candidates?limit=1`,
      auth(o.coordinator),
    );
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    const second = await api.http.get(
      `/needs/${needs.A.id}/candidates?limit=1&cursor=${first.body.nextCursor}`,
      auth(o.coordinator),
    );
    expect(second.body.nextCursor).toBeNull();
    const items = [...first.body.items, ...second.body.items];
    expect(
      items.map((c: any) => ({
        applicationId: c.internApplicationId,
        needId: needs.A.id,
        score: c.score,
        explanation: c.explanation,
      })),
    ).toEqual(expected);
    // The limited view: name, skills, languages, availability, statement — nothing more.
    expect(Object.keys(items[0]).sort()).toEqual([
      'availableFrom',
      'availableTo',
      'explanation',
      'internApplicationId',
      'languages',
      'score',
      'skills',
      'statement',
      'volunteer',
    ]);
    expect(items[0].volunteer).toEqual({ id: i.ines.user.id, name: 'Inés' });
  });

  it('keeps candidates to the need’s coordinators', async () => {
    const path = `/needs/${needs.A.id}/candidates`;
    expect((await api.http.get(path, auth(i.ines.user))).status).toBe(403);
    expect((await api.http.get(path, auth(other.coordinator))).status).toBe(403);
    expect((await api.http.get(path)).status).toBe(401);
    expect(
      (await api.http.get(`/needs/${needs.A.id}/candidates?limit=0`, auth(o.coordinator))).status,
    ).toBe(400);
  });

  it('computes an optimal run in the worker: the library’s optimum, better than a greedy pass', async () => {
    const run = await startRun({ mode: 'optimal' });
    optimalRunId = run.id;
    const expected = matchOptimal(apps, input);
    expect(run.mode).toBe('optimal');
    expect(proposalsOf(run)).toEqual(expected.proposals);
    expect(run.totalScore).toBe(expected.totalScore);
    expect(run.totalScore).toBe(run.proposals.reduce((s: number, p: any) => s + p.score, 0));
    expect(run.totalScore).toBe(92);
    expect(run.totalScore).toBeGreaterThan(greedyTotal(buildCandidates(apps, input), input));
    expect(run.blockingPairs).toBe(expected.blockingPairs);
    expect(run.blockingPairs).toBe(1);
    expect(run.unfilledSlots).toEqual(expected.unfilledSlots);
    expect(
      run.unmatchedApplications.map((u: any) => ({
        applicationId: u.internApplicationId,
        reason: u.reason,
      })),
    ).toEqual(expected.unmatchedApplications);
    const fabio = run.unmatchedApplications.find(
      (u: any) => u.internApplicationId === i.fabio.applicationId,
    );
    expect(fabio.volunteer.name).toBe('Fabio');
    expect(fabio.reason).toMatch(/eligible for no need: dates not covered/);
    expect(
      run.proposals.find((p: any) => p.internApplicationId === i.ines.applicationId).needId,
    ).toBe(needs.B.id);
    // A pair's score is the same number in the candidates list and in the run.
    const candidates = await api.http.get(`/needs/${needs.A.id}/candidates`, auth(o.coordinator));
    const bruno = run.proposals.find((p: any) => p.internApplicationId === i.bruno.applicationId);
    expect(
      candidates.body.items.find((c: any) => c.internApplicationId === i.bruno.applicationId).score,
    ).toBe(bruno.score);
  });

  it('computes a stable run with no blocking pairs', async () => {
    const run = await startRun({ mode: 'stable' });
    stableRunId = run.id;
    const expected = matchStable(apps, input);
    expect(run.blockingPairs).toBe(0);
    expect(proposalsOf(run)).toEqual(expected.proposals);
    expect(run.totalScore).toBe(expected.totalScore);
    expect(run.totalScore).toBeLessThan(92);
  });

  it('keeps runs to the organisation’s coordinators', async () => {
    expect(
      (await api.http.get(`/matching-runs/${optimalRunId}`, auth(other.coordinator))).status,
    ).toBe(404);
    expect((await api.http.get(`/matching-runs/${optimalRunId}`, auth(i.ines.user))).status).toBe(
      404,
    );
    expect(
      (await api.http.post(`/matching-runs/${optimalRunId}/apply`, {}, auth(other.coordinator)))
        .status,
    ).toBe(404);
    const foreign = await api.http.post(
      `/organizations/${o.org.id}/matching-runs`,
      { mode: 'optimal' },
      auth(other.coordinator),
    );
    expect(foreign.status).toBe(403);
    const notTheirs = await api.http.post(
      `/organizations/${other.org.id}/matching-runs`,
      { mode: 'optimal', needIds: [needs.A.id] },
      auth(other.coordinator),
    );
    expect(notTheirs.status).toBe(404);
    const list = await api.http.get(
      `/organizations/${o.org.id}/matching-runs`,
      auth(o.coordinator),
    );
    expect(list.body.items.map((r: any) => r.id)).toEqual([stableRunId, optimalRunId]);
  });

  it('lets a coordinator override proposals, checking eligibility and capacity', async () => {
    const path = `/matching-runs/${stableRunId}/proposals`;
    const ineligible = await api.http.patch(
      path,
      { changes: [{ internApplicationId: i.fabio.applicationId, needId: needs.A.id }] },
      auth(o.coordinator),
    );
    expect(ineligible.status).toBe(422);
    expect(ineligible.body.reasons.join(' ')).toMatch(/not available/);
    const full = await api.http.patch(
      path,
      { changes: [{ internApplicationId: i.diego.applicationId, needId: needs.C.id }] },
      auth(o.coordinator),
    );
    expect(full.status).toBe(422);
    expect(full.body.reasons.join(' ')).toMatch(/free slot/);
    const before = (await api.http.get(`/matching-runs/${stableRunId}`, auth(o.coordinator))).body;
    const carla = before.proposals.find(
      (p: any) => p.internApplicationId === i.carla.applicationId,
    );
    const removed = await api.http.patch(
      path,
      { changes: [{ internApplicationId: i.carla.applicationId, needId: null }] },
      auth(o.coordinator),
    );
    expect(removed.status).toBe(200);
    expect(removed.body.overridden).toBe(true);
    expect(removed.body.totalScore).toBe(before.totalScore - carla.score);
    expect(removed.body.unfilledSlots).toEqual(
      [{ needId: needs.C.id, count: 1 }, ...before.unfilledSlots].sort((a, b) =>
        a.needId < b.needId ? -1 : 1,
      ),
    );
    expect(
      removed.body.unmatchedApplications.find(
        (u: any) => u.internApplicationId === i.carla.applicationId,
      ).reason,
    ).toMatch(/removed/);
    const expected = blockingPairs(
      apps,
      input,
      removed.body.proposals.map((p: any) => ({
        applicationId: p.internApplicationId,
        needId: p.needId,
      })),
    );
    expect(removed.body.blockingPairs).toBe(expected.count);
    expect(removed.body.blockingPairs).toBeGreaterThan(0);
  });

  it('applies a run once: placements offered and every intern emailed', async () => {
    const res = await api.http.post(
      `/matching-runs/${optimalRunId}/apply`,
      {},
      auth(o.coordinator),
    );
    expect(res.status).toBe(200);
    expect(res.body.appliedAt).toEqual(expect.any(String));
    expect(res.body.placements).toHaveLength(4);
    expect(res.body.placements.every((p: any) => p.status === 'offered')).toBe(true);
    const { rows } = await db.query(
      `SELECT user_id FROM notifications WHERE template = 'placement-offered' ORDER BY user_id`,
    );
    const offered = [i.ines, i.bruno, i.carla, i.elena].map((x) => x.user.id).sort();
    expect(rows.map((r) => r.user_id)).toEqual(offered);

    const again = await api.http.post(
      `/matching-runs/${optimalRunId}/apply`,
      {},
      auth(o.coordinator),
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('RUN_ALREADY_APPLIED');
    const stale = await api.http.post(
      `/matching-runs/${stableRunId}/apply`,
      {},
      auth(o.coordinator),
    );
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('RUN_STALE');
    expect(stale.body.reasons.length).toBeGreaterThan(0);
    const { rows: count } = await db.query(
      `SELECT count(*)::int AS n FROM placements WHERE run_id = $1`,
      [stableRunId],
    );
    expect(count[0].n).toBe(0);

    await mailWithSubject(i.ines.user.email, 'Internship offer: Legal research intern');
    await mailWithSubject(i.bruno.user.email, 'Internship offer: Aftercare counselling intern');
    for (const x of [i.carla, i.elena])
      await mailWithSubject(x.user.email, 'Internship offer: English teacher, girls’ home school');
  });

  it('an intern accepts a need that requires nothing: placed, and the need is filled', async () => {
    const offer = await placementOf(i.bruno, 'offered');
    expect(offer.need.id).toBe(needs.A.id);
    expect(offer.need).not.toHaveProperty('privateLocation');
    const someoneElse = await api.http.post(
      `/placements/${offer.id}/accept`,
      {},
      auth(i.carla.user),
    );
    expect(someoneElse.status).toBe(404);
    const res = await api.http.post(`/placements/${offer.id}/accept`, {}, auth(i.bruno.user));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('placed');
    expect(res.body.need.privateLocation).toBe('Casa segura, 4a Calle 3-21, Zona 1');
    expect(res.body.history.map((h: any) => [h.from, h.to])).toEqual([
      [null, 'offered'],
      ['offered', 'placed'],
    ]);
    const need = await api.http.get(`/needs/${needs.A.id}`, auth(o.coordinator));
    expect(need.body.status).toBe('filled');
    expect(
      (await api.http.post(`/placements/${offer.id}/accept`, {}, auth(i.bruno.user))).status,
    ).toBe(409);
    const { rows } = await db.query(
      `SELECT user_id FROM notifications WHERE template = 'placement-accepted' AND data->'placement'->>'id' = $1`,
      [offer.id],
    );
    expect(rows.map((r) => r.user_id)).toEqual([o.coordinator.id]);
  });

  it('an intern accepts a need requiring a background check: awaiting requirements, check requested', async () => {
    const offer = await placementOf(i.ines, 'offered');
    expect(offer.need.id).toBe(needs.B.id);
    const res = await api.http.post(`/placements/${offer.id}/accept`, {}, auth(i.ines.user));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('awaiting_requirements');
    expect(res.body.missing.map((m: any) => m.requirement)).toContain('background_check');
    const { rows: checks } = await db.query(
      `SELECT count(*)::int AS n FROM background_checks WHERE volunteer_id = $1`,
      [i.ines.user.id],
    );
    expect(checks[0].n).toBe(1);
    const { rows } = await db.query(
      `SELECT data FROM notifications WHERE template = 'placement-awaiting-requirements' AND user_id = $1`,
      [i.ines.user.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].data.missing.join(' ')).toMatch(/background check/i);
    // Still awaiting when read again (the check is pending); coordinators of the org may read it.
    const read = await api.http.get(`/placements/${offer.id}`, auth(o.coordinator));
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('awaiting_requirements');
    expect((await api.http.get(`/placements/${offer.id}`, auth(other.coordinator))).status).toBe(
      404,
    );
    await mailWithSubject(i.ines.user.email, 'Almost there: Legal research intern');
  });

  it('moves an awaiting placement to placed once the requirement is met (re-checked on read)', async () => {
    const awaiting = await placementOf(i.ines, 'awaiting_requirements');
    // The placement links Inés to the organisation: its coordinators may read her check.
    const { rows } = await db.query(`SELECT id FROM background_checks WHERE volunteer_id = $1`, [
      i.ines.user.id,
    ]);
    const checkPath = `/background-checks/${rows[0].id}`;
    expect((await api.http.get(checkPath, auth(o.coordinator))).status).toBe(200);
    expect([403, 404]).toContain((await api.http.get(checkPath, auth(other.coordinator))).status);
    // The provider reports a clear result (as its webhook would; its delay is an hour in this test).
    await db.query(
      `UPDATE background_checks SET status = 'completed', result = 'clear', completed_at = now(),
              expires_on = '2029-12-31' WHERE id = $1`,
      [rows[0].id],
    );
    const stillAwaiting = await api.http.get(
      `/organizations/${o.org.id}/placements?status=awaiting_requirements`,
      auth(o.coordinator),
    );
    expect(stillAwaiting.body.items.map((p: any) => p.id)).toEqual([awaiting.id]);
    const read = await api.http.get(`/placements/${awaiting.id}`, auth(i.ines.user));
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('placed');
    expect(read.body.missing).toEqual([]);
    expect(read.body.history.map((h: any) => [h.from, h.to, h.by])).toEqual([
      [null, 'offered', o.coordinator.id],
      ['offered', 'awaiting_requirements', i.ines.user.id],
      ['awaiting_requirements', 'placed', null],
    ]);
    expect((await api.http.get(`/needs/${needs.B.id}`, auth(o.coordinator))).body.status).toBe(
      'filled',
    );
    await mailWithSubject(i.ines.user.email, "You're placed: Legal research intern");
  });

  it('a decline frees the slot, and the next run proposes someone else for it', async () => {
    const offer = await placementOf(i.elena, 'offered');
    expect(offer.need.id).toBe(needs.C.id);
    const res = await api.http.post(`/placements/${offer.id}/decline`, {}, auth(i.elena.user));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('declined');
    const need = await api.http.get(`/needs/${needs.C.id}`);
    expect(need.body.slotsRemaining).toBe(1);
    const { rows } = await db.query(
      `SELECT user_id FROM notifications WHERE template = 'placement-declined'`,
    );
    expect(rows.map((r) => r.user_id)).toEqual([o.coordinator.id]);

    const run = await startRun({ mode: 'optimal', needIds: [needs.C.id] });
    expect(run.proposals.map((p: any) => [p.needId, p.internApplicationId])).toEqual([
      [needs.C.id, i.diego.applicationId],
    ]);
    const elena = run.unmatchedApplications.find(
      (u: any) => u.internApplicationId === i.elena.applicationId,
    );
    expect(elena.reason).toMatch(/declined/);
    expect(run.unfilledSlots).toEqual([]);
  });
});
