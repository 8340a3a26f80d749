import type { MatchApplication, MatchNeed } from '@puente/matching';
import { completeProfile, registerUser, type TestUser } from '../support/factories';
import type { HttpClient } from '../support/http-client';

export const START = '2027-03-01';
export const END = '2027-08-31';

export const needBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Aftercare counselling intern',
  description: 'Accompany girls leaving the home through their first year outside.',
  location: 'Guatemala City',
  startDate: START,
  endDate: END,
  slots: 1,
  requiredSkills: [{ skill: 'counseling', minLevel: 3 }],
  preferredSkills: [{ skill: 'social-work', weight: 3 }],
  languages: [{ code: 'es', minLevel: 3 }],
  requiresBackgroundCheck: false,
  privateLocation: 'Casa segura, 4a Calle 3-21, Zona 1',
  ...overrides,
});

export async function createNeed(
  http: HttpClient,
  orgId: string,
  token: string,
  overrides: Record<string, unknown> = {},
) {
  const res = await http.post(`/organizations/${orgId}/needs`, needBody(overrides), { token });
  if (res.status !== 201) throw new Error(`create need failed: ${res.status} ${res.text}`);
  return res.body;
}

export interface Intern {
  user: TestUser;
  applicationId: string;
}

/** A volunteer with the given skills and languages who offers an internship. */
export async function intern(
  http: HttpClient,
  name: string,
  profile: { skills: unknown[]; languages: unknown[] },
  application: Record<string, unknown> = {},
): Promise<Intern> {
  const user = await registerUser(http, { name });
  await completeProfile(http, user, profile);
  const res = await http.post(
    '/intern-applications',
    {
      availableFrom: '2027-02-01',
      availableTo: '2027-09-30',
      statement: `${name} would love to serve.`,
      ...application,
    },
    { token: user.token },
  );
  if (res.status !== 201) throw new Error(`apply failed: ${res.status} ${res.text}`);
  return { user, applicationId: res.body.id };
}

/** The algorithm's input, rebuilt from what the API answers (needs and the interns' snapshots). */
export function needInput(need: any, slots = need.slots): MatchNeed {
  return {
    id: need.id,
    slots,
    startDate: need.startDate,
    endDate: need.endDate,
    requiredSkills: need.requiredSkills,
    preferredSkills: need.preferredSkills,
    languages: need.languages,
  };
}

export function applicationInput(app: any): MatchApplication {
  return {
    id: app.id,
    availableFrom: app.availableFrom,
    availableTo: app.availableTo,
    skills: app.skills,
    languages: app.languages,
    preferences: app.preferences,
  };
}

/** Highest score first, take a pair when both sides are still free: what the optimum must beat. */
export function greedyTotal(
  candidates: { applicationId: string; needId: string; score: number }[],
  needs: MatchNeed[],
): number {
  const free = new Map(needs.map((n) => [n.id, n.slots]));
  const taken = new Set<string>();
  let total = 0;
  for (const c of [...candidates].sort((a, b) => b.score - a.score)) {
    if (taken.has(c.applicationId) || !free.get(c.needId)) continue;
    taken.add(c.applicationId);
    free.set(c.needId, free.get(c.needId)! - 1);
    total += c.score;
  }
  return total;
}
