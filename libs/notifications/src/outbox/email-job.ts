import {
  EMAIL_BACKOFF_BASE_MS,
  EMAIL_JOB_ATTEMPTS,
  JOBS,
  type SendEmailJob,
} from '@puente/platform';
import type { JobOptions } from 'bull';

/** The custom backoff strategy's name; the worker defines it on its email queue. */
export const EMAIL_BACKOFF_STRATEGY = 'email-jitter';
/** Retries never wait longer than this, however many attempts have failed. */
export const EMAIL_BACKOFF_MAX_MS = 10 * 60_000;

/**
 * Job id = row id, so a row is in the queue at most once. Finished jobs are removed at once: a
 * completed or failed job left in Redis would make Bull ignore the sweep's next add of that id.
 */
export function emailJobOptions(notificationId: string): JobOptions {
  return {
    jobId: notificationId,
    attempts: EMAIL_JOB_ATTEMPTS,
    backoff: { type: EMAIL_BACKOFF_STRATEGY },
    removeOnComplete: true,
    removeOnFail: true,
  };
}

export function emailJob(notificationId: string): {
  name: string;
  data: SendEmailJob;
  opts: JobOptions;
} {
  return { name: JOBS.sendEmail, data: { notificationId }, opts: emailJobOptions(notificationId) };
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so a crowd of
 * messages that failed together (SMTP down) does not come back at the same instant.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const exp = Math.min(
    EMAIL_BACKOFF_MAX_MS,
    EMAIL_BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1),
  );
  return Math.round(exp / 2 + random() * (exp / 2));
}
