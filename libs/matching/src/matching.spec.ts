import { blockingPairs } from './blocking-pairs';
import { buildCandidates } from './candidate-graph';
import type { MatchApplication, MatchNeed } from './matching.types';
import { matchOptimal } from './optimal-assignment';
import { MatchingInputError } from './prepared-input';
import { matchStable } from './stable-matching';

const dates = { startDate: '2027-01-10', endDate: '2027-01-20' };
const window = { availableFrom: '2027-01-01', availableTo: '2027-02-28' };

// N1 pays 10 per teaching level; N2 pays 7 per level but also needs childcare.
const n1: MatchNeed = {
  id: 'n1',
  slots: 1,
  ...dates,
  requiredSkills: [],
  preferredSkills: [{ skill: 'teaching', weight: 10 }],
  languages: [],
};
const n2: MatchNeed = {
  id: 'n2',
  slots: 1,
  ...dates,
  requiredSkills: [{ skill: 'childcare', minLevel: 1 }],
  preferredSkills: [{ skill: 'teaching', weight: 7 }],
  languages: [],
};
// A scores 50 at n1 and 38 at n2; B scores 40 at n1 and cannot do n2.
const appA: MatchApplication = {
  id: 'a',
  ...window,
  skills: [
    { skill: 'teaching', level: 4 },
    { skill: 'childcare', level: 1 },
  ],
  languages: [],
  preferences: [],
};
const appB: MatchApplication = {
  id: 'b',
  ...window,
  skills: [{ skill: 'teaching', level: 3 }],
  languages: [],
  preferences: [],
};

describe('matchOptimal', () => {
  it('beats the greedy choice: gives up A’s best pair to place both interns', () => {
    const result = matchOptimal([appA, appB], [n1, n2]);
    expect(result.proposals.map((p) => [p.needId, p.applicationId, p.score])).toEqual([
      ['n1', 'b', 40],
      ['n2', 'a', 38],
    ]);
    expect(result.totalScore).toBe(78);
    expect(result.unfilledSlots).toEqual([]);
    expect(result.unmatchedApplications).toEqual([]);
    // A and n1 would both rather have each other: the price of the higher total.
    expect(result.blockingPairs).toBe(1);
    expect(result.proposals[0].explanation).toEqual({
      base: 10,
      preferredSkills: 30,
      skillSurplus: 0,
      languageFit: 0,
      preference: 0,
      preferenceRank: null,
    });
  });

  it('explains an application that lost every slot to a higher total', () => {
    const result = matchOptimal([appA, appB], [n1]);
    expect(result.proposals.map((p) => p.applicationId)).toEqual(['a']);
    expect(result.unmatchedApplications).toEqual([
      {
        applicationId: 'b',
        reason: 'eligible for 1 need (n1), all slots went to higher-total assignments',
      },
    ]);
  });

  it('explains an application eligible for nothing with the most common failures', () => {
    const stranger: MatchApplication = {
      id: 'c',
      availableFrom: '2027-01-15',
      availableTo: '2027-03-01',
      skills: [],
      languages: [],
      preferences: [],
    };
    const result = matchOptimal([stranger], [n1, n2]);
    expect(result.unmatchedApplications).toEqual([
      {
        applicationId: 'c',
        reason:
          'eligible for no need: dates not covered for 2 of 2 needs ' +
          '(e.g. not available 2027-01-10 – 2027-01-14); ' +
          'childcare below the required level for 1 of 2 needs ' +
          '(e.g. needs childcare at level 1, has none)',
      },
    ]);
    expect(matchOptimal([stranger], []).unmatchedApplications[0].reason).toBe(
      'eligible for no need: there are no needs in this run',
    );
  });

  it('handles empty input and needs with no slots', () => {
    expect(matchOptimal([], [])).toEqual({
      mode: 'optimal',
      totalScore: 0,
      proposals: [],
      unfilledSlots: [],
      unmatchedApplications: [],
      blockingPairs: 0,
    });
    const closed = { ...n1, slots: 0 };
    const result = matchOptimal([appA], [closed]);
    expect(result.proposals).toEqual([]);
    expect(result.unfilledSlots).toEqual([]);
    expect(result.unmatchedApplications).toEqual([
      { applicationId: 'a', reason: 'eligible for 1 need (n1), none with any slot' },
    ]);
    expect(matchOptimal([], [n1, n2]).unfilledSlots).toEqual([
      { needId: 'n1', count: 1 },
      { needId: 'n2', count: 1 },
    ]);
  });

  it('fills several slots of one need', () => {
    const result = matchOptimal([appA, appB], [{ ...n1, slots: 3 }]);
    expect(result.proposals.map((p) => p.applicationId)).toEqual(['a', 'b']);
    expect(result.unfilledSlots).toEqual([{ needId: 'n1', count: 1 }]);
    expect(result.totalScore).toBe(90);
  });

  it('rejects duplicate ids', () => {
    expect(() => matchOptimal([appA, appA], [n1])).toThrow(MatchingInputError);
    expect(() => matchStable([appA], [n1, n1])).toThrow(/duplicate need id n1/);
  });
});

describe('matchStable', () => {
  it('lets each intern follow its own ranking: scores decide when nothing is stated', () => {
    const result = matchStable([appA, appB], [n1, n2]);
    expect(result.proposals.map((p) => [p.needId, p.applicationId])).toEqual([['n1', 'a']]);
    expect(result.totalScore).toBe(50);
    expect(result.blockingPairs).toBe(0);
    expect(result.unfilledSlots).toEqual([{ needId: 'n2', count: 1 }]);
    expect(result.unmatchedApplications).toEqual([
      {
        applicationId: 'b',
        reason: 'eligible for 1 need (n1), each filled with candidates it ranks higher',
      },
    ]);
  });

  it('puts stated preferences before scores', () => {
    const result = matchStable([{ ...appA, preferences: ['n2'] }, appB], [n1, n2]);
    // n2 is now A's first choice (its score there also gains the rank-1 points).
    expect(result.proposals.map((p) => [p.needId, p.applicationId, p.score])).toEqual([
      ['n1', 'b', 40],
      ['n2', 'a', 58],
    ]);
    expect(result.blockingPairs).toBe(0);
  });
});

describe('blockingPairs', () => {
  it('lists the pairs that would rather be together', () => {
    const optimal = [
      { applicationId: 'a', needId: 'n2' },
      { applicationId: 'b', needId: 'n1' },
    ];
    expect(blockingPairs([appA, appB], [n1, n2], optimal)).toEqual({
      pairs: [{ applicationId: 'a', needId: 'n1' }],
      count: 1,
    });
    // Nobody placed: every eligible pair blocks.
    expect(blockingPairs([appA, appB], [n1, n2], []).count).toBe(3);
  });

  it('rejects assignments naming unknown ids or placing an intern twice', () => {
    expect(() => blockingPairs([appA], [n1], [{ applicationId: 'x', needId: 'n1' }])).toThrow(
      /unknown application x/,
    );
    expect(() =>
      blockingPairs(
        [appA],
        [n1, n2],
        [
          { applicationId: 'a', needId: 'n1' },
          { applicationId: 'a', needId: 'n2' },
        ],
      ),
    ).toThrow(/more than once/);
  });
});

describe('buildCandidates', () => {
  it('lists each need’s eligible candidates best first, with their explanation', () => {
    expect(
      buildCandidates([appB, appA], [n2, n1]).map((c) => [c.needId, c.applicationId, c.score]),
    ).toEqual([
      ['n1', 'a', 50],
      ['n1', 'b', 40],
      ['n2', 'a', 38],
    ]);
  });
});

describe('excluded needs', () => {
  it('never proposes an excluded pair, in either mode, and says why', () => {
    const b = { ...appB, excludedNeeds: ['n1', 'not-in-this-run'] };
    for (const result of [matchOptimal([appA, b], [n1, n2]), matchStable([appA, b], [n1, n2])]) {
      expect(result.proposals.map((p) => [p.needId, p.applicationId])).toEqual([['n1', 'a']]);
      expect(result.unmatchedApplications).toEqual([
        { applicationId: 'b', reason: expect.stringContaining('excluded for 1 of 2 needs') },
      ]);
    }
    expect(buildCandidates([appA, b], [n1, n2]).some((c) => c.applicationId === 'b')).toBe(false);
  });
});
