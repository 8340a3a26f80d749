import { OutboxService } from '@puente/notifications';
import { DataSource } from 'typeorm';
import { completeProfile, loginAdmin, registerUser, type TestUser } from '../support/factories';
import { parseIcsCalendar, parseIcsEvents } from '../support/ics';
import { sampleTrip } from '../support/outbox-rows';
import { waitFor } from '../support/processes';
import { connectDb } from '../support/test-env';
import { inProcessEmailStack } from '../support/email-stack';

/** Content of the emails, end to end: API → outbox → Bull → worker → SMTP → parsed back. */
describe('emails: what arrives', () => {
  const stack = inProcessEmailStack({
    PUBLIC_URL: 'http://puente.test',
    MAIL_FROM: 'Puente <no-reply@puente.test>',
  });
  let admin: TestUser;

  beforeAll(async () => {
    admin = await loginAdmin(stack.api.http);
  });

  /** Writes a row the way other libs do: in a transaction, then dispatch after commit. */
  async function enqueue(
    userOrEmail: { userId: string } | { toEmail: string },
    template: string,
    data: Record<string, unknown>,
    extra: { sendAt?: Date; dedupeKey?: string } = {},
  ): Promise<string> {
    const outbox = stack.api.app.get(OutboxService);
    const sent = await stack.api.app.get(DataSource).transaction((m) =>
      outbox.enqueue(m, {
        dedupeKey: extra.dedupeKey ?? `test:${template}:${Math.random()}`,
        template,
        ...userOrEmail,
        data,
        sendAt: extra.sendAt,
      }),
    );
    await outbox.dispatch([sent]);
    return sent!.id;
  }

  async function row(id: string) {
    const db = await connectDb(stack.api.env);
    try {
      return (await db.query('SELECT * FROM notifications WHERE id = $1', [id])).rows[0];
    } finally {
      await db.end();
    }
  }

  it('sends an acceptance in Spanish with both bodies and a calendar file for the trip', async () => {
    const user = await registerUser(stack.api.http, { name: 'María López' });
    await completeProfile(stack.api.http, user, { locale: 'es' });
    const trip = sampleTrip({
      title: 'Semana de construcción',
      startDate: '2027-03-01',
      endDate: '2027-03-15',
    });
    const id = await enqueue({ userId: user.id }, 'application-accepted', {
      trip,
      application: { id: trip.id, status: 'accepted' },
    });

    const mail = await stack.smtp.waitForMail({ messageId: `<${id}@puente.test>` });
    expect(mail.to).toMatchObject({ value: [{ address: user.email, name: 'María López' }] });
    expect(mail.from?.value[0].address).toBe('no-reply@puente.test');
    expect(mail.subject).toBe('Aceptaron tu solicitud: Semana de construcción');
    expect(mail.text).toContain('Hola, María López:');
    expect(mail.text).toContain('1–15 de marzo de 2027');
    expect(mail.text).toContain('Antigua, Guatemala');
    expect(mail.html).toContain('Semana de construcción');
    expect(mail.html).toContain('1–15 de marzo de 2027');

    const ics = mail.attachments.find((a) => a.contentType === 'text/calendar');
    expect(ics?.filename).toBe('trip.ics');
    const text = ics!.content.toString('utf8');
    expect(parseIcsCalendar(text)).toMatchObject({ VERSION: '2.0', METHOD: 'PUBLISH' });
    const [event] = parseIcsEvents(text);
    expect(event.get('UID')?.value).toBe(`trip-${trip.id}@puente`);
    expect(event.get('DTSTART')).toMatchObject({ params: { VALUE: 'DATE' }, value: '20270301' });
    expect(event.get('DTEND')).toMatchObject({ params: { VALUE: 'DATE' }, value: '20270316' });
    expect(event.get('SUMMARY')?.value).toBe('Semana de construcción');
    expect(event.get('LOCATION')?.value).toBe('Antigua\\, Guatemala');

    await waitFor('the row marked sent', async () => (await row(id)).status === 'sent');
    const sent = await row(id);
    expect(sent).toMatchObject({
      status: 'sent',
      attempts: 1,
      message_id: `<${id}@puente.test>`,
      last_error: null,
    });
    expect(sent.smtp_response).toMatch(/^250 /);
    expect(sent.sent_at).toBeInstanceOf(Date);
  });

  it('writes English for an English profile (and for users with no profile), escaping HTML', async () => {
    const user = await registerUser(stack.api.http, { name: 'Sam <Lee>' });
    const trip = sampleTrip({ title: 'Kids & "teens" <camp>' });
    const id = await enqueue({ userId: user.id }, 'application-received', {
      trip,
      application: { id: trip.id, status: 'submitted' },
    });
    const mail = await stack.smtp.waitForMail({ messageId: `<${id}@puente.test>` });
    expect(mail.subject).toBe('We received your application: Kids & "teens" <camp>');
    expect(mail.text).toContain('Hi Sam <Lee>,');
    expect(mail.text).toContain('March 1 – 15, 2027');
    expect(mail.html).toContain('Kids &amp; &quot;teens&quot; &lt;camp&gt;');
    expect(mail.html).not.toContain('<camp>');
    expect(mail.html).toContain('Sam &lt;Lee&gt;');
    expect(mail.attachments).toHaveLength(0);
  });

  it('sends to a bare address (no account) in the language the row names', async () => {
    const id = await enqueue({ toEmail: 'guardian@example.org' }, 'password-reset', {
      link: 'http://puente.test/reset-password?token=x',
      locale: 'es',
    });
    const mail = await stack.smtp.waitForMail({ messageId: `<${id}@puente.test>` });
    expect(mail.to).toMatchObject({ value: [{ address: 'guardian@example.org' }] });
    expect(mail.subject).toBe('Restablece tu contraseña de Puente');
  });

  it('fails a row at once, with a clear reason, for an unknown template or data that does not fit', async () => {
    const unknown = await enqueue({ toEmail: 'x@example.org' }, 'no-such-template', {});
    const bad = await enqueue({ toEmail: 'y@example.org' }, 'application-accepted', {
      trip: sampleTrip({ title: undefined }),
    });
    await waitFor('both rows failed', async () =>
      (await row(unknown)).status === 'failed' && (await row(bad)).status === 'failed'
        ? true
        : undefined,
    );
    expect(await row(unknown)).toMatchObject({
      attempts: 0,
      last_error: 'unknown template "no-such-template"',
    });
    expect((await row(bad)).last_error).toBe(
      'template application-accepted: data.trip.title must be a non-empty string',
    );
  });

  it('fails a 550 at once and shows it to admins; a failed reset email keeps no live link', async () => {
    stack.smtp.behaviour.rejectRecipient = (address) =>
      address === 'bounce@example.org' ? { code: 550, message: 'Mailbox unavailable' } : null;
    const id = await enqueue({ toEmail: 'bounce@example.org' }, 'password-reset', {
      link: 'http://puente.test/reset-password?token=y',
    });
    await waitFor('the row failed', async () => (await row(id)).status === 'failed');
    const failed = await row(id);
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(/550/);
    // The reset link is a secret: not kept once the row is done with.
    expect(failed.data).toEqual({});

    const list = await stack.api.http.get('/admin/notifications?status=failed&limit=100', {
      token: admin.token,
    });
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({
        id,
        recipient: 'bounce@example.org',
        template: 'password-reset',
        status: 'failed',
        attempts: 1,
        lastError: expect.stringMatching(/550/),
      }),
    );
    expect(list.body.items.every((i: { status: string }) => i.status === 'failed')).toBe(true);

    stack.smtp.behaviour.rejectRecipient = undefined;
    const retried = await stack.api.http.post(`/admin/notifications/${id}/retry`, undefined, {
      token: admin.token,
    });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id, status: 'pending', attempts: 0, lastError: null });
    // The link was dropped with the failure, so this retry fails on its data, visibly: the user
    // asks for a new link.
    await waitFor('the retried row settled', async () => (await row(id)).status !== 'pending');
    expect((await row(id)).last_error).toMatch(/data\.link/);
  });

  it('retries: a failed row goes back to pending and is sent; a sent one answers 409', async () => {
    stack.smtp.behaviour.rejectRecipient = (address) =>
      address === 'later@example.org' ? { code: 550, message: 'No such user here' } : null;
    const trip = sampleTrip();
    const id = await enqueue({ toEmail: 'later@example.org' }, 'trip-cancelled', { trip });
    await waitFor('the row failed', async () => (await row(id)).status === 'failed');
    stack.smtp.behaviour.rejectRecipient = undefined;

    const volunteer = await registerUser(stack.api.http);
    const forbidden = await stack.api.http.post(`/admin/notifications/${id}/retry`, undefined, {
      token: volunteer.token,
    });
    expect(forbidden.status).toBe(403);
    expect((await stack.api.http.post(`/admin/notifications/${id}/retry`)).status).toBe(401);
    expect(
      (await stack.api.http.get('/admin/notifications', { token: volunteer.token })).status,
    ).toBe(403);

    const retried = await stack.api.http.post(`/admin/notifications/${id}/retry`, undefined, {
      token: admin.token,
    });
    expect(retried.status).toBe(200);
    await stack.smtp.waitForMail({ messageId: `<${id}@puente.test>` });
    await waitFor('sent', async () => (await row(id)).status === 'sent');
    const again = await stack.api.http.post(`/admin/notifications/${id}/retry`, undefined, {
      token: admin.token,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_SENT');

    const missing = await stack.api.http.post(
      '/admin/notifications/00000000-0000-4000-8000-000000000000/retry',
      undefined,
      { token: admin.token },
    );
    expect(missing.status).toBe(404);
    const malformed = await stack.api.http.post(
      '/admin/notifications/not-a-uuid/retry',
      undefined,
      {
        token: admin.token,
      },
    );
    expect(malformed.status).toBe(400);
    const badStatus = await stack.api.http.get('/admin/notifications?status=lost', {
      token: admin.token,
    });
    expect(badStatus.status).toBe(400);
    expect(JSON.stringify(badStatus.body.message)).toMatch(/status/);
  });

  it('retries a 4xx answer with backoff until it is accepted, counting attempts on the row', async () => {
    let refusals = 2;
    stack.smtp.behaviour.rejectRecipient = (address) =>
      address === 'greylisted@example.org' && refusals-- > 0
        ? { code: 451, message: 'Greylisted, try again later' }
        : null;
    const id = await enqueue({ toEmail: 'greylisted@example.org' }, 'trip-cancelled', {
      trip: sampleTrip(),
    });
    await waitFor('first refusal recorded', async () => (await row(id)).attempts >= 1);
    const pending = await row(id);
    expect(pending.status).toBe('pending');
    expect(pending.last_error).toMatch(/451/);
    expect(pending.next_attempt_at).toBeInstanceOf(Date);
    await stack.smtp.waitForMail({ messageId: `<${id}@puente.test>` }, 30_000);
    await waitFor('sent', async () => (await row(id)).status === 'sent');
    expect(await row(id)).toMatchObject({ attempts: 3, last_error: null, next_attempt_at: null });
    stack.smtp.behaviour.rejectRecipient = undefined;
  });
});
