import { startTestApi, TestApi } from '../support/api-app';

describe('HTTP hygiene: health, docs, request ids, headers', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api.close());

  it('answers /health and /health/ready', async () => {
    expect((await api.http.get('/health')).body).toEqual({ status: 'ok' });
    const ready = await api.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details).toMatchObject({
      postgres: { status: 'up' },
      redis: { status: 'up' },
    });
  });

  it('serves Swagger UI and an OpenAPI 3 document describing the accounts endpoints', async () => {
    const page = await api.http.get('/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger');
    const doc = await api.http.get('/docs-json');
    expect(doc.body.openapi).toMatch(/^3\./);
    const paths = doc.body.paths as Record<string, Record<string, unknown>>;
    for (const [path, method] of [
      ['/health', 'get'],
      ['/health/ready', 'get'],
      ['/auth/register', 'post'],
      ['/auth/login', 'post'],
      ['/me', 'get'],
      ['/me/profile', 'get'],
      ['/me/profile', 'put'],
      ['/skills', 'get'],
      ['/skills', 'post'],
      ['/organizations', 'post'],
      ['/organizations/{orgId}/members', 'post'],
    ]) {
      expect([path, method, Boolean(paths[path]?.[method])]).toEqual([path, method, true]);
    }
    const register = doc.body.components.schemas.RegisterDto;
    expect(register.required).toEqual(expect.arrayContaining(['email', 'password', 'name']));
    expect(Object.keys((paths['/auth/login'].post as { responses: object }).responses)).toEqual(
      expect.arrayContaining(['200', '401', '429']),
    );
  });

  it('echoes a request id, or makes one', async () => {
    const given = await api.http.get('/health', { headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const made = await api.http.get('/health');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers and answers unknown routes with a JSON 404', async () => {
    const res = await api.http.get('/nope');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404 });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('readiness when Redis is down', () => {
  it('answers 503 naming redis', async () => {
    const api = await startTestApi({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const ready = await api.http.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.error).toHaveProperty('redis');
      expect(ready.body.error.redis.status).toBe('down');
      expect(ready.body.details.postgres.status).toBe('up');
    } finally {
      await api.close();
    }
  });
});
