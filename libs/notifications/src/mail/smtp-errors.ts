/** How a failed send should be handled. */
export type FailureKind = 'transient' | 'permanent';

interface MailErrorShape {
  code?: string;
  responseCode?: number;
  message?: string;
}

/**
 * 5xx answers to the envelope or the message (e.g. 550 mailbox unavailable) are permanent: sending
 * again cannot succeed. Everything else — refused or dropped connections, timeouts, 4xx, and 5xx
 * at connect or login, which mean our configuration or their server is broken for now — is
 * transient, and retried: nothing is lost while someone fixes it.
 */
export function classifySendError(err: unknown): FailureKind {
  const e = (err ?? {}) as MailErrorShape;
  const code = e.code ?? '';
  const status = typeof e.responseCode === 'number' ? e.responseCode : 0;
  if (code === 'EENVELOPE' || code === 'EMESSAGE') {
    if (status >= 400 && status < 500) return 'transient';
    return 'permanent';
  }
  return 'transient';
}

/** A one-line description of an error for last_error: no credentials, bounded length. */
export function describeSendError(err: unknown): string {
  const e = (err ?? {}) as MailErrorShape;
  const message = (e.message ?? String(err))
    .replace(/\/\/[^/\s:@]+:[^/\s@]+@/g, '//***@')
    .replace(/\s+/g, ' ')
    .trim();
  const prefix = [e.code, e.responseCode].filter(Boolean).join(' ');
  const line = prefix && !message.startsWith(prefix) ? `${prefix}: ${message}` : message;
  return line.length > 500 ? `${line.slice(0, 497)}...` : line;
}
