import { buildIcs } from './calendar';
import { TemplateDataError, type Locale, type RenderContext } from './email-template';
import { EMAIL_TEMPLATES } from './index';
import { escapeHtml } from './layout';
import { renderEmail } from './render-email';
import { TemplateRegistry } from './template-registry';

const trip = {
  id: '6f1f3f7e-3c1a-4d55-9c57-0d5b1c1f2a10',
  title: 'Build week <at> "Hogar" & co',
  startDate: '2027-03-01',
  endDate: '2027-03-15',
  city: 'Antigua',
  country: 'GT',
  organizationName: 'Hogar de Niñas Esperanza',
};
const application = { id: 'a7c1c6f5-7a55-4b7a-9e0a-5b8e3c7d9f01', status: 'accepted' };

/** Sample data per template, as the libs that enqueue them write it. */
const SAMPLES: Record<string, Record<string, unknown>> = {
  'application-received': { trip, application },
  'application-accepted': { trip, application },
  'application-waitlisted': { trip, application, reason: 'full for now' },
  'application-promoted': { trip, application },
  'application-rejected': { trip, application, reason: 'age requirement' },
  'application-confirmed': { trip, application },
  'application-withdrawn': { trip, application },
  'trip-cancelled': { trip, reason: 'flooding' },
  'trip-dates-changed': { trip, previous: { startDate: '2027-02-01', endDate: '2027-02-10' } },
  'reminder-departure': { trip, application, daysBefore: 7 },
  'reminder-requirements': { trip, application, missing: ['background_check', 'phone'] },
  'survey-post-trip': { trip, application, surveyUrl: 'https://example.org/survey?a=1&b=2' },
  'coordinator-digest': {
    organizationName: 'Hogar <Esperanza>',
    date: '2027-02-03',
    trips: [
      { id: trip.id, title: trip.title, newApplications: 3 },
      { id: application.id, title: 'Legal aid week', newApplications: 1 },
    ],
  },
  'password-reset': { link: 'http://localhost:3000/reset-password?token=abc' },
};

const ctx = (locale: Locale): RenderContext => ({
  locale,
  recipientName: 'María <López>',
  publicUrl: 'http://localhost:3000',
  now: new Date('2027-01-10T12:00:00Z'),
});

describe('email templates', () => {
  it('has sample data here for every registered template (a new template needs one)', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(new TemplateRegistry().names());
  });

  describe.each(EMAIL_TEMPLATES.map((t) => [t.name, t] as const))('%s', (name, template) => {
    it.each(['en', 'es'] as const)('renders %s text and escaped HTML', (locale) => {
      const out = renderEmail(template, SAMPLES[name], ctx(locale), null);
      expect(out.subject.length).toBeGreaterThan(5);
      expect(out.subject).not.toMatch(/[\r\n]/);
      expect(out.text).toContain(locale === 'es' ? 'Hola, María <López>:' : 'Hi María <López>,');
      expect(out.html).toContain(escapeHtml('María <López>'));
      expect(out.html).not.toContain('<López>');
      expect(out.html).not.toMatch(/<at>|"Hogar"|<Esperanza>/);
      if ('trip' in SAMPLES[name]) {
        expect(out.text).toContain(trip.title);
        expect(out.html).toContain(escapeHtml(trip.title));
        expect(out.text).toContain('Antigua, Guatemala');
        expect(out.text).toMatch(locale === 'es' ? /marzo de 2027/ : /March 1 – 15, 2027/);
      }
      expect(out.skipReason).toBeNull();
    });

    it('names the field when the data is wrong', () => {
      expect(() => renderEmail(template, {}, ctx('en'), null)).toThrow(TemplateDataError);
      expect(() => renderEmail(template, {}, ctx('en'), null)).toThrow(/^data\./);
    });
  });

  it.each([
    'application-accepted',
    'application-promoted',
    'application-confirmed',
    'reminder-departure',
    'trip-dates-changed',
  ])('%s carries an all-day event for the trip (DTEND the day after the end)', (name) => {
    const template = EMAIL_TEMPLATES.find((t) => t.name === name)!;
    const out = renderEmail(template, SAMPLES[name], ctx('en'), null);
    expect(out.ics).toContain('DTSTART;VALUE=DATE:20270301');
    expect(out.ics).toContain('DTEND;VALUE=DATE:20270316');
    expect(out.ics).toContain(`UID:trip-${trip.id}@puente`);
  });

  it.each(['application-received', 'application-rejected', 'survey-post-trip', 'password-reset'])(
    '%s has no calendar file',
    (name) => {
      const template = EMAIL_TEMPLATES.find((t) => t.name === name)!;
      expect(renderEmail(template, SAMPLES[name], ctx('en'), null).ics).toBeNull();
    },
  );

  it('makes non-essential mail (digest, survey) unsubscribable, and nothing else', () => {
    const optional = EMAIL_TEMPLATES.filter((t) => t.optionalCategory).map((t) => t.name);
    expect(optional.sort()).toEqual(['coordinator-digest', 'survey-post-trip']);
  });

  it('drops a requirements reminder with nothing missing and a digest with nothing new', () => {
    const req = EMAIL_TEMPLATES.find((t) => t.name === 'reminder-requirements')!;
    expect(renderEmail(req, { trip, missing: [] }, ctx('en'), null).skipReason).toMatch(/nothing/);
    const digest = EMAIL_TEMPLATES.find((t) => t.name === 'coordinator-digest')!;
    const quiet = { ...SAMPLES['coordinator-digest'], trips: [] };
    expect(renderEmail(digest, quiet, ctx('en'), null).skipReason).toMatch(/no new/);
  });

  it('rejects a departure reminder for a day it does not know', () => {
    const t = EMAIL_TEMPLATES.find((x) => x.name === 'reminder-departure')!;
    expect(() => renderEmail(t, { trip, daysBefore: 3 }, ctx('en'), null)).toThrow(
      'data.daysBefore must be one of 30, 7, 1',
    );
  });

  it('adds the unsubscribe link to both bodies when given', () => {
    const t = EMAIL_TEMPLATES.find((x) => x.name === 'survey-post-trip')!;
    const url = 'http://localhost:3000/notifications/unsubscribe?token=a.b&c';
    const out = renderEmail(t, SAMPLES['survey-post-trip'], ctx('es'), url);
    expect(out.text).toContain(url);
    expect(out.html).toContain(escapeHtml(url));
  });

  it('keeps the same UID and raises SEQUENCE over time, so calendars update the event', () => {
    const spec = {
      uid: 'trip-1@puente',
      summary: 'x',
      startDate: '2027-03-01',
      endDate: '2027-03-01',
    };
    const seq = (ics: string) => Number(/SEQUENCE:(\d+)/.exec(ics)![1]);
    const a = buildIcs(spec, new Date('2027-01-01T00:00:00Z'));
    const b = buildIcs(spec, new Date('2027-01-02T00:00:00Z'));
    expect(seq(b)).toBeGreaterThan(seq(a));
    expect(a).toContain('DTEND;VALUE=DATE:20270302');
  });
});
