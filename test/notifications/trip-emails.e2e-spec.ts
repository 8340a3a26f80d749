import { createOrgWithCoordinator } from '../support/factories';
import { parseIcsEvents } from '../support/ics';
import { waitFor } from '../support/processes';
import { connectDb } from '../support/test-env';
import { inProcessEmailStack } from '../support/email-stack';
import { apply, createTrip, daysFromNow, readyVolunteer } from '../trips/trip-fixtures';

/** The whole path a volunteer sees: trips write the rows, the worker renders and sends them. */
describe('emails from the trips lib, end to end', () => {
  const stack = inProcessEmailStack();

  async function mailFor(email: string, template: string) {
    const db = await connectDb(stack.api.env);
    try {
      const row = await waitFor(`${template} for ${email}`, async () => {
        const { rows } = await db.query(
          `SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id
            WHERE u.email = $1 AND n.template = $2`,
          [email, template],
        );
        return rows[0] as { id: string } | undefined;
      });
      return stack.smtp.waitForMail({ messageId: `<${row.id}@puente.local>` });
    } finally {
      await db.end();
    }
  }

  it('tells the volunteer, in her language, that she is in, waitlisted or promoted — never where the safe house is', async () => {
    const org = await createOrgWithCoordinator(stack.api.http);
    const startDate = daysFromNow(90);
    const endDate = daysFromNow(99);
    const trip = await createTrip(stack.api.http, org, {
      title: 'Verano en el Hogar',
      admission: 'auto',
      capacity: 1,
      startDate,
      endDate,
      privateLocation: 'Casa segura, 4a Calle Poniente 12',
    });
    const ana = await readyVolunteer(stack.api.http, { locale: 'es' }, 'Ana Gómez');
    const ben = await readyVolunteer(stack.api.http, { locale: 'en' }, 'Ben Ortiz');
    const a = await apply(stack.api.http, trip.id, ana);
    const b = await apply(stack.api.http, trip.id, ben);
    expect([a.body.status, b.body.status]).toEqual(['accepted', 'waitlisted']);

    const accepted = await mailFor(ana.email, 'application-accepted');
    expect(accepted.subject).toBe('Aceptaron tu solicitud: Verano en el Hogar');
    expect(accepted.text).toContain('Antigua Guatemala, Guatemala');
    const [event] = parseIcsEvents(
      accepted.attachments.find((x) => x.filename === 'trip.ics')!.content.toString(),
    );
    expect(event.get('UID')?.value).toBe(`trip-${trip.id}@puente`);
    expect(event.get('DTSTART')?.value).toBe(startDate.replace(/-/g, ''));
    const dayAfterEnd = new Date(Date.parse(`${endDate}T00:00:00Z`) + 86_400_000);
    expect(event.get('DTEND')?.value).toBe(
      dayAfterEnd.toISOString().slice(0, 10).replace(/-/g, ''),
    );

    const waitlisted = await mailFor(ben.email, 'application-waitlisted');
    expect(waitlisted.subject).toBe("You're on the waitlist: Verano en el Hogar");

    await stack.api.http.post(`/applications/${a.body.id}/withdraw`, undefined, {
      token: ana.token,
    });
    const withdrawn = await mailFor(ana.email, 'application-withdrawn');
    expect(withdrawn.subject).toBe('Retiro confirmado: Verano en el Hogar');
    const promoted = await mailFor(ben.email, 'application-promoted');
    expect(promoted.subject).toBe("A seat opened up: you're accepted for Verano en el Hogar");
    expect(promoted.attachments.map((x) => x.filename)).toEqual(['trip.ics']);

    for (const m of stack.smtp.received)
      expect(m.raw.toString('utf8')).not.toMatch(/Casa segura|Poniente/);

    const mine = await stack.api.http.get('/me/notifications?limit=100', { token: ben.token });
    const templates = mine.body.items.map(
      (i: { template: string; status: string }) => `${i.template}:${i.status}`,
    );
    expect(templates).toEqual(
      expect.arrayContaining([
        'application-waitlisted:sent',
        'application-promoted:sent',
        'reminder-departure:pending',
      ]),
    );
  });
});
