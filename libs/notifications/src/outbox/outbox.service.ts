import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { Clock, QUEUES, SendEmailJob } from '@puente/platform';
import type { Queue } from 'bull';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Notification } from '../entities/notification.entity';
import { emailJob } from './email-job';

export interface OutboxMessage {
  /** Unique per message, e.g. `application:<id>:accepted` or `trip:<id>:user:<id>:departure-7d`. */
  dedupeKey: string;
  template: string;
  /** Recipient user (preferred); or `toEmail` for someone without an account. */
  userId?: string;
  toEmail?: string;
  data?: Record<string, unknown>;
  /** Defaults to now. */
  sendAt?: Date;
  /** Reminders: when sendAt has already passed, do not write the row at all (never send late). */
  skipIfPast?: boolean;
}

export interface EnqueuedMessage {
  id: string;
  /** False for reminders scheduled later: only the sweep queues those, once due. */
  dueNow: boolean;
}

/**
 * Writes emails into the outbox inside the caller's transaction, and nudges the worker once
 * the transaction has committed. The worker's sweep sends anything a nudge missed.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    private readonly clock: Clock,
    @InjectQueue(QUEUES.email) private readonly emailQueue: Queue<SendEmailJob>,
  ) {}

  /**
   * Inserts the row unless its dedupe key exists. Answers the new row (pass it to dispatch after
   * commit), or null when nothing was written.
   */
  async enqueue(manager: EntityManager, message: OutboxMessage): Promise<EnqueuedMessage | null> {
    if (!message.userId === !message.toEmail)
      throw new Error('an outbox message needs exactly one of userId and toEmail');
    const now = this.clock.now();
    const sendAt = message.sendAt ?? now;
    if (message.skipIfPast && sendAt.getTime() < now.getTime()) return null;
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values({
        dedupeKey: message.dedupeKey,
        template: message.template,
        userId: message.userId ?? null,
        toEmail: message.toEmail ?? null,
        data: message.data ?? {},
        sendAt,
      } as QueryDeepPartialEntity<Notification>)
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (result.raw as { id: string }[])[0]?.id;
    return id ? { id, dueNow: sendAt.getTime() <= now.getTime() } : null;
  }

  /** Moves pending messages to a new time (e.g. trip dates changed). Answers how many moved. */
  async reschedule(manager: EntityManager, dedupeKey: string, sendAt: Date): Promise<number> {
    const res = await manager.update(Notification, { dedupeKey, status: 'pending' }, { sendAt });
    return res.affected ?? 0;
  }

  /** Cancels pending messages whose dedupe key starts with the prefix (e.g. all reminders of an application). */
  async cancelPending(manager: EntityManager, dedupeKeyPrefix: string): Promise<number> {
    const res = await manager
      .createQueryBuilder()
      .update(Notification)
      .set({ status: 'cancelled' })
      .where(`status = 'pending' AND dedupe_key LIKE :prefix`, {
        prefix: `${escapeLike(dedupeKeyPrefix)}%`,
      })
      .execute();
    return res.affected ?? 0;
  }

  /**
   * Call after the transaction that enqueued has committed: queues the due ones now rather than
   * at the next sweep. Job id = row id, so a row is in the queue at most once. Never throws:
   * if Redis is down the sweep sends them later.
   */
  async dispatch(messages: (EnqueuedMessage | null | undefined)[]): Promise<void> {
    const due = messages.filter((m): m is EnqueuedMessage => !!m?.dueNow).map((m) => m.id);
    if (!due.length) return;
    try {
      await this.emailQueue.addBulk(due.map(emailJob));
    } catch (err) {
      this.logger.warn(
        { err: (err as Error).message, count: due.length },
        'could not queue emails now; the sweep will',
      );
    }
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
