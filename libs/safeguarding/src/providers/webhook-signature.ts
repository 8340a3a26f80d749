import { createHmac, timingSafeEqual } from 'node:crypto';

/** Hex HMAC-SHA256 of a payload. */
export function hmacHex(secret: string, payload: Buffer | string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/** Constant-time comparison of two hex signatures; false (never a throw) for any malformed one. */
export function signaturesMatch(expectedHex: string, givenHex: string): boolean {
  if (!/^[0-9a-f]+$/i.test(givenHex) || givenHex.length !== expectedHex.length) return false;
  const a = Buffer.from(expectedHex, 'hex');
  const b = Buffer.from(givenHex.toLowerCase(), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The sandbox's `Puente-Signature: t=<unix seconds>,v1=<hex HMAC of "<t>.<raw body>">`. */
export function signPuenteWebhook(secret: string, rawBody: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmacHex(secret, `${unixSeconds}.${rawBody}`)}`;
}

export type PuenteSignatureCheck = 'ok' | 'missing' | 'malformed' | 'mismatch' | 'stale';

/** Verifies a Puente-Signature header over the raw body, with a tolerance window on its timestamp. */
export function verifyPuenteSignature(
  secret: string,
  header: string | undefined,
  rawBody: Buffer,
  nowUnixSeconds: number,
  toleranceSeconds = 300,
): PuenteSignatureCheck {
  if (!header) return 'missing';
  const fields = new Map<string, string[]>();
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return 'malformed';
    const key = part.slice(0, eq).trim();
    fields.set(key, [...(fields.get(key) ?? []), part.slice(eq + 1).trim()]);
  }
  const t = fields.get('t');
  const v1 = fields.get('v1');
  if (!t || t.length !== 1 || !/^\d{1,12}$/.test(t[0]) || !v1?.length) return 'malformed';
  const expected = hmacHex(secret, Buffer.concat([Buffer.from(`${t[0]}.`), rawBody]));
  // Several v1 values allow a secret rotation; one match is enough.
  if (!v1.some((given) => signaturesMatch(expected, given))) return 'mismatch';
  if (Math.abs(nowUnixSeconds - Number(t[0])) > toleranceSeconds) return 'stale';
  return 'ok';
}
