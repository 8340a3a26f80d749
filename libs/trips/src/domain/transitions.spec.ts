import { APPLICATION_STATUSES } from '../entities/trip-application.entity';
import { TRIP_STATUSES } from '../entities/trip.entity';
import { applicationTransition, tripTransition } from './transitions';

describe('trip transitions', () => {
  it.each([
    ['publish', 'draft', 'published'],
    ['close', 'published', 'closed'],
    ['complete', 'closed', 'completed'],
    ['cancel', 'draft', 'cancelled'],
    ['cancel', 'published', 'cancelled'],
    ['cancel', 'closed', 'cancelled'],
  ] as const)('%s from %s gives %s', (action, from, to) => {
    expect(tripTransition(action, from)).toBe(to);
  });

  it('refuses every other pair', () => {
    const legal = new Set([
      'publish:draft',
      'close:published',
      'complete:closed',
      'cancel:draft',
      'cancel:published',
      'cancel:closed',
    ]);
    for (const action of ['publish', 'close', 'complete', 'cancel'] as const)
      for (const from of TRIP_STATUSES)
        if (!legal.has(`${action}:${from}`)) expect(tripTransition(action, from)).toBeNull();
  });
});

describe('application transitions', () => {
  it('follows the design and nothing else', () => {
    const legal: Record<string, string> = {
      'accept:submitted': 'accepted',
      'accept:waitlisted': 'accepted',
      'waitlist:submitted': 'waitlisted',
      'reject:submitted': 'rejected',
      'confirm:accepted': 'confirmed',
      'withdraw:submitted': 'withdrawn',
      'withdraw:accepted': 'withdrawn',
      'withdraw:waitlisted': 'withdrawn',
      'withdraw:confirmed': 'withdrawn',
    };
    for (const action of ['accept', 'waitlist', 'reject', 'confirm', 'withdraw'] as const)
      for (const from of APPLICATION_STATUSES)
        expect(applicationTransition(action, from)).toBe(legal[`${action}:${from}`] ?? null);
  });
});
