import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { describeUrl, Env } from '@puente/platform';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { MimeBuildThread } from './mime-build.thread';

export interface SentMail {
  messageId: string;
  /** The SMTP server's final answer (e.g. "250 OK: queued as …"), or where the file was written. */
  response: string;
}

/**
 * Opens plaintext SMTP connections (STARTTLS upgrades them later as usual) with TCP_NODELAY.
 * Without it, Nagle's algorithm and the server's delayed ACKs hold the end of every message for
 * ~40 ms: measured against a local smtp-server, 47 ms per message on a connection, 5 ms with it.
 * smtps:// (implicit TLS) keeps nodemailer's own connect. When our connect fails we hand over to
 * nodemailer's own connect too, which fails the same way but reports it properly (an error from
 * getSocket would leave a dead connection holding a pool slot for good: nodemailer 7).
 */
function noDelaySocket(
  options: SMTPPool.Options,
  callback: (err: Error | null, socketOptions: unknown) => void,
): void {
  if (options.secure) return callback(null, false);
  const socket = connect({ host: options.host, port: options.port ?? 25, noDelay: true });
  const fallBack = () => {
    clearTimeout(timer);
    socket.destroy();
    callback(null, false);
  };
  const timer = setTimeout(fallBack, options.connectionTimeout ?? 10_000);
  socket.once('error', fallBack);
  socket.once('connect', () => {
    clearTimeout(timer);
    socket.removeListener('error', fallBack);
    callback(null, { connection: socket });
  });
}

/** Pool settings shared by the worker and the benchmark's raw-nodemailer baseline. */
export function smtpPoolOptions(smtpUrl: string, concurrency: number): SMTPPool.Options {
  return {
    pool: true,
    // One connection per send in flight; SMTP_URL query parameters (e.g. ?maxConnections=5) win.
    maxConnections: concurrency,
    maxMessages: 1000,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    getSocket: noDelaySocket,
    ...parseConnectionUrl(smtpUrl),
  };
}

/**
 * Sends through pooled SMTP when SMTP_URL is set; otherwise writes each message as an .eml file
 * under MAIL_DIR, so a development machine needs no mail server to read what Puente sends.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  private transporter: Transporter | null = null;
  private readonly mime = new MimeBuildThread();
  readonly mode: 'smtp' | 'files';
  readonly mailDir: string;

  constructor(private readonly env: Env) {
    this.mode = env.SMTP_URL ? 'smtp' : 'files';
    this.mailDir = resolve(env.MAIL_DIR);
  }

  describe(): string {
    const where =
      this.mode === 'smtp'
        ? `SMTP at ${describeUrl(this.env.SMTP_URL as string)}`
        : `.eml files in ${this.mailDir}`;
    return this.mime.threaded ? `${where} (MIME built on a thread of its own)` : where;
  }

  private get transport(): Transporter {
    if (!this.transporter) {
      this.transporter = createTransport(
        smtpPoolOptions(this.env.SMTP_URL as string, this.env.EMAIL_CONCURRENCY),
      );
      this.logger.log(`emails go to ${this.describe()}`);
    }
    return this.transporter;
  }

  /**
   * Builds the MIME message once (on the MIME thread), then hands nodemailer the finished bytes:
   * the message goes out in a few large writes instead of one per MIME chunk (each write on a
   * TCP_NODELAY socket is a packet and a system call). In file mode the same bytes are the .eml
   * file; `fileName` names it (the same row always writes the same file).
   */
  async send(message: SendMailOptions, fileName: string): Promise<SentMail> {
    const { raw, envelope, messageId } = await this.mime.build(message);
    if (this.mode === 'smtp') {
      // The Message-ID is already in `raw`; naming it spares nodemailer drawing a random one.
      const info = (await this.transport.sendMail({ envelope, raw, messageId })) as {
        response?: string;
      };
      return { messageId, response: info.response ?? '' };
    }
    await mkdir(this.mailDir, { recursive: true });
    const path = join(this.mailDir, `${fileName}.eml`);
    // Write then rename, so a reader never sees half a message.
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, raw);
    await rename(partial, path);
    return { messageId, response: `written to ${path}` };
  }

  async onApplicationShutdown(): Promise<void> {
    this.transporter?.close();
    this.transporter = null;
    await this.mime.close();
  }
}
