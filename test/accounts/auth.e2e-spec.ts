import { startTestApi, TestApi } from '../support/api-app';
import { connectDb } from '../support/test-env';
import { loginAdmin, registerUser } from '../support/factories';

describe('accounts: register, login, /me', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api.close());

  it('registers, logs in with any letter case, and reads /me', async () => {
    const reg = await api.http.post('/auth/register', {
      email: 'Rosa.Perez@Example.org',
      password: 'ten-chars-ok',
      name: 'Rosa Pérez',
    });
    expect(reg.status).toBe(201);
    expect(reg.body.user).toMatchObject({
      email: 'rosa.perez@example.org',
      name: 'Rosa Pérez',
      isAdmin: false,
      memberships: [],
    });
    expect(typeof reg.body.accessToken).toBe('string');
    expect(JSON.stringify(reg.body)).not.toContain('password');

    const login = await api.http.post('/auth/login', {
      email: 'ROSA.PEREZ@example.org',
      password: 'ten-chars-ok',
    });
    expect(login.status).toBe(200);
    const me = await api.http.get('/me', { token: login.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: reg.body.user.id,
      email: 'rosa.perez@example.org',
      name: 'Rosa Pérez',
      isAdmin: false,
      memberships: [],
    });
  });

  it('refuses a second account for the same email in another case (409), writing nothing', async () => {
    await registerUser(api.http, { email: 'dup@example.org' });
    const again = await api.http.post('/auth/register', {
      email: 'DUP@Example.ORG',
      password: 'ten-chars-ok',
      name: 'Dup',
    });
    expect(again.status).toBe(409);
    const db = await connectDb(api.env);
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM users WHERE email = 'dup@example.org'`,
    );
    await db.end();
    expect(rows[0].n).toBe(1);
  });

  it('answers unknown email and wrong password with the same 401', async () => {
    await registerUser(api.http, { email: 'known@example.org', password: 'the-right-password' });
    const wrong = await api.http.post('/auth/login', {
      email: 'known@example.org',
      password: 'the-wrong-password',
    });
    const unknown = await api.http.post('/auth/login', {
      email: 'nobody@example.org',
      password: 'the-wrong-password',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('stores passwords as argon2id hashes', async () => {
    const u = await registerUser(api.http, { password: 'plain-text-never-stored' });
    const db = await connectDb(api.env);
    const { rows } = await db.query('SELECT password_hash FROM users WHERE id = $1', [u.id]);
    await db.end();
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0].password_hash).not.toContain('plain-text-never-stored');
  });

  it('bootstraps the admin from the environment', async () => {
    const admin = await loginAdmin(api.http);
    const me = await api.http.get('/me', { token: admin.token });
    expect(me.body).toMatchObject({ email: 'admin@puente.test', isAdmin: true });
  });

  it.each([
    ['no header', undefined],
    ['a forged token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'],
    ['garbage', 'not-a-jwt'],
  ])('answers 401 for /me with %s', async (_, token) => {
    const res = await api.http.get('/me', { token });
    expect(res.status).toBe(401);
    expect(res.body.statusCode).toBe(401);
  });

  it('answers 401 for an expired token and for one signed with another secret', async () => {
    const { JwtService } = await import('@nestjs/jwt');
    const u = await registerUser(api.http);
    const expired = await new JwtService({ secret: process.env.JWT_SECRET }).signAsync(
      { sub: u.id },
      { expiresIn: -10 },
    );
    const foreign = await new JwtService({ secret: 'another-secret-of-16-chars' }).signAsync({
      sub: u.id,
    });
    expect((await api.http.get('/me', { token: expired })).status).toBe(401);
    expect((await api.http.get('/me', { token: foreign })).status).toBe(401);
  });
});
