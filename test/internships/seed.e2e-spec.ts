import { DataSource } from 'typeorm';
import {
  DEMO_INTERN_PASSWORD,
  seedInternships,
} from '../../libs/internships/src/demo/seed-internships';
import { startTestApi, TestApi } from '../support/api-app';
import { createOrgWithCoordinator } from '../support/factories';

describe('internships demo seed', () => {
  let api: TestApi;
  let ds: DataSource;
  beforeAll(async () => {
    api = await startTestApi();
    ds = await new DataSource({ type: 'postgres', url: api.env.databaseUrl }).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await api.close();
  });

  it('adds needs and intern applications once, ready for candidates and a run', async () => {
    const o = await createOrgWithCoordinator(api.http);
    const partner = await createOrgWithCoordinator(api.http, o.admin);
    const query = (text: string, params?: unknown[]) => ds.query(text, params);
    const first = await seedInternships(query, {
      organizationId: o.org.id,
      partnerOrganizationId: partner.org.id,
      createdBy: o.coordinator.id,
    });
    expect(first).toEqual({ needs: 3, interns: 7 });
    expect(
      await seedInternships(query, {
        organizationId: o.org.id,
        partnerOrganizationId: partner.org.id,
      }),
    ).toEqual({
      needs: 0,
      interns: 0,
    });

    const needs = await api.http.get('/needs?limit=100');
    expect(needs.body.items).toHaveLength(3);
    const legal = needs.body.items.find((n: any) => n.title.startsWith('Legal research'));
    expect(legal.organization.id).toBe(partner.org.id);
    expect(JSON.stringify(needs.body)).not.toContain('Casa de transición');
    const aftercare = needs.body.items.find((n: any) => n.title === 'Aftercare counselling intern');
    const candidates = await api.http.get(`/needs/${aftercare.id}/candidates`, {
      token: o.coordinator.token,
    });
    expect(candidates.status).toBe(200);
    expect(candidates.body.items.map((c: any) => c.volunteer.name)).toEqual([
      'Tomás Rivera',
      'Lucía Fernández',
    ]);
    expect(candidates.body.items[0].explanation.preferenceRank).toBe(1);

    const login = await api.http.post('/auth/login', {
      email: 'lucia.intern@example.org',
      password: DEMO_INTERN_PASSWORD,
    });
    expect(login.status).toBe(200);
    const mine = await api.http.get('/me/intern-applications', {
      token: login.body.accessToken,
    });
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0].status).toBe('active');
  });
});
