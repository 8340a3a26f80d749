import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import {
  completeProfile,
  createOrgWithCoordinator,
  registerUser,
  type TestUser,
} from '../support/factories';
import type { HttpClient } from '../support/http-client';

/** A date `days` from today (UTC), YYYY-MM-DD. */
export function daysFromNow(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const tripBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Verano en el Hogar Esperanza',
  description: 'Two weeks of tutoring, art and sports with the girls of the home in Antigua.',
  country: 'GT',
  city: 'Antigua Guatemala',
  startDate: daysFromNow(60),
  endDate: daysFromNow(74),
  capacity: 10,
  costCents: 85000,
  currency: 'USD',
  applicationDeadline: daysFromNow(45),
  minAge: 18,
  requiresBackgroundCheck: false,
  admission: 'review',
  skills: ['teaching', 'childcare'],
  languages: ['es', 'en'],
  privateLocation: 'Casa segura, 4a Calle Poniente 12, Antigua',
  ...overrides,
});

export interface Org {
  admin: TestUser;
  org: { id: string; name: string };
  coordinator: TestUser;
}

export async function createTrip(
  http: HttpClient,
  o: Org,
  overrides: Record<string, unknown> = {},
  publish = true,
) {
  const res = await http.post(`/organizations/${o.org.id}/trips`, tripBody(overrides), {
    token: o.coordinator.token,
  });
  if (res.status !== 201) throw new Error(`create trip failed: ${res.status} ${res.text}`);
  if (!publish) return res.body;
  const pub = await http.post(`/trips/${res.body.id}/publish`, undefined, {
    token: o.coordinator.token,
  });
  if (pub.status !== 200) throw new Error(`publish failed: ${pub.status} ${pub.text}`);
  return pub.body;
}

export { createOrgWithCoordinator };

/** A registered volunteer with a complete profile (US resident, passport valid to 2035). */
export async function readyVolunteer(
  http: HttpClient,
  profile: Record<string, unknown> = {},
  name?: string,
): Promise<TestUser> {
  const v = await registerUser(http, name ? { name } : {});
  await completeProfile(http, v, profile);
  return v;
}

export async function apply(http: HttpClient, tripId: string, v: TestUser, motivation?: string) {
  return http.post(
    `/trips/${tripId}/applications`,
    { motivation: motivation ?? 'I would love to help the girls with their homework.' },
    { token: v.token },
  );
}

/**
 * Many volunteers at once, written straight to the database (registration hashes a password with
 * argon2, far too slow for hundreds), each with a complete profile and a token signed with the
 * test JWT secret.
 */
export async function bulkVolunteers(db: Client, count: number): Promise<TestUser[]> {
  const tag = randomBytes(4).toString('hex');
  const { rows } = await db.query<{ id: string; email: string; name: string }>(
    `INSERT INTO users (email, name, password_hash)
     SELECT 'bulk-' || $1 || '-' || i || '@example.org', 'Bulk Volunteer ' || i, 'not-a-hash'
       FROM generate_series(1, $2) AS i
     RETURNING id, email, name`,
    [tag, count],
  );
  await db.query(
    `INSERT INTO profiles (user_id, date_of_birth, phone, country, emergency_contact, passport_expires_on)
     SELECT id, '1990-01-01', '+15125550100', 'US',
            '{"name":"Ana","phone":"+15125550101","relation":"mother"}', '2040-01-01'
       FROM unnest($1::uuid[]) AS id`,
    [rows.map((r) => r.id)],
  );
  const jwt = new JwtService({ secret: process.env.JWT_SECRET });
  return Promise.all(rows.map(async (r) => ({ ...r, token: await jwt.signAsync({ sub: r.id }) })));
}
