import { eligibilityReasons, EligibilityProfile, EligibilityTrip } from './eligibility';

const trip: EligibilityTrip = {
  status: 'published',
  applicationDeadline: '2027-05-01',
  startDate: '2027-06-01',
  endDate: '2027-06-10',
  minAge: 18,
  country: 'GT',
};
const profile: EligibilityProfile = {
  dateOfBirth: '1995-04-12',
  phone: '+15125550100',
  country: 'US',
  emergencyContact: { name: 'Ana', phone: '+15125550101', relation: 'mother' },
  passportExpiresOn: '2030-01-01',
};

describe('eligibilityReasons', () => {
  it('is empty for an eligible volunteer', () => {
    expect(eligibilityReasons(trip, profile, '2027-05-01')).toEqual([]);
  });

  it('refuses a trip that is not published', () => {
    expect(eligibilityReasons({ ...trip, status: 'closed' }, profile, '2027-04-01')).toEqual([
      expect.stringContaining('not open'),
    ]);
  });

  it('refuses after the deadline, not on it', () => {
    expect(eligibilityReasons(trip, profile, '2027-05-01')).toEqual([]);
    expect(eligibilityReasons(trip, profile, '2027-05-02')).toEqual([
      expect.stringContaining('deadline'),
    ]);
  });

  it('names the missing profile fields (no profile at all too)', () => {
    expect(eligibilityReasons(trip, { ...profile, phone: null }, '2027-04-01')).toEqual([
      expect.stringMatching(/profile is incomplete: phone missing/),
    ]);
    expect(eligibilityReasons(trip, null, '2027-04-01')).toEqual([
      expect.stringMatching(/dateOfBirth, phone, country, emergencyContact/),
    ]);
  });

  it('takes the age on the start date', () => {
    const young = { ...profile, dateOfBirth: '2009-06-02' };
    expect(eligibilityReasons(trip, young, '2027-04-01')).toEqual([
      expect.stringContaining('minimum age is 18'),
    ]);
    expect(eligibilityReasons(trip, { ...young, dateOfBirth: '2009-06-01' }, '2027-04-01')).toEqual(
      [],
    );
  });

  it('needs a passport valid 6 months after the end only for a trip abroad', () => {
    const short = { ...profile, passportExpiresOn: '2027-12-09' };
    expect(eligibilityReasons(trip, short, '2027-04-01')).toEqual([
      expect.stringContaining('valid until at least 2027-12-10'),
    ]);
    expect(
      eligibilityReasons(trip, { ...short, passportExpiresOn: '2027-12-10' }, '2027-04-01'),
    ).toEqual([]);
    expect(eligibilityReasons(trip, { ...profile, passportExpiresOn: null }, '2027-04-01')).toEqual(
      [expect.stringContaining('passport expiry date')],
    );
    expect(
      eligibilityReasons(trip, { ...short, country: 'GT', passportExpiresOn: null }, '2027-04-01'),
    ).toEqual([]);
  });

  it('lists every failed rule at once', () => {
    const reasons = eligibilityReasons(
      { ...trip, status: 'closed' },
      { ...profile, phone: null, dateOfBirth: '2015-01-01', passportExpiresOn: '2027-07-01' },
      '2027-05-20',
    );
    expect(reasons).toHaveLength(5);
  });
});
