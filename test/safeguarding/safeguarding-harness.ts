import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SafeguardingGate, VolunteerLinksRegistry } from '@puente/safeguarding';
import { DataSource } from 'typeorm';
import type { TestApi } from '../support/api-app';
import { completeProfile, registerUser, TestUser } from '../support/factories';
import type { HttpClient } from '../support/http-client';
import { waitFor } from '../support/processes';

/**
 * Links between volunteers and organisations, standing in for applications until a test makes
 * real ones: safeguarding asks VolunteerLinksRegistry, whatever registers the source.
 */
export class TestLinks {
  private readonly links = new Map<string, Set<string>>();

  constructor(app: NestFastifyApplication) {
    app.get(VolunteerLinksRegistry).register(async (id) => [...(this.links.get(id) ?? [])]);
  }

  link(volunteerId: string, orgId: string): void {
    this.links.set(volunteerId, new Set([...(this.links.get(volunteerId) ?? []), orgId]));
  }

  unlink(volunteerId: string, orgId: string): void {
    this.links.get(volunteerId)?.delete(orgId);
  }
}

export const requirements = (
  over: Partial<{
    backgroundCheck: boolean;
    safeguardingTraining: boolean;
    codeOfConduct: boolean;
  }> = {},
) => ({ backgroundCheck: true, safeguardingTraining: false, codeOfConduct: false, ...over });

/** The gate as trips calls it, with explicit dates. */
export async function unmet(
  api: TestApi,
  userId: string,
  organizationId: string,
  startDate: string,
  endDate: string,
  req = requirements(),
) {
  return api.app
    .get(SafeguardingGate)
    .unmet({ userId, organizationId, requirements: req, startDate, endDate });
}

/** A volunteer with a complete profile. */
export async function volunteer(
  http: HttpClient,
  overrides: { email?: string; name?: string } = {},
  profile: Record<string, unknown> = {},
): Promise<TestUser> {
  const v = await registerUser(http, overrides);
  await completeProfile(http, v, profile);
  return v;
}

export async function waitForCheck(
  http: HttpClient,
  token: string,
  checkId: string,
  predicate: (body: any) => boolean,
  timeoutMs = 20_000,
): Promise<any> {
  return waitFor(
    `check ${checkId}`,
    async () => {
      const res = await http.get(`/background-checks/${checkId}`, { token });
      return res.status === 200 && predicate(res.body) ? res.body : undefined;
    },
    timeoutMs,
  );
}

export function dataSource(api: TestApi): DataSource {
  return api.app.get(DataSource);
}

export async function outbox(
  api: TestApi,
  where: { template?: string; userId?: string; dedupeLike?: string },
): Promise<
  {
    template: string;
    user_id: string | null;
    to_email: string | null;
    data: any;
    dedupe_key: string;
    status: string;
    last_error: string | null;
  }[]
> {
  return dataSource(api).query(
    `SELECT template, user_id, to_email, data, dedupe_key, status, last_error FROM notifications
     WHERE ($1::text IS NULL OR template = $1) AND ($2::uuid IS NULL OR user_id = $2)
       AND ($3::text IS NULL OR dedupe_key LIKE $3)
     ORDER BY created_at`,
    [where.template ?? null, where.userId ?? null, where.dedupeLike ?? null],
  );
}

/** A date `days` from today (UTC). */
export function daysFromNow(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A published review-admission trip needing a background check. */
export async function publishedTrip(
  http: HttpClient,
  orgId: string,
  coordinator: TestUser,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; startDate: string; endDate: string }> {
  const res = await http.post(
    `/organizations/${orgId}/trips`,
    {
      title: 'Verano en el Hogar Esperanza',
      description: 'Two weeks of tutoring, art and sports with the girls of the home.',
      country: 'US',
      city: 'San Antonio',
      startDate: daysFromNow(60),
      endDate: daysFromNow(74),
      capacity: 10,
      costCents: 85000,
      currency: 'USD',
      applicationDeadline: daysFromNow(45),
      minAge: 16,
      requiresBackgroundCheck: true,
      admission: 'review',
      skills: [],
      languages: [],
      ...overrides,
    },
    { token: coordinator.token },
  );
  if (res.status !== 201) throw new Error(`create trip failed: ${res.status} ${res.text}`);
  const pub = await http.post(`/trips/${res.body.id}/publish`, undefined, {
    token: coordinator.token,
  });
  if (pub.status !== 200) throw new Error(`publish failed: ${pub.status} ${pub.text}`);
  return pub.body;
}

/** Applies and has the coordinator accept: the application is active, so the link exists. */
export async function acceptedApplication(
  http: HttpClient,
  tripId: string,
  v: TestUser,
  coordinator: TestUser,
): Promise<string> {
  const applied = await http.post(
    `/trips/${tripId}/applications`,
    { motivation: 'I would love to help the girls with their homework.' },
    { token: v.token },
  );
  if (applied.status !== 201) throw new Error(`apply failed: ${applied.status} ${applied.text}`);
  const accepted = await http.post(`/applications/${applied.body.id}/accept`, undefined, {
    token: coordinator.token,
  });
  if (accepted.status !== 200)
    throw new Error(`accept failed: ${accepted.status} ${accepted.text}`);
  return applied.body.id;
}
