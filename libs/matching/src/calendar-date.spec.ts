import fc from 'fast-check';
import { dayNumber, formatDay, nextDay, previousDay } from './calendar-date';

describe('calendar dates', () => {
  it('agrees with Date on every day from 1900 to 2200 and round-trips', () => {
    const from = Date.UTC(1900, 0, 1) / 86_400_000;
    const to = Date.UTC(2200, 11, 31) / 86_400_000;
    const wrong: string[] = [];
    for (let day = from; day <= to; day++) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (formatDay(day) !== iso || dayNumber(iso) !== day) wrong.push(iso);
    }
    expect(wrong).toEqual([]);
  });

  it('rejects what is not a real calendar date', () => {
    for (const bad of [
      '2027-02-29',
      '2100-02-29',
      '2027-04-31',
      '2027-13-01',
      '2027-00-10',
      '2027-01-00',
      '27-01-01',
      '2027-1-1',
      '2027-01-01T00:00',
      '',
    ]) {
      expect(dayNumber(bad)).toBeNaN();
    }
    expect(dayNumber('2028-02-29')).toBe(dayNumber('2028-02-28') + 1);
    expect(dayNumber('2000-02-29')).toBe(dayNumber('2000-03-01') - 1);
  });

  it('steps across month and year ends', () => {
    expect(nextDay('2027-12-31')).toBe('2028-01-01');
    expect(previousDay('2028-03-01')).toBe('2028-02-29');
    fc.assert(
      fc.property(fc.integer({ min: -500_000, max: 2_000_000 }), (day) => {
        expect(dayNumber(formatDay(day))).toBe(day);
      }),
      { seed: 20_270_110, numRuns: 500 },
    );
  });
});
