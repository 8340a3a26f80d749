import { neutralizeFormula } from './roster.service';

describe('neutralizeFormula', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['+cmd|calc', `'+cmd|calc`],
    ['-2+3+cmd', `'-2+3+cmd`],
    ['\tx', `'\tx`],
  ])('defuses %j', (input, output) => expect(neutralizeFormula(input)).toBe(output));

  it.each(['José Pérez', '+15125550101', '+1 (512) 555-0101', '-', 'mother', ''])(
    'leaves %j alone',
    (value) => expect(neutralizeFormula(value)).toBe(value),
  );
});
