import type { MatchApplication, MatchNeed } from './matching.types';
import { preferencePoints, scorePair } from './score';

const need: MatchNeed = {
  id: 'need-legal',
  slots: 1,
  startDate: '2027-01-10',
  endDate: '2027-03-01',
  requiredSkills: [
    { skill: 'legal-research', minLevel: 3 },
    { skill: 'childcare', minLevel: 2 },
  ],
  preferredSkills: [
    { skill: 'counselling', weight: 4 },
    { skill: 'teaching', weight: 2 },
  ],
  languages: [{ code: 'es', minLevel: 3 }],
};

const app: MatchApplication = {
  id: 'app-1',
  availableFrom: '2027-01-01',
  availableTo: '2027-06-30',
  skills: [
    { skill: 'legal-research', level: 3 },
    { skill: 'childcare', level: 4 },
    { skill: 'counselling', level: 3 },
  ],
  languages: [
    { code: 'es', level: 5 },
    { code: 'en', level: 5 },
  ],
  preferences: ['need-other', 'need-legal', 'need-legal'],
};

describe('scorePair', () => {
  it('adds up documented parts into an integer score', () => {
    expect(scorePair(app, need)).toEqual({
      score: 47,
      explanation: {
        base: 10,
        preferredSkills: 12, // counselling 4 × 3; teaching not held
        skillSurplus: 6, // childcare 4 − 2 = 2 levels × 3; legal-research exactly at minimum
        languageFit: 4, // es 5 − 3 = 2 levels × 2; en is not required
        preference: 15, // ranked second (the repeat later in the list is ignored)
        preferenceRank: 2,
      },
    });
  });

  it('gives 20, 15, 10, 5 points to ranks 1–4 and nothing from rank 5 or unlisted', () => {
    expect([1, 2, 3, 4, 5, 9, null].map(preferencePoints)).toEqual([20, 15, 10, 5, 0, 0, 0]);
    const unlisted = scorePair({ ...app, preferences: [] }, need);
    expect(unlisted.explanation.preference).toBe(0);
    expect(unlisted.explanation.preferenceRank).toBeNull();
    expect(unlisted.score).toBe(32);
    expect(scorePair({ ...app, preferences: ['need-legal'] }, need).score).toBe(52);
  });

  it('counts a preferred skill by weight × level and the best duplicate level', () => {
    const more = {
      ...app,
      skills: [...app.skills, { skill: 'teaching', level: 5 }, { skill: 'counselling', level: 1 }],
    };
    expect(scorePair(more, need).explanation.preferredSkills).toBe(4 * 3 + 2 * 5);
  });

  it('scores a bare-minimum eligible pair with the base points only', () => {
    const bare: MatchApplication = {
      id: 'app-bare',
      availableFrom: '2027-01-10',
      availableTo: '2027-03-01',
      skills: [
        { skill: 'legal-research', level: 3 },
        { skill: 'childcare', level: 2 },
      ],
      languages: [{ code: 'es', level: 3 }],
      preferences: [],
    };
    expect(scorePair(bare, need).score).toBe(10);
  });
});
