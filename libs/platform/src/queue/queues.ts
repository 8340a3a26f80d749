/**
 * Every queue and job of Puente, with the payload each job carries. Jobs carry ids only:
 * the state lives in a PostgreSQL row, which the processor re-reads.
 */
export const QUEUES = {
  email: 'email',
  backgroundChecks: 'background-checks',
  matching: 'matching',
  scheduled: 'scheduled',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  sendEmail: 'send-email',
  runBackgroundCheckStep: 'run-background-check-step',
  runMatching: 'run-matching',
  dailyMaintenance: 'daily-maintenance',
} as const;

export interface SendEmailJob {
  notificationId: string;
}

export interface BackgroundCheckStepJob {
  checkId: string;
}

export interface RunMatchingJob {
  runId: string;
}

/** Retry policy for email: transient SMTP failures back off exponentially (jitter is added by the processor). */
export const EMAIL_JOB_ATTEMPTS = 8;
export const EMAIL_BACKOFF_BASE_MS = 1000;

/** Retry policy for background-check steps: provider errors back off exponentially. */
export const BACKGROUND_CHECK_JOB_ATTEMPTS = 6;
export const BACKGROUND_CHECK_BACKOFF_MS = 5000;
