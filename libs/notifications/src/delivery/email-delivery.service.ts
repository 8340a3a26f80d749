import { Injectable, Logger } from '@nestjs/common';
import { Clock, Env } from '@puente/platform';
import type { SendMailOptions } from 'nodemailer';
import { composeMail } from '../mail/compose-mail';
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
import { RowClaims, type RowClaim } from './row-claims';

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
 * Sends one outbox row, idempotently: claims it (locks and re-reads it), skips what is not pending
 * and due, renders, sends, and commits the outcome, which releases the lock. A second job for the
 * same row finds it locked or no longer pending and does nothing, so a duplicate can only come from
 * a crash between the SMTP answer and that commit.
 */
@Injectable()
export class EmailDeliveryService {
  private readonly logger = new Logger(EmailDeliveryService.name);
  private readonly messageIdDomain: string;

  constructor(
    private readonly claims: RowClaims,
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
    const claim = await this.claims.claim<RowRecord>(notificationId, COLUMNS);
    if (!claim) return { status: 'skipped', reason: 'missing, or being sent by another worker' };
    try {
      const row = toNotification(claim.row);
      if (row.status !== 'pending') return await this.skip(claim, `already ${row.status}`);
      if (row.sendAt.getTime() > this.clock.now().getTime())
        return await this.skip(claim, 'not due yet');

      let prepared: Preparation;
      try {
        prepared = await this.prepare(row);
      } catch (err) {
        // Reading the recipient or fresh data failed (database, a resolver): try again later.
        throw await this.recordTransient(claim, row, describeSendError(err), 'prepare');
      }
      if ('drop' in prepared) return await this.drop(claim, row, prepared.drop, prepared.reason);
      return await this.send(claim, row, prepared);
    } finally {
      claim.release();
    }
  }

  private async skip(claim: RowClaim<RowRecord>, reason: string): Promise<DeliveryOutcome> {
    await claim.commit();
    return { status: 'skipped', reason };
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

    const mail = composeMail({
      from: this.env.MAIL_FROM,
      to: recipient,
      messageId: this.messageIdOf(row.id),
      rendered,
      unsubscribeUrl,
      date: now,
    });
    const stamp = row.sendAt.toISOString().replace(/[:.]/g, '-');
    return { template, mail, fileName: `${stamp}-${template.name}-${row.id}` };
  }

  private async send(
    claim: RowClaim<RowRecord>,
    row: Notification,
    prepared: Prepared,
  ): Promise<DeliveryOutcome> {
    const secretKeys = prepared.template.secretDataKeys ?? [];
    let sent: SentMail;
    try {
      sent = await this.transport.send(prepared.mail, prepared.fileName);
    } catch (err) {
      const reason = describeSendError(err);
      if (classifySendError(err) === 'permanent') {
        await claim.commit({
          status: 'failed',
          attempted: true,
          lastError: reason,
          eraseKeys: secretKeys,
        });
        this.logger.warn({ notificationId: row.id, reason }, 'email failed permanently');
        return { status: 'failed', reason };
      }
      throw await this.recordTransient(claim, row, reason, 'send');
    }
    // Whatever happened to the row meanwhile (a cancellation from the API), the email went out.
    await claim.commit({
      status: 'sent',
      attempted: true,
      sentAt: this.clock.now(),
      messageId: sent.messageId,
      smtpResponse: sent.response.slice(0, 1000),
      eraseKeys: secretKeys,
    });
    return { status: 'sent', messageId: sent.messageId };
  }

  /** Cancels or fails a row that will not be sent, unless the API changed it meanwhile. */
  private async drop(
    claim: RowClaim<RowRecord>,
    row: Notification,
    status: 'cancelled' | 'failed',
    reason: string,
  ): Promise<DeliveryOutcome> {
    const secretKeys = this.templates.get(row.template)?.secretDataKeys ?? [];
    await claim.commit({ status, lastError: reason, eraseKeys: secretKeys, onlyIfPending: true });
    if (status === 'failed')
      this.logger.warn({ notificationId: row.id, reason }, 'email failed permanently');
    return { status, reason };
  }

  /** Counts the attempt, notes why and when to try again; the caller throws what this answers. */
  private async recordTransient(
    claim: RowClaim<RowRecord>,
    row: Notification,
    reason: string,
    stage: 'prepare' | 'send',
  ): Promise<TransientSendError> {
    const attempts = row.attempts + 1;
    const delay = retryDelayMs(attempts);
    try {
      await claim.commit({
        attempted: true,
        lastError: reason,
        nextAttemptAt: new Date(this.clock.now().getTime() + delay),
        onlyIfPending: true,
      });
    } catch {
      // The database itself is down: Bull's retry (and later the sweep) will try again.
    }
    this.logger.warn(
      { notificationId: row.id, attempts, retryInMs: delay, reason },
      stage === 'send'
        ? 'email send failed; will retry'
        : 'email could not be prepared; will retry',
    );
    return new TransientSendError(reason, delay);
  }
}

/** What sending needs of a row (fewer columns: less to parse per email). */
const COLUMNS = [
  'id',
  'dedupe_key',
  'template',
  'user_id',
  'to_email',
  'data',
  'send_at',
  'status',
  'attempts',
] as const;

type RowRecord = Pick<Notification, 'id' | 'template' | 'data' | 'status' | 'attempts'> & {
  dedupe_key: string;
  user_id: string | null;
  to_email: string | null;
  send_at: Date;
};

/** The row as resolvers see it (the columns sending does not read are left unset). */
function toNotification(r: RowRecord): Notification {
  return Object.assign(new Notification(), {
    id: r.id,
    dedupeKey: r.dedupe_key,
    template: r.template,
    userId: r.user_id,
    toEmail: r.to_email,
    data: r.data ?? {},
    sendAt: r.send_at,
    status: r.status,
    attempts: r.attempts,
  });
}
