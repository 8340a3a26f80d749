import type { Locale } from '../templates/email-template';

export interface Recipient {
  email: string;
  name: string | null;
  locale: Locale;
}

/**
 * Where a user's email address, name and language come from at send time. Notifications must not
 * import accounts, so the apps bind this to an accounts-backed implementation (see bridge/).
 */
export abstract class RecipientDirectory {
  /** Null when the user no longer exists. */
  abstract find(userId: string): Promise<Recipient | null>;
}
