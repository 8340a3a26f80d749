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

  it('writes arrays of text, each element quoted', () => {
    expect(literal(['link', "o'k"])).toBe("ARRAY['link', 'o''k']::text[]");
    expect(literal([])).toBe('ARRAY[]::text[]');
  });
});
