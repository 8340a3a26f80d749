import { OutboxService } from '@puente/notifications';
import { DataSource } from 'typeorm';
import { completeProfile, loginAdmin, registerUser, type TestUser } from '../support/factories';
import { insertOutboxRows, sampleTrip } from '../support/outbox-rows';
import { waitFor } from '../support/processes';
import { connectDb } from '../support/test-env';
import { inProcessEmailStack } from '../support/email-stack';

describe('notifications: endpoints, unsubscribe, password reset, dashboard', () => {
  const stack = inProcessEmailStack({
    PUBLIC_URL: 'http://puente.test',
    MAIL_FROM: 'Puente <no-reply@puente.test>',
    // Behind a trusted proxy, so the rate-limit test can be many clients (X-Forwarded-For).
    AUTH_RATE_LIMIT_PER_MINUTE: '30',
    TRUST_PROXY: 'true',
  });
  let admin: TestUser;

  beforeAll(async () => {
    admin = await loginAdmin(stack.api.http);
  });

  async function enqueue(userId: string, template: string, data: Record<string, unknown>) {
    const outbox = stack.api.app.get(OutboxService);
    const sent = await stack.api.app.get(DataSource).transaction((m) =>
      outbox.enqueue(m, {
        dedupeKey: `test:${template}:${Math.random()}`,
        template,
        userId,
        data,
      }),
    );
    await outbox.dispatch([sent]);
    return sent!.id;
  }

  async function query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    const db = await connectDb(stack.api.env);
    try {
      return (await db.query(sql, params)).rows as T[];
    } finally {
      await db.end();
    }
  }

  const statusOf = async (id: string) =>
    (await query<{ status: string }>('SELECT status FROM notifications WHERE id = $1', [id]))[0]
      .status;

  describe('GET /me/notifications', () => {
    it("lists the caller's own emails, sent and scheduled, latest first, page by page", async () => {
      const me = await registerUser(stack.api.http);
      const other = await registerUser(stack.api.http);
      const db = await connectDb(stack.api.env);
      const trip = sampleTrip();
      const [later, soon] = await insertOutboxRows(db, [
        {
          userId: me.id,
          template: 'reminder-departure',
          data: { trip, daysBefore: 7 },
          sendInSeconds: 86_400,
        },
        {
          userId: me.id,
          template: 'reminder-departure',
          data: { trip, daysBefore: 1 },
          sendInSeconds: 3600,
        },
        { userId: other.id, template: 'application-received', sendInSeconds: 60 },
      ]);
      await db.end();
      const now = await enqueue(me.id, 'application-received', {
        trip,
        application: { id: trip.id, status: 'submitted' },
      });
      await waitFor('sent', async () => (await statusOf(now)) === 'sent');

      const first = await stack.api.http.get('/me/notifications?limit=2', { token: me.token });
      expect(first.status).toBe(200);
      expect(first.body.items).toEqual([
        {
          id: later,
          template: 'reminder-departure',
          status: 'pending',
          sendAt: expect.any(String),
          sentAt: null,
        },
        {
          id: soon,
          template: 'reminder-departure',
          status: 'pending',
          sendAt: expect.any(String),
          sentAt: null,
        },
      ]);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await stack.api.http.get(
        `/me/notifications?limit=2&cursor=${first.body.nextCursor}`,
        { token: me.token },
      );
      expect(second.body).toEqual({
        items: [
          {
            id: now,
            template: 'application-received',
            status: 'sent',
            sendAt: expect.any(String),
            sentAt: expect.any(String),
          },
        ],
        nextCursor: null,
      });

      expect((await stack.api.http.get('/me/notifications')).status).toBe(401);
      expect(
        (await stack.api.http.get('/me/notifications?limit=0', { token: me.token })).status,
      ).toBe(400);
      expect(
        (await stack.api.http.get('/me/notifications?cursor=zzz', { token: me.token })).status,
      ).toBe(400);
      expect(
        (await stack.api.http.get('/me/notifications?status=sent', { token: me.token })).status,
      ).toBe(400);
    });
  });

  describe('one-click unsubscribe (RFC 8058)', () => {
    it('turns the survey off for that user: later surveys are cancelled, status emails still go', async () => {
      const user = await registerUser(stack.api.http);
      const trip = sampleTrip();
      const first = await enqueue(user.id, 'survey-post-trip', { trip });
      const mail = await stack.smtp.waitForMail({ messageId: `<${first}@puente.test>` });
      const raw = mail.raw.toString('utf8').replace(/\r\n[ \t]+/g, ' ');
      const url = /^List-Unsubscribe: <([^>]+)>/m.exec(raw)?.[1] as string;
      expect(url).toMatch(/^http:\/\/puente\.test\/notifications\/unsubscribe\?token=/);
      expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
      expect(mail.text).toContain(url);

      const path = url.replace('http://puente.test', '');
      // What a mail client does: a POST with the one-click body, no cookies, no login.
      const res = await fetch(stack.api.http.baseUrl + path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ unsubscribed: true, category: 'survey' });
      // Clicking twice (or a multipart body, as RFC 8058 prefers) is fine.
      const form = new FormData();
      form.set('List-Unsubscribe', 'One-Click');
      const again = await fetch(stack.api.http.baseUrl + path, { method: 'POST', body: form });
      expect(again.status).toBe(200);

      const survey = await enqueue(user.id, 'survey-post-trip', { trip: sampleTrip() });
      const status = await enqueue(user.id, 'application-accepted', {
        trip,
        application: { id: trip.id, status: 'accepted' },
      });
      await stack.smtp.waitForMail({ messageId: `<${status}@puente.test>` });
      await waitFor('the survey dropped', async () => (await statusOf(survey)) === 'cancelled');
      expect(stack.smtp.received.some((m) => m.messageId === `<${survey}@puente.test>`)).toBe(
        false,
      );
      const [row] = await query('SELECT last_error FROM notifications WHERE id = $1', [survey]);
      expect(row.last_error).toBe('the recipient unsubscribed from survey emails');
    });

    it('cancels what was already waiting, and essential emails carry no unsubscribe link', async () => {
      const user = await registerUser(stack.api.http);
      const db = await connectDb(stack.api.env);
      const [waiting] = await insertOutboxRows(db, [
        {
          userId: user.id,
          template: 'coordinator-digest',
          data: {
            organizationName: 'Hogar',
            date: '2027-01-01',
            trips: [{ id: user.id, title: 'T', newApplications: 2 }],
          },
          sendInSeconds: 3600,
        },
      ]);
      await db.end();
      const token = (await import('@puente/notifications/preferences/unsubscribe-tokens'))
        .UnsubscribeTokens;
      const signed = stack.api.app.get(token).sign({ userId: user.id, category: 'digest' });
      const page = await stack.api.http.get(
        `/notifications/unsubscribe?token=${encodeURIComponent(signed)}`,
      );
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(page.text).toContain('<form method="post"');
      expect(await statusOf(waiting)).toBe('pending'); // looking is not unsubscribing

      const browser = await stack.api.http.post(
        `/notifications/unsubscribe?token=${encodeURIComponent(signed)}`,
        undefined,
        { headers: { accept: 'text/html' } },
      );
      expect(browser.status).toBe(200);
      expect(browser.text).toContain('You are unsubscribed');
      expect(await statusOf(waiting)).toBe('cancelled');

      const trip = sampleTrip();
      const essential = await enqueue(user.id, 'application-confirmed', {
        trip,
        application: { id: trip.id, status: 'confirmed' },
      });
      const mail = await stack.smtp.waitForMail({ messageId: `<${essential}@puente.test>` });
      expect(mail.raw.toString('utf8')).not.toMatch(/^List-Unsubscribe/im);
    });

    it.each([
      ['garbage', 'not-a-token'],
      ['a forged signature', '6f1f3f7e-3c1a-4d55-9c57-0d5b1c1f2a10.survey.AAAA'],
      ['an essential category', '6f1f3f7e-3c1a-4d55-9c57-0d5b1c1f2a10.status.AAAA'],
    ])('refuses %s with 400', async (_, token) => {
      const res = await stack.api.http.post(
        `/notifications/unsubscribe?token=${encodeURIComponent(token)}`,
      );
      expect(res.status).toBe(400);
      const page = await stack.api.http.get(
        `/notifications/unsubscribe?token=${encodeURIComponent(token)}`,
      );
      expect(page.status).toBe(400);
    });

    it('keeps multipart bodies refused everywhere else', async () => {
      const form = new FormData();
      form.set('email', 'x@example.org');
      const res = await fetch(`${stack.api.http.baseUrl}/auth/login`, {
        method: 'POST',
        body: form,
      });
      expect(res.status).toBe(415);
    });
  });

  describe('password reset', () => {
    it('emails a one-time link valid for an hour, stores only its hash, and sets the password', async () => {
      const user = await registerUser(stack.api.http, { password: 'the-old-password' });
      await completeProfile(stack.api.http, user, { locale: 'es' });
      const res = await stack.api.http.post('/auth/password-reset', {
        email: user.email.toUpperCase(),
      });
      expect(res.status).toBe(202);

      const mail = await stack.smtp.waitForMail({ to: user.email });
      expect(mail.subject).toBe('Restablece tu contraseña de Puente');
      const link = /http:\/\/puente\.test\/reset-password\?token=([\w-]+)/.exec(mail.text ?? '');
      expect(link).not.toBeNull();
      const token = link![1];
      expect(mail.html).toContain(link![0]);

      const [stored] = await query(
        `SELECT token_hash, extract(epoch FROM expires_at - created_at)::float8 AS ttl
           FROM password_reset_tokens WHERE user_id = $1`,
        [user.id],
      );
      expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.token_hash).not.toContain(token);
      expect(Math.abs(stored.ttl - 3600)).toBeLessThan(5);
      await waitFor('the outbox row sent', async () => {
        const [row] = await query(
          `SELECT status, data FROM notifications WHERE user_id = $1 AND template = 'password-reset'`,
          [user.id],
        );
        return row?.status === 'sent' ? row : undefined;
      }).then((row) => expect(JSON.stringify(row.data)).not.toContain(token));

      const page = await stack.api.http.get(`/reset-password?token=${token}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('auth/password-reset/confirm');

      const short = await stack.api.http.post('/auth/password-reset/confirm', {
        token,
        password: 'short',
      });
      expect(short.status).toBe(400);
      expect(JSON.stringify(short.body.message)).toMatch(/password/);

      const ok = await stack.api.http.post('/auth/password-reset/confirm', {
        token,
        password: 'a-brand-new-password',
      });
      expect(ok.status).toBe(200);
      expect(
        (
          await stack.api.http.post('/auth/login', {
            email: user.email,
            password: 'a-brand-new-password',
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await stack.api.http.post('/auth/login', {
            email: user.email,
            password: 'the-old-password',
          })
        ).status,
      ).toBe(401);

      const reused = await stack.api.http.post('/auth/password-reset/confirm', {
        token,
        password: 'another-new-password',
      });
      expect(reused.status).toBe(400);
      expect(reused.body.code).toBe('INVALID_TOKEN');
    });

    it('answers an unknown email exactly like a known one, and sends nothing', async () => {
      const before = await query(
        `SELECT count(*)::int AS n FROM notifications WHERE template = 'password-reset'`,
      );
      const res = await stack.api.http.post('/auth/password-reset', {
        email: 'nobody-here@example.org',
      });
      const known = await registerUser(stack.api.http);
      const res2 = await stack.api.http.post('/auth/password-reset', { email: known.email });
      expect(res.status).toBe(202);
      expect(res.body).toEqual(res2.body);
      const after = await query(
        `SELECT count(*)::int AS n FROM notifications WHERE template = 'password-reset'`,
      );
      expect(after[0].n).toBe(before[0].n + 1);
    });

    it('refuses an expired token and a made-up one', async () => {
      const user = await registerUser(stack.api.http);
      await stack.api.http.post('/auth/password-reset', { email: user.email });
      const mail = await stack.smtp.waitForMail({ to: user.email });
      const token = /token=([\w-]+)/.exec(mail.text ?? '')![1];
      await query(
        `UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
        [user.id],
      );
      const expired = await stack.api.http.post('/auth/password-reset/confirm', {
        token,
        password: 'long-enough-password',
      });
      expect(expired.status).toBe(400);
      const madeUp = await stack.api.http.post('/auth/password-reset/confirm', {
        token: 'x'.repeat(43),
        password: 'long-enough-password',
      });
      expect(madeUp.status).toBe(400);
      const bad = await stack.api.http.post('/auth/password-reset', { email: 'not-an-email' });
      expect(bad.status).toBe(400);
      const extra = await stack.api.http.post('/auth/password-reset', {
        email: 'a@example.org',
        admin: true,
      });
      expect(extra.status).toBe(400);
    });

    it('is rate-limited per email like login, whatever the address', async () => {
      const email = 'hammered@example.org';
      const answers: number[] = [];
      for (let i = 0; i < 32; i++) {
        const res = await stack.api.http.post(
          '/auth/password-reset',
          { email },
          { headers: { 'x-forwarded-for': `10.9.${i}.1` } },
        );
        answers.push(res.status);
      }
      expect(answers.slice(0, 30).every((s) => s === 202)).toBe(true);
      expect(answers.slice(30)).toEqual([429, 429]);
    });
  });

  describe('the Bull dashboard at /admin/queues', () => {
    it('is for admins only: 401 without a login, 403 for a volunteer', async () => {
      const volunteer = await registerUser(stack.api.http);
      for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
        expect((await stack.api.http.get(path)).status).toBe(401);
        expect((await stack.api.http.get(path, { token: volunteer.token })).status).toBe(403);
        expect((await stack.api.http.get(path, { token: 'forged.token.value' })).status).toBe(401);
      }
      expect(
        (await stack.api.http.post('/admin/queues/session', undefined, { token: volunteer.token }))
          .status,
      ).toBe(403);
      expect((await stack.api.http.post('/admin/queues/session')).status).toBe(401);
    });

    it('opens for an admin with a bearer token, or with the session cookie a browser keeps', async () => {
      const page = await stack.api.http.get('/admin/queues', { token: admin.token });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const queues = await stack.api.http.get('/admin/queues/api/queues', { token: admin.token });
      expect(queues.status).toBe(200);
      expect(queues.body.queues.map((q: { name: string }) => q.name)).toContain('email');

      const session = await stack.api.http.post('/admin/queues/session', undefined, {
        token: admin.token,
      });
      expect(session.status).toBe(204);
      const cookie = session.headers.get('set-cookie')!;
      expect(cookie).toMatch(
        /^puente_queues=[^;]+; Path=\/admin\/queues; Max-Age=3600; HttpOnly; SameSite=Strict/,
      );
      const value = cookie.split(';')[0];
      const withCookie = await stack.api.http.get('/admin/queues/api/queues', {
        headers: { cookie: value },
      });
      expect(withCookie.status).toBe(200);
      // The cookie's token is good for the dashboard only, never as an API token.
      const asBearer = await stack.api.http.get('/me', { token: value.split('=')[1] });
      expect(asBearer.status).toBe(401);
    });
  });
});
