import { startTestApi, TestApi } from '../support/api-app';
import { registerUser } from '../support/factories';

describe('rate limits on login and register', () => {
  let api: TestApi;
  beforeAll(async () => {
    // Behind a trusted proxy the client address comes from X-Forwarded-For, so the test can be many clients.
    api = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'true' });
  });
  afterAll(async () => api.close());

  const login = (email: string, address: string) =>
    api.http.post(
      '/auth/login',
      { email, password: 'whatever-password' },
      { headers: { 'x-forwarded-for': address } },
    );

  it('limits attempts per email, whatever the address', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await login('target@example.org', `10.0.0.${i + 1}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('limits attempts per address, whatever the email', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await login(`person${i}@example.org`, '10.1.1.1')).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('limits registrations per address', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const res = await api.http.post(
        '/auth/register',
        { email: `new${i}@example.org`, password: 'long-enough-1', name: 'New' },
        { headers: { 'x-forwarded-for': '10.2.2.2' } },
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
  });

  it('does not limit anything else', async () => {
    const u = await registerUser(api.http, {});
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++)
      statuses.add((await api.http.get('/me', { token: u.token })).status);
    for (let i = 0; i < 12; i++) statuses.add((await api.http.get('/skills')).status);
    expect([...statuses]).toEqual([200]);
  });
});
