import { composeMail } from '@puente/notifications/mail/compose-mail';
import { buildMime } from '@puente/notifications/mail/mime-build.thread';
import { renderEmail } from '@puente/notifications/templates/render-email';
import { TemplateRegistry } from '@puente/notifications/templates/template-registry';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { sampleTrip } from '../support/outbox-rows';

/**
 * The worker builds MIME on a thread of its own; that only happens where the module is compiled
 * JavaScript, so these tests load the built worker's copy (npm test builds first).
 */
const compiled = require(
  join(__dirname, '../../dist/apps/worker/libs/notifications/src/mail/mime-build.thread.js'),
) as typeof import('@puente/notifications/mail/mime-build.thread');

const message = (to = 'ana@example.org') => {
  const template = new TemplateRegistry().get('application-accepted')!;
  const rendered = renderEmail(
    template,
    { trip: sampleTrip(), application: { id: randomUUID(), status: 'accepted' } },
    { locale: 'es', recipientName: 'Ana', publicUrl: 'http://localhost:3000', now: new Date() },
    null,
  );
  return composeMail({
    from: 'Puente <no-reply@puente.local>',
    to: { email: to, name: 'Ana' },
    messageId: `<${randomUUID()}@puente.local>`,
    rendered,
    unsubscribeUrl: null,
    date: new Date('2027-01-02T03:04:05Z'),
  });
};

describe('MIME built on a thread of its own', () => {
  const thread = new compiled.MimeBuildThread();
  afterAll(() => thread.close());

  it('gives the same bytes, envelope and Message-ID as building on the calling thread', async () => {
    expect(thread.threaded).toBe(true);
    const messages = Array.from({ length: 20 }, (_, i) => message(`v${i}@example.org`));
    const [onThread, here] = await Promise.all([
      Promise.all(messages.map((m) => thread.build(m))),
      Promise.all(messages.map((m) => buildMime(m))),
    ]);
    for (let i = 0; i < messages.length; i++) {
      expect(Buffer.isBuffer(onThread[i].raw)).toBe(true);
      expect(onThread[i].raw.equals(here[i].raw)).toBe(true);
      expect(onThread[i].envelope).toEqual({
        from: 'no-reply@puente.local',
        to: [`v${i}@example.org`],
      });
      expect(onThread[i].messageId).toBe(messages[i].messageId);
    }
    expect(thread.threadId).toBeGreaterThan(0);
    const parsed = await simpleParser(onThread[0].raw);
    expect(parsed.subject).toBe(messages[0].subject);
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['trip.ics']);
  });

  it('answers a message that cannot be built with its error, and keeps working', async () => {
    await expect(
      thread.build({ ...message(), attachments: [{ path: '/nonexistent/puente/file.pdf' }] }),
    ).rejects.toThrow(/ENOENT/);
    const next = await thread.build(message());
    expect(next.raw.length).toBeGreaterThan(1000);
  });
});
