import { startTestApi, TestApi } from '../support/api-app';
import {
  createOrganization,
  createOrgWithCoordinator,
  loginAdmin,
  registerUser,
  TestUser,
} from '../support/factories';

describe('organizations and memberships', () => {
  let api: TestApi;
  let admin: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    admin = await loginAdmin(api.http);
  });
  afterAll(async () => api.close());

  it('lets an admin create an organization with a time zone, and refuses a taken slug', async () => {
    const res = await api.http.post(
      '/organizations',
      { name: 'Refugio Legal', slug: 'refugio-legal', timeZone: 'America/Guatemala' },
      { token: admin.token },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Refugio Legal',
      slug: 'refugio-legal',
      timeZone: 'America/Guatemala',
    });
    const again = await api.http.post(
      '/organizations',
      { name: 'Other', slug: 'refugio-legal' },
      { token: admin.token },
    );
    expect(again.status).toBe(409);
    const fetched = await api.http.get(`/organizations/${res.body.id}`);
    expect(fetched.body).toMatchObject({ id: res.body.id, timeZone: 'America/Guatemala' });
  });

  it('forbids a volunteer from creating an organization or adding members (403)', async () => {
    const volunteer = await registerUser(api.http);
    const create = await api.http.post(
      '/organizations',
      { name: 'Mine', slug: 'mine' },
      { token: volunteer.token },
    );
    expect(create.status).toBe(403);
    const org = await createOrganization(api.http, admin);
    const add = await api.http.post(
      `/organizations/${org.id}/members`,
      { email: volunteer.email, role: 'coordinator' },
      { token: volunteer.token },
    );
    expect(add.status).toBe(403);
  });

  it('decides authorisation before validating the body (403 before 400)', async () => {
    const volunteer = await registerUser(api.http);
    const res = await api.http.post(
      '/organizations',
      { name: 1, slug: 'NOT VALID', extra: true },
      { token: volunteer.token },
    );
    expect(res.status).toBe(403);
  });

  it('makes a user a coordinator, shown in /me, and refuses a second membership (409) or an unknown user (404)', async () => {
    const { org, coordinator } = await createOrgWithCoordinator(api.http, admin);
    const me = await api.http.get('/me', { token: coordinator.token });
    expect(me.body.memberships).toEqual([{ organizationId: org.id, role: 'coordinator' }]);
    const again = await api.http.post(
      `/organizations/${org.id}/members`,
      { email: coordinator.email, role: 'coordinator' },
      { token: admin.token },
    );
    expect(again.status).toBe(409);
    const ghost = await api.http.post(
      `/organizations/${org.id}/members`,
      { email: 'ghost@example.org', role: 'coordinator' },
      { token: admin.token },
    );
    expect(ghost.status).toBe(404);
    const noOrg = await api.http.post(
      '/organizations/00000000-0000-4000-8000-000000000000/members',
      { email: coordinator.email, role: 'coordinator' },
      { token: admin.token },
    );
    expect(noOrg.status).toBe(404);
  });

  it('lets a coordinator manage their own organization but not another (403)', async () => {
    const a = await createOrgWithCoordinator(api.http, admin);
    const b = await createOrgWithCoordinator(api.http, admin);
    const own = await api.http.patch(
      `/organizations/${a.org.id}`,
      { timeZone: 'Europe/Madrid' },
      { token: a.coordinator.token },
    );
    expect(own.status).toBe(200);
    expect(own.body.timeZone).toBe('Europe/Madrid');
    const other = await api.http.patch(
      `/organizations/${b.org.id}`,
      { timeZone: 'Europe/Madrid' },
      { token: a.coordinator.token },
    );
    expect(other.status).toBe(403);
    const otherMembers = await api.http.get(`/organizations/${b.org.id}/members`, {
      token: a.coordinator.token,
    });
    expect(otherMembers.status).toBe(403);
    const members = await api.http.get(`/organizations/${a.org.id}/members`, {
      token: a.coordinator.token,
    });
    expect(members.status).toBe(200);
    expect(members.body.items).toEqual([
      expect.objectContaining({ userId: a.coordinator.id, role: 'coordinator' }),
    ]);
    expect(members.body.nextCursor).toBeNull();
    const badTz = await api.http.patch(
      `/organizations/${a.org.id}`,
      { timeZone: 'Mars/Olympus' },
      { token: a.coordinator.token },
    );
    expect(badTz.status).toBe(400);
  });

  it('pages through organizations with a cursor', async () => {
    for (let i = 0; i < 3; i++) await createOrganization(api.http, admin);
    const first = await api.http.get('/organizations?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api.http.get(`/organizations?limit=2&cursor=${first.body.nextCursor}`);
    const slugs = [...first.body.items, ...second.body.items].map((o: { slug: string }) => o.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect([...slugs].sort()).toEqual(slugs);
  });
});
