import { startTestApi, TestApi } from '../support/api-app';
import { completeProfileBody, loginAdmin, registerUser } from '../support/factories';

describe('profiles and the skill taxonomy', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api.close());

  it('starts incomplete, names what is missing, and becomes complete', async () => {
    const u = await registerUser(api.http);
    const empty = await api.http.get('/me/profile', { token: u.token });
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({
      complete: false,
      missing: ['dateOfBirth', 'phone', 'country', 'emergencyContact'],
      locale: 'en',
    });

    const partial = await api.http.put(
      '/me/profile',
      { phone: '+50255551234', country: 'gt' },
      { token: u.token },
    );
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({
      country: 'GT',
      complete: false,
      missing: ['dateOfBirth', 'emergencyContact'],
    });

    const full = await api.http.put('/me/profile', completeProfileBody({ locale: 'es' }), {
      token: u.token,
    });
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({
      complete: true,
      missing: [],
      locale: 'es',
      skills: [{ skill: 'counseling', level: 3 }],
    });
    const again = await api.http.get('/me/profile', { token: u.token });
    expect(again.body).toEqual(full.body);
  });

  it('keeps the passport expiry optional for completeness', async () => {
    const u = await registerUser(api.http);
    const res = await api.http.put(
      '/me/profile',
      completeProfileBody({ passportExpiresOn: undefined }),
      { token: u.token },
    );
    expect(res.body).toMatchObject({ complete: true, passportExpiresOn: null });
  });

  it('refuses skills outside the taxonomy and repeated entries, writing nothing', async () => {
    const u = await registerUser(api.http);
    await api.http.put('/me/profile', completeProfileBody(), { token: u.token });
    const res = await api.http.put(
      '/me/profile',
      completeProfileBody({
        skills: [{ skill: 'juggling', level: 2 }],
        languages: [
          { code: 'es', level: 2 },
          { code: 'es', level: 3 },
        ],
      }),
      { token: u.token },
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain('juggling');
    expect(JSON.stringify(res.body.message)).toContain('es more than once');
    const after = await api.http.get('/me/profile', { token: u.token });
    expect(after.body.skills).toEqual([{ skill: 'counseling', level: 3 }]);
  });

  it('lists the seeded skills, paginated', async () => {
    const slugs: string[] = [];
    let cursor: string | null = null;
    do {
      const page: {
        status: number;
        body: { items: { slug: string }[]; nextCursor: string | null };
      } = await api.http.get(`/skills?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(5);
      slugs.push(...page.body.items.map((s) => s.slug));
      cursor = page.body.nextCursor;
    } while (cursor);
    for (const s of [
      'counseling',
      'social-work',
      'nursing',
      'medicine',
      'childcare',
      'teaching',
      'english-teaching',
      'construction',
      'legal-research',
      'translation',
      'accounting',
      'it-support',
      'photography',
    ]) {
      expect(slugs).toContain(s);
    }
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it('lets only admins add skills', async () => {
    const admin = await loginAdmin(api.http);
    const volunteer = await registerUser(api.http);
    const body = { slug: 'music-therapy', name: 'Music therapy', category: 'care' };
    expect((await api.http.post('/skills', body, { token: volunteer.token })).status).toBe(403);
    expect((await api.http.post('/skills', body)).status).toBe(401);
    const created = await api.http.post('/skills', body, { token: admin.token });
    expect(created.status).toBe(201);
    expect(created.body).toEqual(body);
    expect((await api.http.post('/skills', body, { token: admin.token })).status).toBe(409);
    const profile = await api.http.put(
      '/me/profile',
      completeProfileBody({ skills: [{ skill: 'music-therapy', level: 4 }] }),
      { token: volunteer.token },
    );
    expect(profile.status).toBe(200);
  });
});
