import { EMAIL_BACKOFF_BASE_MS } from '@puente/platform';
import { EMAIL_BACKOFF_MAX_MS, emailJobOptions, retryDelayMs } from './email-job';

describe('email jobs', () => {
  it('use the row id as job id and leave nothing behind in Redis when finished', () => {
    expect(emailJobOptions('abc')).toMatchObject({
      jobId: 'abc',
      removeOnComplete: true,
      removeOnFail: true,
      backoff: { type: 'email-jitter' },
    });
  });

  it('back off exponentially with jitter, between half and all of the step, capped', () => {
    const low = () => 0;
    const high = () => 1;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, high))).toEqual(
      [1, 2, 4, 8].map((k) => k * EMAIL_BACKOFF_BASE_MS),
    );
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, low))).toEqual(
      [0.5, 1, 2, 4].map((k) => k * EMAIL_BACKOFF_BASE_MS),
    );
    expect(retryDelayMs(40, high)).toBe(EMAIL_BACKOFF_MAX_MS);
    const spread = new Set(Array.from({ length: 20 }, () => retryDelayMs(5)));
    expect(spread.size).toBeGreaterThan(1);
  });
});
