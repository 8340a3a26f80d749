import { randomBytes } from 'node:crypto';
import type { HttpClient } from './http-client';

export interface TestUser {
  id: string;
  email: string;
  name: string;
  token: string;
}

const unique = () => randomBytes(5).toString('hex');

export async function registerUser(
  http: HttpClient,
  overrides: { email?: string; name?: string; password?: string } = {},
): Promise<TestUser> {
  const email = overrides.email ?? `volunteer-${unique()}@example.org`;
  const res = await http.post('/auth/register', {
    email,
    password: overrides.password ?? 'a-long-password-1',
    name: overrides.name ?? 'Test Volunteer',
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  return {
    id: res.body.user.id,
    email: res.body.user.email,
    name: res.body.user.name,
    token: res.body.accessToken,
  };
}

export async function loginAdmin(http: HttpClient): Promise<TestUser> {
  const email = process.env.BOOTSTRAP_ADMIN_EMAIL as string;
  const res = await http.post('/auth/login', {
    email,
    password: process.env.BOOTSTRAP_ADMIN_PASSWORD,
  });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${res.text}`);
  return { id: res.body.user.id, email, name: res.body.user.name, token: res.body.accessToken };
}

export async function createOrganization(
  http: HttpClient,
  admin: TestUser,
  overrides: Record<string, unknown> = {},
) {
  const res = await http.post(
    '/organizations',
    { name: 'Hogar de Niñas Esperanza', slug: `org-${unique()}`, ...overrides },
    { token: admin.token },
  );
  if (res.status !== 201) throw new Error(`create organization failed: ${res.status} ${res.text}`);
  return res.body as { id: string; name: string; slug: string; timeZone: string };
}

/** An organisation with one coordinator (a fresh user made a member). */
export async function createOrgWithCoordinator(http: HttpClient, admin?: TestUser) {
  const a = admin ?? (await loginAdmin(http));
  const org = await createOrganization(http, a);
  const coordinator = await registerUser(http, {
    email: `coordinator-${unique()}@example.org`,
    name: 'Test Coordinator',
  });
  const res = await http.post(
    `/organizations/${org.id}/members`,
    { email: coordinator.email, role: 'coordinator' },
    { token: a.token },
  );
  if (res.status !== 201) throw new Error(`add member failed: ${res.status} ${res.text}`);
  return { admin: a, org, coordinator };
}

export const completeProfileBody = (overrides: Record<string, unknown> = {}) => ({
  dateOfBirth: '1995-04-12',
  phone: '+15125550100',
  country: 'US',
  languages: [
    { code: 'en', level: 5 },
    { code: 'es', level: 3 },
  ],
  skills: [{ skill: 'counseling', level: 3 }],
  emergencyContact: { name: 'Ana López', phone: '+15125550101', relation: 'mother' },
  passportExpiresOn: '2035-01-01',
  locale: 'en',
  ...overrides,
});

export async function completeProfile(
  http: HttpClient,
  user: TestUser,
  overrides: Record<string, unknown> = {},
) {
  const res = await http.put('/me/profile', completeProfileBody(overrides), { token: user.token });
  if (res.status !== 200) throw new Error(`profile failed: ${res.status} ${res.text}`);
  return res.body;
}
