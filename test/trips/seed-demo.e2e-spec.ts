import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createApiApp } from '../../apps/api/src/api.factory';
import { HttpClient } from '../support/http-client';
import { createTestEnv } from '../support/test-env';
import { databaseUrl, runId } from '../support/test-run';

const ROOT = join(__dirname, '..', '..');

function seed(env: Record<string, string>) {
  return spawnSync('npm', ['run', '-s', 'seed:demo'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('npm run seed:demo', () => {
  it('creates, migrates and fills a fresh database, prints working credentials, and refuses to run twice', async () => {
    // A database that does not exist yet, as on a new machine (dropped by the global teardown).
    const url = databaseUrl(`puente_t_${runId()}_seed${randomBytes(3).toString('hex')}`);
    const env = await createTestEnv({ DATABASE_URL: url });
    const first = seed(env.vars);
    expect(first.stderr).not.toMatch(/failed/);
    expect(first.status).toBe(0);
    const password = (who: string) =>
      new RegExp(`${who}\\s+(\\S+@\\S+) / (\\S+)`).exec(first.stdout)!.slice(1, 3);
    const [volunteerEmail, volunteerPassword] = password('volunteer');
    const [coordinatorEmail, coordinatorPassword] = password('coordinator');
    expect(first.stdout).toContain('Hogar de Niñas Esperanza');

    const again = seed(env.vars);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already has data.*Nothing was written/);

    const app = await createApiApp();
    await app.listen(0, '127.0.0.1');
    try {
      const http = new HttpClient(
        `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`,
      );
      const trips = (await http.get('/trips')).body.items as {
        id: string;
        title: string;
        admission: string;
        organization: { name: string };
      }[];
      expect(trips).toHaveLength(5);
      expect(new Set(trips.map((t) => t.admission))).toEqual(new Set(['review', 'auto']));
      expect(new Set(trips.map((t) => t.organization.name))).toEqual(
        new Set(['Hogar de Niñas Esperanza', 'Justicia para la Niñez']),
      );
      const login = async (email: string, pw: string) => {
        const res = await http.post('/auth/login', { email, password: pw });
        expect(res.status).toBe(200);
        return res.body.accessToken as string;
      };
      const volunteer = await login(volunteerEmail, volunteerPassword);
      const coordinator = await login(coordinatorEmail, coordinatorPassword);
      const repair = trips.find((t) => t.title === 'Classroom repair week')!;
      const applied = await http.post(
        `/trips/${repair.id}/applications`,
        { motivation: 'I have built houses with my church for years.' },
        { token: volunteer },
      );
      expect(applied.status).toBe(201);
      expect(applied.body.status).toBe('accepted');
      const confirmed = await http.post(`/applications/${applied.body.id}/confirm`, undefined, {
        token: coordinator,
      });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.trip.privateLocation).toMatch(/parish hall/);
      const review = trips.find((t) => t.admission === 'review')!;
      expect(
        (
          await http.post(
            `/trips/${review.id}/applications`,
            { motivation: 'I would love to tutor the girls.' },
            { token: volunteer },
          )
        ).body.status,
      ).toBe('submitted');
    } finally {
      await app.close();
    }
  }, 120_000);
});
