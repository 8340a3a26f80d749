import type {
  BackgroundCheck,
  CheckProviderName,
  CheckResult,
} from '../entities/background-check.entity';

/** What a provider needs to know about the volunteer (never an identity number). */
export interface VolunteerIdentity {
  id: string;
  email: string;
  name: string;
}

/** A change a provider reports, by webhook or when polled. */
export type ProviderUpdate =
  | { kind: 'completed'; result: CheckResult; reportId?: string | null }
  | { kind: 'suspended' }
  | { kind: 'cancelled'; reason: 'report_canceled' | 'invitation_expired' }
  | { kind: 'report_started'; reportId: string }
  /** The event named a report without its outcome: the worker fetches it. */
  | { kind: 'poll'; reportId: string };

export interface ProviderStart {
  reference: string | null;
  invitationId?: string | null;
  /** The provider's hosted consent page, emailed to the volunteer. */
  consentUrl?: string | null;
  /** Drive the check again after this long (the sandbox completes then; Checkr is polled), or null. */
  driveAfterMs: number | null;
  /** True when a delayed job should fire then; otherwise the periodic repair drives it. */
  delayedJob: boolean;
}

export interface ProviderAdvance {
  update: ProviderUpdate | null;
  driveAgainInMs: number | null;
  /** True when a delayed job should fire then; otherwise the periodic repair drives it. */
  delayedJob?: boolean;
}

/** Where a verified event points: the check is looked up by what the provider gave us. */
export interface EventLookup {
  reference?: string;
  invitationId?: string;
  reportId?: string;
}

export interface ParsedWebhook {
  eventId: string;
  /** The provider's event type, the only part of an event that is ever logged. */
  type: string;
  lookup: EventLookup | null;
  /** Null for an event type we do not act on. */
  update: ProviderUpdate | null;
}

/** A provider call failed. Retryable ones back off and retry; the others wait for the repair. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** A webhook whose signature is missing, wrong or stale: 401, and nothing is read from it. */
export class WebhookRejected extends Error {
  constructor(readonly why: string) {
    super(`webhook rejected: ${why}`);
    this.name = 'WebhookRejected';
  }
}

/** A verified webhook whose body is not an event we can read: 400. */
export class WebhookMalformed extends Error {
  constructor(readonly why: string) {
    super(`webhook malformed: ${why}`);
    this.name = 'WebhookMalformed';
  }
}

/** The adapter every background-check provider implements. Only the worker calls start/advance. */
export interface BackgroundCheckProvider {
  readonly name: CheckProviderName;
  /** Whether an adverse decision must follow the consumer-report steps (pre-notice, wait, final). */
  readonly consumerReport: boolean;
  /**
   * Begins the check with the provider. `persist` records an id the provider gave before the
   * next call, so a retry continues where the last attempt stopped instead of starting over.
   */
  start(
    check: BackgroundCheck,
    volunteer: VolunteerIdentity,
    persist: (patch: Partial<BackgroundCheck>) => Promise<void>,
  ): Promise<ProviderStart>;
  /** Drives an in-progress check (the sandbox completes it; Checkr is polled in case a webhook was lost). */
  advance(check: BackgroundCheck, volunteer: VolunteerIdentity): Promise<ProviderAdvance>;
  /** Verifies and reads a webhook (throws WebhookRejected or WebhookMalformed). */
  parseWebhook(
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): ParsedWebhook;
}

export function header(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function parseJsonObject(rawBody: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new WebhookMalformed('body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new WebhookMalformed('body is not a JSON object');
  return parsed as Record<string, unknown>;
}

export function nonEmptyString(value: unknown, max = 200): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
}
