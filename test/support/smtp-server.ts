import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { getFreePort, waitFor } from './processes';

export interface ReceivedMail {
  raw: Buffer;
  /** The Message-ID header as sent, e.g. `<uuid@puente.local>`. */
  messageId: string;
  envelopeTo: string[];
  /** Date.now() when the server accepted it. */
  at: number;
}

export interface SmtpBehaviour {
  /** Answer RCPT TO with an error (e.g. 550 or 451); null/undefined accepts. */
  rejectRecipient?: (address: string) => { code: number; message: string } | null | undefined;
  /** Wait this long before answering 250 to DATA (messages in flight stay in flight longer). */
  delayMs?: number;
}

const SMTP_ERROR = (code: number, message: string) =>
  Object.assign(new Error(message), { responseCode: code });

/**
 * A real SMTP server (smtp-server) for tests: records every message it accepts, can reject
 * recipients or slow down, and can go down (refusing connections) and come back on the same port.
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  behaviour: SmtpBehaviour = {};
  private server: SMTPServer | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<TestSmtpServer> {
    const smtp = new TestSmtpServer(await getFreePort());
    await smtp.up();
    return smtp;
  }

  /** Not listening yet: connections are refused until up(). */
  static async reservePort(): Promise<TestSmtpServer> {
    return new TestSmtpServer(await getFreePort());
  }

  /** For SMTP_URL. STARTTLS is disabled on the server, and the client must not insist. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}?ignoreTLS=true`;
  }

  get isUp(): boolean {
    return this.server !== null;
  }

  async up(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      closeTimeout: 10,
      size: 10 * 1024 * 1024,
      onRcptTo: (address: SMTPServerAddress, _session, callback) => {
        const rejection = this.behaviour.rejectRecipient?.(address.address);
        if (rejection) return callback(SMTP_ERROR(rejection.code, rejection.message));
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          const finish = () => {
            this.received.push({
              raw,
              messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw.toString('utf8'))?.[1] ?? '',
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              at: Date.now(),
            });
            callback(null, `OK queued as ${this.received.length}`);
          };
          if (this.behaviour.delayMs) setTimeout(finish, this.behaviour.delayMs);
          else finish();
        });
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** Stops listening and drops open connections: clients get "connection refused" until up(). */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async close(): Promise<void> {
    await this.down();
  }

  /** How many times each Message-ID arrived. */
  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.received) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
    return counts;
  }

  /** Messages that arrived more than once, counted beyond the first copy. */
  duplicates(): number {
    let dup = 0;
    for (const n of this.counts().values()) dup += n - 1;
    return dup;
  }

  waitForCount(n: number, timeoutMs = 60_000): Promise<true> {
    return waitFor(
      `${n} messages at the SMTP server (have ${this.received.length})`,
      async () => this.counts().size >= n,
      timeoutMs,
    );
  }

  /** Waits for the message with this Message-ID (or to this recipient) and parses it. */
  async waitForMail(
    match: { messageId?: string; to?: string },
    timeoutMs = 30_000,
  ): Promise<ParsedMail & { raw: Buffer }> {
    const found = await waitFor(
      `a message ${JSON.stringify(match)}`,
      async () =>
        this.received.find(
          (m) =>
            (!match.messageId || m.messageId === match.messageId) &&
            (!match.to || m.envelopeTo.includes(match.to)),
        ),
      timeoutMs,
    );
    return Object.assign(await simpleParser(found.raw), { raw: found.raw });
  }
}
