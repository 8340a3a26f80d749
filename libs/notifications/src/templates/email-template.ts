import type { OptionalCategory } from '../preferences/notification-opt-out.entity';

export type Locale = 'en' | 'es';
export const LOCALES: readonly Locale[] = ['en', 'es'];

/** What a template says, as plain strings: the layout escapes them and builds both bodies. */
export interface EmailContent {
  subject: string;
  /** Paragraphs after the greeting. */
  paragraphs: string[];
  /** Label/value lines, e.g. the trip, its dates and place. */
  details?: { label: string; value: string }[];
  /** A bulleted list after the details (e.g. what is still missing). */
  list?: string[];
  /** The one thing to click. */
  action?: { label: string; url: string };
  /** Small print after the action. */
  footnotes?: string[];
}

export interface RenderContext {
  locale: Locale;
  /** The recipient's name, when known (users); null for bare addresses. */
  recipientName: string | null;
  /** The API's own base URL (PUBLIC_URL), without a trailing slash. */
  publicUrl: string;
  now: Date;
}

/** An all-day calendar event for an .ics attachment. */
export interface CalendarEventSpec {
  /** Stable per thing (e.g. per trip), so calendar apps update the event instead of adding one. */
  uid: string;
  summary: string;
  /** YYYY-MM-DD, first day. */
  startDate: string;
  /** YYYY-MM-DD, last day (inclusive; DTEND is the day after). */
  endDate: string;
  location?: string;
  description?: string;
  cancelled?: boolean;
}

/**
 * One email template: one file per template under templates/, listed in templates/index.ts.
 * `parse` checks the row's data and throws TemplateDataError naming the bad field, so a bad row
 * fails at once with a clear last_error instead of retrying.
 */
export interface EmailTemplate<D = unknown> {
  name: string;
  /** Non-essential mail the recipient may turn off (List-Unsubscribe). Leave out for essential mail. */
  optionalCategory?: OptionalCategory;
  /** Data keys holding secrets (e.g. a reset link): removed from the row once it is sent or dropped. */
  secretDataKeys?: string[];
  parse(data: Record<string, unknown>): D;
  /** A reason to drop the message (row cancelled) when there is nothing left to say. */
  skip?(data: D): string | null;
  content: Record<Locale, (data: D, ctx: RenderContext) => EmailContent>;
  /** An .ics attachment for the message, when it has one. */
  calendar?(data: D, ctx: RenderContext): CalendarEventSpec;
}

/** Identity helper that keeps D inferred across parse, content and calendar. */
export function defineTemplate<D>(template: EmailTemplate<D>): EmailTemplate<D> {
  return template;
}

/** The row's data does not fit its template: a permanent failure (retrying cannot fix it). */
export class TemplateDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateDataError';
  }
}
