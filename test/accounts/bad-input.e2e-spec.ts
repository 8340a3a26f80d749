import type { Client } from 'pg';
import { startTestApi, TestApi } from '../support/api-app';
import {
  completeProfileBody,
  createOrganization,
  loginAdmin,
  registerUser,
  TestUser,
} from '../support/factories';
import { connectDb } from '../support/test-env';

type Who = 'anyone' | 'volunteer' | 'admin';
interface BadCase {
  name: string;
  method: 'POST' | 'PUT' | 'PATCH';
  path: string;
  who: Who;
  body?: unknown;
  raw?: string;
  contentType?: string;
  /** A word the error message must contain (the field at fault). */
  mentions: string;
}

const long = (n: number) => 'x'.repeat(n);
const profile = (overrides: Record<string, unknown>) => completeProfileBody(overrides);

const cases: BadCase[] = [
  {
    name: 'register: malformed JSON',
    method: 'POST',
    path: '/auth/register',
    who: 'anyone',
    raw: '{"email": "a@b.org",',
    mentions: 'JSON',
  },
  {
    name: 'register: empty body',
    method: 'POST',
    path: '/auth/register',
    who: 'anyone',
    body: {},
    mentions: 'email',
  },
  {
    name: 'register: bad email',
    method: 'POST',
    path: '/auth/register',
    who: 'anyone',
    body: { email: 'not-an-email', password: 'long-enough-1', name: 'A' },
    mentions: 'email',
  },
  {
    name: 'register: short password',
    method: 'POST',
    path: '/auth/register',
    who: 'anyone',
    body: { email: 'short@example.org', password: 'short', name: 'A' },
    mentions: 'password',
  },
  {
    name: 'register: password a number',
    method: 'POST',
    path: '/auth/register',
    who: 'anyone',
    body: { email: 'num@example.org', password: 12345678901, name: 'A' },
    mentions: 'password',
  },
  {
    name: 'register: missing name',
    method: 'POST',
    path: '/auth/register',
    who: 'anyone',
    body: { email: 'noname@example.org', password: 'long-enough-1' },
    mentions: 'name',
  },
  {
    name: 'register: over-long name',
    method: 'POST',
    path: '/auth/register',
    who: 'anyone',
    body: { email: 'longname@example.org', password: 'long-enough-1', name: long(201) },
    mentions: 'name',
  },
  {
    name: 'register: over-long email',
    method: 'POST',
    path: '/auth/register',
    who: 'anyone',
    body: { email: `${long(250)}@example.org`, password: 'long-enough-1', name: 'A' },
    mentions: 'email',
  },
  {
    name: 'register: unknown field',
    method: 'POST',
    path: '/auth/register',
    who: 'anyone',
    body: { email: 'extra@example.org', password: 'long-enough-1', name: 'A', isAdmin: true },
    mentions: 'isAdmin',
  },
  {
    name: 'register: array body',
    method: 'POST',
    path: '/auth/register',
    who: 'anyone',
    body: [{ email: 'arr@example.org' }],
    mentions: 'email',
  },
  {
    name: 'login: email an object',
    method: 'POST',
    path: '/auth/login',
    who: 'anyone',
    body: { email: { $ne: '' }, password: 'x' },
    mentions: 'email',
  },
  {
    name: 'login: missing password',
    method: 'POST',
    path: '/auth/login',
    who: 'anyone',
    body: { email: 'a@example.org' },
    mentions: 'password',
  },
  {
    name: 'login: text/plain body',
    method: 'POST',
    path: '/auth/login',
    who: 'anyone',
    raw: 'email=a@example.org',
    contentType: 'text/plain',
    mentions: 'email',
  },
  {
    name: 'profile: bad date of birth',
    method: 'PUT',
    path: '/me/profile',
    who: 'volunteer',
    body: profile({ dateOfBirth: '1995-02-30' }),
    mentions: 'dateOfBirth',
  },
  {
    name: 'profile: date of birth in the future',
    method: 'PUT',
    path: '/me/profile',
    who: 'volunteer',
    body: profile({ dateOfBirth: '2999-01-01' }),
    mentions: 'dateOfBirth',
  },
  {
    name: 'profile: date of birth as timestamp',
    method: 'PUT',
    path: '/me/profile',
    who: 'volunteer',
    body: profile({ dateOfBirth: '1995-04-12T00:00:00Z' }),
    mentions: 'dateOfBirth',
  },
  {
    name: 'profile: bad phone',
    method: 'PUT',
    path: '/me/profile',
    who: 'volunteer',
    body: profile({ phone: 'call me' }),
    mentions: 'phone',
  },
  {
    name: 'profile: unknown country',
    method: 'PUT',
    path: '/me/profile',
    who: 'volunteer',
    body: profile({ country: 'XX' }),
    mentions: 'country',
  },
  {
    name: 'profile: country a number',
    method: 'PUT',
    path: '/me/profile',
    who: 'volunteer',
    body: profile({ country: 502 }),
    mentions: 'country',
  },
  {
    name: 'profile: language level 6',
    method: 'PUT',
    path: '/me/profile',
    who: 'volunteer',
    body: profile({ languages: [{ code: 'es', level: 6 }] }),
    mentions: 'level',
  },
  {
    name: 'profile: unknown language code',
    method: 'PUT',
    path: '/me/profile',
    who: 'volunteer',
    body: profile({ languages: [{ code: 'spanish', level: 3 }] }),
    mentions: 'code',
  },
  {
    name: 'profile: languages not an array',
    method: 'PUT',
    path: '/me/profile',
    who: 'volunteer',
    body: profile({ languages: 'es' }),
    mentions: 'languages',
  },
  {
    name: 'profile: skill level 0',
    method: 'PUT',
    path: '/me/profile',
    who: 'volunteer',
    body: profile({ skills: [{ skill: 'nursing', level: 0 }] }),
    mentions: 'level',
  },
  {
    name: 'profile: skill level fractional',
    method: 'PUT',
    path: '/me/profile',
    who: 'volunteer',
    body: profile({ skills: [{ skill: 'nursing', level: 2.5 }] }),
    mentions: 'level',
  },
  {
    name: 'profile: unknown skill',
    method: 'PUT',
    path: '/me/profile',
    who: 'volunteer',
    body: profile({ skills: [{ skill: 'juggling', level: 2 }] }),
    mentions: 'juggling',
  },
  {
    name: 'profile: emergency contact without phone',
    method: 'PUT',
    path: '/me/profile',
    who: 'volunteer',
    body: profile({ emergencyContact: { name: 'Ana', relation: 'mother' } }),
    mentions: 'emergencyContact',
  },
  {
    name: 'profile: emergency contact a string',
    method: 'PUT',
    path: '/me/profile',
    who: 'volunteer',
    body: profile({ emergencyContact: 'Ana' }),
    mentions: 'emergencyContact',
  },
  {
    name: 'profile: locale fr',
    method: 'PUT',
    path: '/me/profile',
    who: 'volunteer',
    body: profile({ locale: 'fr' }),
    mentions: 'locale',
  },
  {
    name: 'profile: bad passport date',
    method: 'PUT',
    path: '/me/profile',
    who: 'volunteer',
    body: profile({ passportExpiresOn: 'next year' }),
    mentions: 'passportExpiresOn',
  },
  {
    name: 'profile: unknown field',
    method: 'PUT',
    path: '/me/profile',
    who: 'volunteer',
    body: profile({ ssn: '123-45-6789' }),
    mentions: 'ssn',
  },
  {
    name: 'profile: nested unknown field',
    method: 'PUT',
    path: '/me/profile',
    who: 'volunteer',
    body: profile({ skills: [{ skill: 'nursing', level: 2, years: 4 }] }),
    mentions: 'years',
  },
  {
    name: 'organization: bad slug',
    method: 'POST',
    path: '/organizations',
    who: 'admin',
    body: { name: 'Casa', slug: 'Casa Esperanza!' },
    mentions: 'slug',
  },
  {
    name: 'organization: name too short',
    method: 'POST',
    path: '/organizations',
    who: 'admin',
    body: { name: 'C', slug: 'casa-c' },
    mentions: 'name',
  },
  {
    name: 'organization: bad time zone',
    method: 'POST',
    path: '/organizations',
    who: 'admin',
    body: { name: 'Casa', slug: 'casa-tz', timeZone: 'GMT+25' },
    mentions: 'timeZone',
  },
  {
    name: 'member: role admin',
    method: 'POST',
    path: '/organizations/:orgId/members',
    who: 'admin',
    body: { email: 'someone@example.org', role: 'admin' },
    mentions: 'role',
  },
  {
    name: 'member: bad email',
    method: 'POST',
    path: '/organizations/:orgId/members',
    who: 'admin',
    body: { email: 'nobody', role: 'coordinator' },
    mentions: 'email',
  },
  {
    name: 'member: org id not a uuid',
    method: 'POST',
    path: '/organizations/not-a-uuid/members',
    who: 'admin',
    body: { email: 'a@example.org', role: 'coordinator' },
    mentions: 'uuid',
  },
  {
    name: 'skill: bad slug',
    method: 'POST',
    path: '/skills',
    who: 'admin',
    body: { slug: 'Music Therapy', name: 'Music therapy', category: 'care' },
    mentions: 'slug',
  },
  {
    name: 'skill: missing category',
    method: 'POST',
    path: '/skills',
    who: 'admin',
    body: { slug: 'music', name: 'Music' },
    mentions: 'category',
  },
];

describe('bad input on the accounts endpoints', () => {
  let api: TestApi;
  let admin: TestUser;
  let volunteer: TestUser;
  let orgId: string;
  let db: Client;

  const snapshot = async () => {
    const { rows } = await db.query(`SELECT
      (SELECT count(*) FROM users)::int AS users,
      (SELECT count(*) FROM organizations)::int AS orgs,
      (SELECT count(*) FROM memberships)::int AS memberships,
      (SELECT count(*) FROM skills)::int AS skills,
      (SELECT md5(coalesce(string_agg(p::text, ',' ORDER BY user_id), '')) FROM profiles p) AS profiles`);
    return rows[0];
  };

  beforeAll(async () => {
    api = await startTestApi();
    db = await connectDb(api.env);
    admin = await loginAdmin(api.http);
    volunteer = await registerUser(api.http);
    await api.http.put('/me/profile', completeProfileBody(), { token: volunteer.token });
    orgId = (await createOrganization(api.http, admin)).id;
  });
  afterAll(async () => {
    await db.end();
    await api.close();
  });

  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s → 400 naming the problem, nothing written',
    async (_, c) => {
      const before = await snapshot();
      const token =
        c.who === 'admin' ? admin.token : c.who === 'volunteer' ? volunteer.token : undefined;
      const res = await api.http.request(c.method, c.path.replace(':orgId', orgId), c.body, {
        token,
        raw: c.raw,
        headers: c.contentType ? { 'content-type': c.contentType } : undefined,
      });
      expect([res.status, c.name]).toEqual([c.contentType ? res.status : 400, c.name]);
      if (c.contentType) expect([400, 415]).toContain(res.status);
      expect(res.body.statusCode).toBe(res.status);
      expect(JSON.stringify(res.body.message)).toContain(c.mentions);
      expect(await snapshot()).toEqual(before);
    },
  );
});
