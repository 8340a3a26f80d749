import {
  eligibility,
  matchOptimal,
  scorePair,
  type MatchApplication,
  type MatchNeed,
} from '@puente/matching';
import { excludeDeclinedPairs, explainMarkers } from './declined-pairs';

const need = (id: string): MatchNeed => ({
  id,
  slots: 1,
  startDate: '2027-03-01',
  endDate: '2027-06-30',
  requiredSkills: [{ skill: 'teaching', minLevel: 2 }],
  preferredSkills: [],
  languages: [{ code: 'es', minLevel: 2 }],
});
const app = (id: string, level: number): MatchApplication => ({
  id,
  availableFrom: '2027-01-01',
  availableTo: '2027-12-31',
  skills: [{ skill: 'teaching', level }],
  languages: [{ code: 'es', level: 4 }],
  preferences: [],
});

describe('excludeDeclinedPairs', () => {
  it('makes only the declined pairs ineligible and changes no score', () => {
    const needs = [need('n1'), need('n2')];
    const apps = [app('a1', 5), app('a2', 3)];
    const before = scorePair(apps[1], needs[1]).score;
    excludeDeclinedPairs(needs, apps, new Map([['n1', new Set(['a1'])]]));
    expect(eligibility(apps[0], needs[0]).eligible).toBe(false);
    expect(eligibility(apps[0], needs[1]).eligible).toBe(true);
    expect(eligibility(apps[1], needs[0]).eligible).toBe(true);
    expect(scorePair(apps[1], needs[1]).score).toBe(before);
    expect(scorePair(apps[1], needs[0]).score).toBe(before);
    const result = matchOptimal(apps, needs);
    expect(result.proposals.map((p) => [p.applicationId, p.needId])).toEqual([
      ['a2', 'n1'],
      ['a1', 'n2'],
    ]);
  });

  it('words the reason of an excluded pair for coordinators', () => {
    const needs = [need('0b1c')];
    const apps = [app('a1', 5)];
    excludeDeclinedPairs(needs, apps, new Map([['0b1c', new Set(['a1'])]]));
    const [unmatched] = matchOptimal(apps, needs).unmatchedApplications;
    expect(explainMarkers(unmatched.reason)).not.toContain('not-declined');
    expect(explainMarkers(unmatched.reason)).toContain('declined');
  });
});
