import { classifySendError, describeSendError } from './smtp-errors';

const smtpError = (code: string, responseCode?: number, message = 'failed') =>
  Object.assign(new Error(message), { code, responseCode });

describe('classifySendError', () => {
  it.each([
    ['550 to RCPT TO', smtpError('EENVELOPE', 550), 'permanent'],
    ['554 to DATA', smtpError('EMESSAGE', 554), 'permanent'],
    ['an invalid address (no answer at all)', smtpError('EENVELOPE'), 'permanent'],
    ['451 to RCPT TO', smtpError('EENVELOPE', 451), 'transient'],
    ['421 to DATA', smtpError('EMESSAGE', 421), 'transient'],
    ['a refused connection', smtpError('ESOCKET', undefined, 'connect ECONNREFUSED'), 'transient'],
    ['a dropped connection', smtpError('ECONNECTION'), 'transient'],
    ['a timeout', smtpError('ETIMEDOUT'), 'transient'],
    ['535 at login (our configuration)', smtpError('EAUTH', 535), 'transient'],
    ['554 in the greeting', smtpError('EPROTOCOL', 554), 'transient'],
    ['a plain error', new Error('boom'), 'transient'],
  ])('%s is %s', (_, err, kind) => {
    expect(classifySendError(err)).toBe(kind);
  });
});

describe('describeSendError', () => {
  it('names the code and answer and never carries credentials', () => {
    const line = describeSendError(
      smtpError('ESOCKET', undefined, 'cannot reach smtp://mailer:s3cret@smtp.example.org:587'),
    );
    expect(line).toBe('ESOCKET: cannot reach smtp://***@smtp.example.org:587');
    expect(line).not.toContain('s3cret');
  });

  it('bounds the length', () => {
    expect(describeSendError(new Error('x'.repeat(2000))).length).toBeLessThanOrEqual(500);
  });
});
