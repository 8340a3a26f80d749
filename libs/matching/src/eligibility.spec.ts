import { eligibility } from './eligibility';
import type { MatchApplication, MatchNeed } from './matching.types';
import { MatchingInputError } from './prepared-input';

const need: MatchNeed = {
  id: 'need-legal',
  slots: 2,
  startDate: '2027-01-10',
  endDate: '2027-03-01',
  requiredSkills: [
    { skill: 'legal-research', minLevel: 3 },
    { skill: 'childcare', minLevel: 2 },
  ],
  preferredSkills: [{ skill: 'counselling', weight: 4 }],
  languages: [{ code: 'es', minLevel: 3 }],
};

const app: MatchApplication = {
  id: 'app-1',
  availableFrom: '2027-01-01',
  availableTo: '2027-06-30',
  skills: [
    { skill: 'legal-research', level: 3 },
    { skill: 'childcare', level: 4 },
  ],
  languages: [{ code: 'es', level: 3 }],
  preferences: [],
};

describe('eligibility', () => {
  it('accepts a pair meeting every constraint exactly at the minimum and window edges', () => {
    const exact = { ...app, availableFrom: '2027-01-10', availableTo: '2027-03-01' };
    expect(eligibility(exact, need)).toEqual({ eligible: true, reasons: [] });
  });

  it('names a skill below its minimum level', () => {
    const weak = { ...app, skills: [...app.skills, { skill: 'legal-research', level: 2 }] };
    // The duplicate entry at level 2 does not hide the level 3 one.
    expect(eligibility(weak, need).eligible).toBe(true);
    const low = { ...app, skills: [{ skill: 'legal-research', level: 2 }, app.skills[1]] };
    expect(eligibility(low, need)).toEqual({
      eligible: false,
      reasons: ['needs legal-research at level 3, has 2'],
    });
  });

  it('names a missing skill and a missing or weak language', () => {
    const result = eligibility({ ...app, skills: [app.skills[0]], languages: [] }, need);
    expect(result).toEqual({
      eligible: false,
      reasons: ['needs childcare at level 2, has none', 'needs language es at level 3, has none'],
    });
    expect(eligibility({ ...app, languages: [{ code: 'es', level: 1 }] }, need).reasons).toEqual([
      'needs language es at level 3, has 1',
    ]);
  });

  it('names the exact uncovered days on each side of the availability window', () => {
    const late = { ...app, availableFrom: '2027-02-01' };
    expect(eligibility(late, need).reasons).toEqual(['not available 2027-01-10 – 2027-01-31']);
    const early = { ...app, availableTo: '2027-02-28' };
    expect(eligibility(early, need).reasons).toEqual(['not available 2027-03-01']);
    const inside = { ...app, availableFrom: '2027-01-11', availableTo: '2027-02-27' };
    expect(eligibility(inside, need).reasons).toEqual([
      'not available 2027-01-10',
      'not available 2027-02-28 – 2027-03-01',
    ]);
  });

  it('names the whole need when the windows do not overlap', () => {
    const later = { ...app, availableFrom: '2027-04-01', availableTo: '2027-05-01' };
    expect(eligibility(later, need).reasons).toEqual(['not available 2027-01-10 – 2027-03-01']);
  });

  it('lists every failed constraint: skills, then languages, then dates', () => {
    const poor: MatchApplication = {
      ...app,
      availableFrom: '2027-02-01',
      skills: [{ skill: 'legal-research', level: 1 }],
      languages: [{ code: 'es', level: 2 }],
    };
    expect(eligibility(poor, need).reasons).toEqual([
      'needs legal-research at level 3, has 1',
      'needs childcare at level 2, has none',
      'needs language es at level 3, has 2',
      'not available 2027-01-10 – 2027-01-31',
    ]);
  });

  it('rejects malformed input instead of guessing', () => {
    expect(() => eligibility({ ...app, availableFrom: '2027-02-30' }, need)).toThrow(
      MatchingInputError,
    );
    expect(() => eligibility(app, { ...need, startDate: '10/01/2027' })).toThrow(
      MatchingInputError,
    );
    expect(() => eligibility({ ...app, skills: [{ skill: 'x', level: 6 }] }, need)).toThrow(
      /from 1 to 5/,
    );
    expect(() => eligibility(app, { ...need, slots: 1.5 })).toThrow(/slots/);
    expect(() =>
      eligibility(app, { ...need, preferredSkills: [{ skill: 'x', weight: 0 }] }),
    ).toThrow(/weight/);
    expect(() => eligibility({ ...app, availableTo: '2026-12-31' }, need)).toThrow(/after/);
  });
});
