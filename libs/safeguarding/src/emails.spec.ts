import { renderEmail, TemplateDataError, type RenderContext } from '@puente/notifications';
import { SAFEGUARDING_EMAIL_TEMPLATES } from './emails';
import { SAFEGUARDING_TEMPLATES } from './services/safeguarding-emails';

const check = {
  checkId: 'c1d2e3f4-0000-4000-8000-000000000001',
  checkUrl: 'http://localhost:3000/background-checks/c1d2e3f4-0000-4000-8000-000000000001',
  safeguardingUrl: 'http://localhost:3000/me/safeguarding',
  provider: 'sandbox',
};
const volunteerName = 'Ana <López>';
// The data each template gets from the safeguarding services (see safeguarding-emails.ts).
const SAMPLE: Record<string, Record<string, unknown>> = {
  'background-check.requested': { ...check, consentUrl: 'https://apply.checkr.com/invite/x' },
  'background-check.completed': { ...check, needsReview: false, expiresAt: '2029-03-01' },
  'background-check.needs-review': { ...check, volunteerId: 'v', volunteerName },
  'background-check.decision': { ...check, cleared: false },
  'background-check.pre-adverse-action': {
    ...check,
    reportCopyUrl: check.checkUrl,
    disputeUrl: `${check.checkUrl}/dispute`,
    disputeBy: '2027-01-15T10:00:00.000Z',
    waitDays: 5,
  },
  'background-check.final-adverse-action': check,
  'background-check.disputed': { ...check, volunteerId: 'v', volunteerName },
  'background-check.expiring-soon': { ...check, expiresAt: '2027-02-09', renew: 'ask' },
  'background-check.expiring-coordinator': { ...check, volunteerName, expiresAt: '2027-02-09' },
  'background-check.expired': check,
  'guardian-consent.request': {
    consentId: 'g1',
    recipientName: 'Rosa',
    locale: 'es',
    volunteerName,
    organizationName: 'Hogar "Esperanza"',
    consentUrl: 'http://localhost:3000/guardian-consents?token=abc',
    expiresAt: '2027-02-09T00:00:00.000Z',
  },
  'guardian-consent.given': {
    consentId: 'g1',
    organizationId: 'o',
    organizationName: 'Hogar "Esperanza"',
    safeguardingUrl: check.safeguardingUrl,
  },
};
const ctx = (locale: 'en' | 'es'): RenderContext => ({
  locale,
  recipientName: 'María',
  publicUrl: 'http://localhost:3000',
  now: new Date('2027-01-10T12:00:00Z'),
});

describe('safeguarding email templates', () => {
  it('has a template for every email safeguarding enqueues', () => {
    expect(SAFEGUARDING_EMAIL_TEMPLATES.map((t) => t.name).sort()).toEqual(
      Object.values(SAFEGUARDING_TEMPLATES).sort(),
    );
  });

  describe.each(SAFEGUARDING_EMAIL_TEMPLATES.map((t) => [t.name, t] as const))('%s', (name, t) => {
    it.each(['en', 'es'] as const)('renders %s, escaping HTML', (locale) => {
      const out = renderEmail(t, SAMPLE[name], ctx(locale), null);
      expect(out.subject.length).toBeGreaterThan(5);
      expect(out.html).not.toContain('<López>');
      if (JSON.stringify(SAMPLE[name]).includes('López')) expect(out.text).toContain('Ana <López>');
    });

    it('refuses empty data with a TemplateDataError', () => {
      expect(() => renderEmail(t, {}, ctx('en'), null)).toThrow(TemplateDataError);
    });
  });

  it('words a rejection neutrally and gives the dispute route in the pre-adverse notice', () => {
    const byName = new Map(SAFEGUARDING_EMAIL_TEMPLATES.map((t) => [t.name, t]));
    const decision = renderEmail(
      byName.get('background-check.decision')!,
      SAMPLE['background-check.decision'],
      ctx('en'),
      null,
    );
    expect(decision.text).not.toMatch(/criminal|offen[cs]e|conviction|fail/i);
    const notice = renderEmail(
      byName.get('background-check.pre-adverse-action')!,
      SAMPLE['background-check.pre-adverse-action'],
      ctx('en'),
      null,
    );
    expect(notice.text).toContain(`${check.checkUrl}/dispute`);
    expect(notice.text).toContain('January 15, 2027');
  });
});
