import { literal } from './row-claims';

describe('literal (SQL text for the claim transaction)', () => {
  it('quotes strings so they cannot end the literal', () => {
    expect(literal("it's")).toBe("'it''s'");
    expect(literal("550 '); DROP TABLE notifications; --")).toBe(
      "'550 ''); DROP TABLE notifications; --'",
    );
    expect(literal('back\\slash')).toBe(" E'back\\\\slash'");
    expect(literal('nul\0byte')).toBe("'nulbyte'");
  });

  it('writes dates, numbers, arrays and null', () => {
    expect(literal(new Date('2027-01-02T03:04:05.678Z'))).toBe(
      "'2027-01-02T03:04:05.678Z'::timestamptz",
    );
    expect(literal(3)).toBe('3');
    expect(() => literal(Number.NaN)).toThrow();
    expect(literal(['link', "o'k"])).toBe("ARRAY['link', 'o''k']::text[]");
    expect(literal([])).toBe('ARRAY[]::text[]');
    expect(literal(null)).toBe('NULL');
  });
});
