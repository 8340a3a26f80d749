import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Clock, Env } from '@puente/platform';
import type { SendMailOptions } from 'nodemailer';
import { DataSource, Repository } from 'typeorm';
import { Notification } from '../entities/notification.entity';
import { MailTransport, type SentMail } from '../mail/mail-transport';
import { classifySendError, describeSendError } from '../mail/smtp-errors';
import { retryDelayMs } from '../outbox/email-job';
import { NotificationDataRegistry } from '../outbox/notification-data.registry';
import { OptOutsService } from '../preferences/opt-outs.service';
import { UnsubscribeTokens } from '../preferences/unsubscribe-tokens';
import type { EmailTemplate, Locale } from '../templates/email-template';
import { renderEmail } from '../templates/render-email';
import { TemplateRegistry } from '../templates/template-registry';
import { RecipientDirectory, type Recipient } from './recipient-directory';

export type DeliveryOutcome =
  | { status: 'sent'; messageId: string }
  | { status: 'skipped' | 'cancelled' | 'failed'; reason: string };

/** A failure worth retrying; the job throws it and Bull waits `retryInMs` (see the processor). */
export class TransientSendError extends Error {
  constructor(
    message: string,
    readonly retryInMs: number,
  ) {
    super(message);
    this.name = 'TransientSendError';
  }
}

interface Prepared {
  template: EmailTemplate<any>;
  mail: SendMailOptions;
  fileName: string;
}

type Preparation = Prepared | { drop: 'cancelled' | 'failed'; reason: string };

const LOCALES: readonly string[] = ['en', 'es'];

/**
 * Sends one outbox row, idempotently: re-reads it, skips what is not pending and due, renders,
 * then sends while holding the row's lock (FOR UPDATE SKIP LOCKED) and marks it sent in the same
 * transaction. A second job for the same row finds it locked or no longer pending and does nothing,
 * so a duplicate can only come from a crash between the SMTP answer and the commit.
 */
@Injectable()
export class EmailDeliveryService {
  private readonly logger = new Logger(EmailDeliveryService.name);
  private readonly messageIdDomain: string;

  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly env: Env,
    private readonly templates: TemplateRegistry,
    private readonly dataRegistry: NotificationDataRegistry,
    private readonly recipients: RecipientDirectory,
    private readonly optOuts: OptOutsService,
    private readonly unsubscribe: UnsubscribeTokens,
    private readonly transport: MailTransport,
  ) {
    this.messageIdDomain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(env.MAIL_FROM)?.[1] ?? 'puente';
  }

  /** `<row id@domain of MAIL_FROM>`: every copy of one row's email carries the same Message-ID. */
  messageIdOf(notificationId: string): string {
    return `<${notificationId}@${this.messageIdDomain}>`;
  }

  async deliver(notificationId: string): Promise<DeliveryOutcome> {
    const row = await this.notifications.findOneBy({ id: notificationId });
    if (!row) return { status: 'skipped', reason: 'no such notification' };
    if (row.status !== 'pending') return { status: 'skipped', reason: `already ${row.status}` };
    if (row.sendAt.getTime() > this.clock.now().getTime())
      return { status: 'skipped', reason: 'not due yet' };

    let prepared: Preparation;
    try {
      prepared = await this.prepare(row);
    } catch (err) {
      // Reading the recipient or fresh data failed (database, a resolver): try again later.
      throw await this.recordTransient(row.id, describeSendError(err));
    }
    if ('drop' in prepared) {
      const done = await this.drop(row, prepared.drop, prepared.reason);
      return done
        ? { status: prepared.drop, reason: prepared.reason }
        : { status: 'skipped', reason: 'no longer pending' };
    }
    return this.sendLocked(row, prepared);
  }

  private async prepare(row: Notification): Promise<Preparation> {
    const template = this.templates.get(row.template);
    if (!template) return { drop: 'failed', reason: `unknown template "${row.template}"` };

    let recipient: Recipient | null;
    if (row.userId) {
      recipient = await this.recipients.find(row.userId);
      if (!recipient) return { drop: 'failed', reason: 'the recipient user no longer exists' };
    } else {
      const locale = row.data.locale;
      recipient = {
        email: row.toEmail as string,
        name: typeof row.data.recipientName === 'string' ? row.data.recipientName : null,
        locale: typeof locale === 'string' && LOCALES.includes(locale) ? (locale as Locale) : 'en',
      };
    }

    const category = template.optionalCategory;
    if (category && row.userId && (await this.optOuts.isOptedOut(row.userId, category)))
      return { drop: 'cancelled', reason: `the recipient unsubscribed from ${category} emails` };

    const data = await this.dataRegistry.resolve(row);
    if (data === null) return { drop: 'cancelled', reason: 'nothing left to say (data resolver)' };

    const now = this.clock.now();
    const unsubscribeUrl =
      category && row.userId ? this.unsubscribe.url({ userId: row.userId, category }) : null;
    let rendered;
    try {
      rendered = renderEmail(
        template,
        data,
        {
          locale: recipient.locale,
          recipientName: recipient.name,
          publicUrl: this.env.PUBLIC_URL.replace(/\/+$/, ''),
          now,
        },
        unsubscribeUrl,
      );
    } catch (err) {
      // Rendering is deterministic: the same data would fail again.
      return { drop: 'failed', reason: `template ${template.name}: ${(err as Error).message}` };
    }
    if (rendered.skipReason) return { drop: 'cancelled', reason: rendered.skipReason };

    const headers: Record<string, string> = {
      'Auto-Submitted': 'auto-generated',
      'X-Puente-Notification': row.id,
      'X-Puente-Template': template.name,
    };
    if (unsubscribeUrl) {
      headers['List-Unsubscribe'] = `<${unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    const mail: SendMailOptions = {
      from: this.env.MAIL_FROM,
      to: recipient.name ? { name: recipient.name, address: recipient.email } : recipient.email,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId: this.messageIdOf(row.id),
      date: now,
      headers,
      attachments: rendered.ics
        ? [
            {
              filename: 'trip.ics',
              content: rendered.ics,
              contentType: `text/calendar; charset=utf-8; method=${/^METHOD:(\w+)/m.exec(rendered.ics)?.[1] ?? 'PUBLISH'}`,
            },
          ]
        : undefined,
    };
    const stamp = row.sendAt.toISOString().replace(/[:.]/g, '-');
    return { template, mail, fileName: `${stamp}-${template.name}-${row.id}` };
  }

  private async sendLocked(row: Notification, prepared: Prepared): Promise<DeliveryOutcome> {
    const secretKeys = prepared.template.secretDataKeys ?? [];
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [locked] = (await runner.query(
        `SELECT attempts FROM notifications
          WHERE id = $1 AND status = 'pending' AND send_at <= $2
          FOR UPDATE SKIP LOCKED`,
        [row.id, this.clock.now()],
      )) as { attempts: number }[];
      if (!locked) {
        await runner.commitTransaction();
        return { status: 'skipped', reason: 'sent, cancelled, moved or being sent elsewhere' };
      }

      let sent: SentMail;
      try {
        sent = await this.transport.send(prepared.mail, prepared.fileName);
      } catch (err) {
        const reason = describeSendError(err);
        if (classifySendError(err) === 'permanent') {
          await runner.query(
            `UPDATE notifications
                SET status = 'failed', attempts = attempts + 1, last_error = $2,
                    next_attempt_at = NULL, data = data - $3::text[], updated_at = now()
              WHERE id = $1`,
            [row.id, reason, secretKeys],
          );
          await runner.commitTransaction();
          this.logger.warn({ notificationId: row.id, reason }, 'email failed permanently');
          return { status: 'failed', reason };
        }
        const attempts = locked.attempts + 1;
        const delay = retryDelayMs(attempts);
        await runner.query(
          `UPDATE notifications
              SET attempts = $2, last_error = $3, next_attempt_at = $4, updated_at = now()
            WHERE id = $1`,
          [row.id, attempts, reason, new Date(this.clock.now().getTime() + delay)],
        );
        await runner.commitTransaction();
        this.logger.warn(
          { notificationId: row.id, attempts, retryInMs: delay, reason },
          'email send failed; will retry',
        );
        throw new TransientSendError(reason, delay);
      }

      await runner.query(
        `UPDATE notifications
            SET status = 'sent', attempts = attempts + 1, sent_at = $2, message_id = $3,
                smtp_response = $4, last_error = NULL, next_attempt_at = NULL,
                data = data - $5::text[], updated_at = now()
          WHERE id = $1 AND status = 'pending'`,
        [row.id, this.clock.now(), sent.messageId, sent.response.slice(0, 1000), secretKeys],
      );
      await runner.commitTransaction();
      return { status: 'sent', messageId: sent.messageId };
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }

  /** Cancels or fails a pending row that will not be sent; false when it was no longer pending. */
  private async drop(
    row: Notification,
    status: 'cancelled' | 'failed',
    reason: string,
  ): Promise<boolean> {
    const secretKeys = this.templates.get(row.template)?.secretDataKeys ?? [];
    const [, affected] = (await this.dataSource.query(
      `UPDATE notifications
          SET status = $2, last_error = $3, next_attempt_at = NULL,
              data = data - $4::text[], updated_at = now()
        WHERE id = $1 AND status = 'pending'`,
      [row.id, status, reason, secretKeys],
    )) as [unknown, number];
    if (status === 'failed')
      this.logger.warn({ notificationId: row.id, reason }, 'email failed permanently');
    return affected > 0;
  }

  private async recordTransient(id: string, reason: string): Promise<TransientSendError> {
    let delay = retryDelayMs(1);
    try {
      const [rows] = (await this.dataSource.query(
        `UPDATE notifications SET attempts = attempts + 1, last_error = $2, updated_at = now()
          WHERE id = $1 AND status = 'pending' RETURNING attempts`,
        [id, reason],
      )) as [{ attempts: number }[], number];
      delay = retryDelayMs(rows[0]?.attempts ?? 1);
      await this.dataSource.query(`UPDATE notifications SET next_attempt_at = $2 WHERE id = $1`, [
        id,
        new Date(this.clock.now().getTime() + delay),
      ]);
    } catch {
      // The database itself is down: Bull's retry (and later the sweep) will try again.
    }
    this.logger.warn({ notificationId: id, reason }, 'email could not be prepared; will retry');
    return new TransientSendError(reason, delay);
  }
}
