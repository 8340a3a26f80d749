import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { describeUrl, Env } from '@puente/platform';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';

export interface SentMail {
  messageId: string;
  /** The SMTP server's final answer (e.g. "250 OK: queued as …"), or where the file was written. */
  response: string;
}

/** Pool settings shared by the worker and the benchmark's raw-nodemailer baseline. */
export function smtpPoolOptions(smtpUrl: string, concurrency: number) {
  return {
    pool: true as const,
    // One connection per send in flight; SMTP_URL query parameters (e.g. ?maxConnections=5) win.
    maxConnections: concurrency,
    maxMessages: 1000,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
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
  readonly mode: 'smtp' | 'files';
  readonly mailDir: string;

  constructor(private readonly env: Env) {
    this.mode = env.SMTP_URL ? 'smtp' : 'files';
    this.mailDir = resolve(env.MAIL_DIR);
  }

  describe(): string {
    return this.mode === 'smtp'
      ? `SMTP at ${describeUrl(this.env.SMTP_URL as string)}`
      : `.eml files in ${this.mailDir}`;
  }

  private get transport(): Transporter {
    if (!this.transporter) {
      this.transporter =
        this.mode === 'smtp'
          ? createTransport(
              smtpPoolOptions(this.env.SMTP_URL as string, this.env.EMAIL_CONCURRENCY),
            )
          : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      this.logger.log(`emails go to ${this.describe()}`);
    }
    return this.transporter;
  }

  /** `fileName` names the .eml file in file mode (the same message always writes the same file). */
  async send(message: SendMailOptions, fileName: string): Promise<SentMail> {
    const info = (await this.transport.sendMail(message)) as {
      messageId: string;
      response?: string;
      message?: Buffer;
    };
    if (this.mode === 'smtp') return { messageId: info.messageId, response: info.response ?? '' };
    await mkdir(this.mailDir, { recursive: true });
    const path = join(this.mailDir, `${fileName}.eml`);
    // Write then rename, so a reader never sees half a message.
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, info.message as Buffer);
    await rename(partial, path);
    return { messageId: info.messageId, response: `written to ${path}` };
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
    this.transporter = null;
  }
}
