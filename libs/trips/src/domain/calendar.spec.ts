import { addDays, addMonths, ageOn, instantAt } from './calendar';

describe('calendar', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2027-12-30', 3)).toBe('2028-01-02');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('adds months, clamping to the last day of a shorter month', () => {
    expect(addMonths('2027-01-15', 6)).toBe('2027-07-15');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-10-10', 6)).toBe('2028-04-10');
  });

  it('counts age in whole years, the birthday itself included', () => {
    expect(ageOn('2009-06-15', '2027-06-14')).toBe(17);
    expect(ageOn('2009-06-15', '2027-06-15')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('gives reminder instants in UTC', () => {
    expect(instantAt('2027-03-01', -30, 9).toISOString()).toBe('2027-01-30T09:00:00.000Z');
    expect(instantAt('2027-03-01', 3, 9).toISOString()).toBe('2027-03-04T09:00:00.000Z');
  });
});
