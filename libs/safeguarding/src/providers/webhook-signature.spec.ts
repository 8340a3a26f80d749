import {
  hmacHex,
  signaturesMatch,
  signPuenteWebhook,
  verifyPuenteSignature,
} from './webhook-signature';

const secret = 'a-webhook-secret-of-some-length';
const body = '{"id":"evt_1","type":"check.completed"}';
const now = 1_900_000_000;

describe('webhook signatures', () => {
  it('accepts its own signature within the window', () => {
    const header = signPuenteWebhook(secret, body, now - 299);
    expect(verifyPuenteSignature(secret, header, Buffer.from(body), now)).toBe('ok');
  });

  it.each([
    ['another secret', signPuenteWebhook('another-secret-entirely', body, now), body, 'mismatch'],
    ['a tampered body', signPuenteWebhook(secret, body, now), body.replace('1', '2'), 'mismatch'],
    ['no header', undefined, body, 'missing'],
    ['a stale timestamp', signPuenteWebhook(secret, body, now - 301), body, 'stale'],
    ['a future timestamp', signPuenteWebhook(secret, body, now + 301), body, 'stale'],
    ['garbage', 'nonsense', body, 'malformed'],
    ['no v1', `t=${now}`, body, 'malformed'],
    ['a short v1', `t=${now},v1=abcd`, body, 'mismatch'],
    ['a non-hex v1', `t=${now},v1=${'z'.repeat(64)}`, body, 'mismatch'],
  ])('refuses %s', (_, header, raw, expected) => {
    expect(verifyPuenteSignature(secret, header, Buffer.from(raw), now)).toBe(expected);
  });

  it('compares hex in constant time and never throws on length mismatch', () => {
    const sig = hmacHex(secret, body);
    expect(signaturesMatch(sig, sig)).toBe(true);
    expect(signaturesMatch(sig, sig.toUpperCase())).toBe(true);
    expect(signaturesMatch(sig, sig.slice(2))).toBe(false);
    expect(signaturesMatch(sig, '')).toBe(false);
  });
});
