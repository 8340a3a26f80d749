import { renderEmail, TemplateDataError, type RenderContext } from '@puente/notifications';
import { INTERNSHIP_EMAIL_TEMPLATES } from './emails';
import { INTERNSHIP_TEMPLATES } from './services/internship-emails.service';

const need = {
  id: '6f1f3f7e-3c1a-4d55-9c57-0d5b1c1f2a10',
  title: 'Aftercare <counselling> intern',
  location: 'Guatemala City',
  startDate: '2027-03-01',
  endDate: '2027-08-31',
  organizationName: 'Hogar "Esperanza" & co',
};
const placement = { id: 'a7c1c6f5-7a55-4b7a-9e0a-5b8e3c7d9f01', status: 'awaiting_requirements' };
const SAMPLE: Record<string, Record<string, unknown>> = {
  'placement-offered': { placement, need },
  'placement-awaiting-requirements': {
    placement,
    need,
    missing: ['background check: none on file'],
  },
  'placement-placed': { placement, need },
  'placement-withdrawn': { placement, need, reason: 'the need was closed' },
  'placement-accepted': {
    placement,
    need,
    intern: { name: 'Ana <López>' },
    missing: ['background check: none on file'],
  },
  'placement-declined': { placement, need, intern: { name: 'Ana' }, reason: null },
};
const ctx = (locale: 'en' | 'es'): RenderContext => ({
  locale,
  recipientName: 'María',
  publicUrl: 'http://localhost:3000',
  now: new Date('2027-01-10T12:00:00Z'),
});

describe('internship email templates', () => {
  it('has a template for every email the internships lib enqueues', () => {
    expect(INTERNSHIP_EMAIL_TEMPLATES.map((t) => t.name).sort()).toEqual(
      Object.values(INTERNSHIP_TEMPLATES).sort(),
    );
  });

  describe.each(INTERNSHIP_EMAIL_TEMPLATES.map((t) => [t.name, t] as const))('%s', (name, t) => {
    it.each(['en', 'es'] as const)('renders %s with the need and escapes HTML', (locale) => {
      const out = renderEmail(t, SAMPLE[name], ctx(locale), null);
      expect(out.subject).toContain('Aftercare <counselling> intern');
      expect(out.text).toContain('Hogar "Esperanza" & co');
      expect(out.html).toContain('Aftercare &lt;counselling&gt; intern');
      expect(out.html).not.toContain('<counselling>');
      if (SAMPLE[name].missing) expect(out.text).toContain('background check: none on file');
    });

    it('refuses data without the need, naming the field', () => {
      expect(() => renderEmail(t, { placement }, ctx('en'), null)).toThrow(TemplateDataError);
      expect(() => renderEmail(t, { placement }, ctx('en'), null)).toThrow(/need\.id/);
    });
  });
});
