import { encodeCursor } from '@puente/platform';
import { toPrefixQuery, tripListingQuery } from './trip-listing.query';

describe('toPrefixQuery', () => {
  it('ANDs every word as a prefix, lower-cased, accents kept', () => {
    expect(toPrefixQuery('Tutoring  Niñas')).toBe('tutoring:* & niñas:*');
  });

  it('lets nothing but letters and digits reach to_tsquery', () => {
    expect(toPrefixQuery(`o'brien & (a | !b) :* <-> "x"`)).toBe('o:* & brien:* & a:* & b:* & x:*');
    expect(toPrefixQuery('!!! ---')).toBeNull();
  });

  it('keeps at most 8 words', () => {
    expect(toPrefixQuery('a b c d e f g h i j')?.split(' & ')).toHaveLength(8);
  });
});

describe('tripListingQuery', () => {
  it('numbers its parameters in order and asks for one row more than the page', () => {
    const { text, values } = tripListingQuery(
      {
        country: 'GT',
        skill: ['teaching', 'childcare'],
        q: 'girls',
        hasSeats: true,
        cursor: encodeCursor(['2027-03-01', '00000000-0000-4000-8000-000000000001']),
        limit: 20,
      },
      '2027-01-01',
    );
    expect(values).toEqual([
      '2027-01-01',
      'GT',
      ['teaching', 'childcare'],
      'girls:*',
      '2027-03-01',
      '00000000-0000-4000-8000-000000000001',
      21,
    ]);
    expect(text).toContain('t.country = $2');
    expect(text).toContain('t.skills @> $3::varchar[]');
    expect(text).toContain(`t.search @@ to_tsquery('simple', $4)`);
    expect(text).toContain('t.seats_taken < t.capacity');
    expect(text).toContain('(t.start_date, t.id) > ($5::date, $6::uuid)');
    expect(text).toContain('LIMIT $7');
    expect(text).not.toContain('private_location');
  });

  it('refuses a date range that ends before it starts, and a foreign cursor', () => {
    expect(() =>
      tripListingQuery(
        { startsAfter: '2027-05-01', startsBefore: '2027-04-30', limit: 20 },
        '2027-01-01',
      ),
    ).toThrow(/startsBefore/);
    expect(() =>
      tripListingQuery({ cursor: encodeCursor(['2027-02-30', 'x']), limit: 20 }, '2027-01-01'),
    ).toThrow(/cursor/);
  });
});
