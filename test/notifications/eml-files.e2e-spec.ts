import type { INestApplicationContext } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startTestApi, type TestApi } from '../support/api-app';
import { insertOutboxRows } from '../support/outbox-rows';
import { waitFor } from '../support/processes';
import { connectDb } from '../support/test-env';
import { startTestWorker } from '../support/worker-app';

/** The development default: no SMTP_URL, so every email is written as a file a person can open. */
describe('emails without SMTP_URL: .eml files under MAIL_DIR', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let mailDir: string;

  beforeAll(async () => {
    delete process.env.SMTP_URL;
    api = await startTestApi({ OUTBOX_SWEEP_MS: '300' });
    mailDir = api.env.vars.MAIL_DIR;
    worker = await startTestWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    if (mailDir) await rm(mailDir, { recursive: true, force: true });
  });

  it('writes one readable .eml per email, named by time, template and row id', async () => {
    const db = await connectDb(api.env);
    const [id] = await insertOutboxRows(db, [{ toEmail: 'reader@example.org' }]);
    const row = await waitFor('sent', async () => {
      const { rows } = await db.query('SELECT * FROM notifications WHERE id = $1', [id]);
      return rows[0]?.status === 'sent' ? rows[0] : undefined;
    });
    const files = (await readdir(mailDir)).filter((f) => f.includes(id));
    expect(files).toEqual([
      expect.stringMatching(new RegExp(`-application-received-${id}\\.eml$`)),
    ]);
    expect(row.smtp_response).toBe(`written to ${join(mailDir, files[0])}`);
    const mail = await simpleParser(await readFile(join(mailDir, files[0])));
    expect(mail.messageId).toBe(`<${id}@puente.local>`);
    expect(mail.to).toMatchObject({ value: [{ address: 'reader@example.org' }] });
    expect(mail.subject).toMatch(/^We received your application/);
    expect(mail.text).toContain('Antigua, Guatemala');
    expect(mail.html).toContain('<html');

    // Sending the same row again (an admin retry) rewrites the same file, not a second one.
    await db.query(`UPDATE notifications SET status = 'failed' WHERE id = $1`, [id]);
    const admin = await api.http.post('/auth/login', {
      email: process.env.BOOTSTRAP_ADMIN_EMAIL,
      password: process.env.BOOTSTRAP_ADMIN_PASSWORD,
    });
    await api.http.post(`/admin/notifications/${id}/retry`, undefined, {
      token: admin.body.accessToken,
    });
    await waitFor('sent again', async () => {
      const { rows } = await db.query('SELECT status FROM notifications WHERE id = $1', [id]);
      return rows[0].status === 'sent';
    });
    expect((await readdir(mailDir)).filter((f) => f.includes(id))).toHaveLength(1);
    expect((await readdir(mailDir)).some((f) => f.endsWith('.partial'))).toBe(false);
    await db.end();
  });
});
