import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Clock,
  ConflictError,
  decodeCursor,
  NotFoundError,
  toPage,
  type Page,
} from '@puente/platform';
import { DataSource } from 'typeorm';
import type { NotificationStatus } from '../entities/notification.entity';
import { OutboxService } from '../outbox/outbox.service';
import type {
  AdminNotificationView,
  AdminNotificationsQueryDto,
  MyNotificationView,
} from './http/notification.dto';

interface Row {
  id: string;
  template: string;
  status: NotificationStatus;
  send_at: Date;
  sent_at: Date | null;
  cursor_at: string;
}

interface AdminRow extends Row {
  recipient: string;
  user_id: string | null;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date | null;
  message_id: string | null;
  dedupe_key: string;
  created_at: Date;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const ADMIN_COLUMNS = `n.id, n.template, n.status, n.send_at, n.sent_at, n.user_id, n.attempts,
  n.last_error, n.next_attempt_at, n.message_id, n.dedupe_key, n.created_at,
  coalesce(u.email, n.to_email) AS recipient, n.created_at::text AS cursor_at`;

/** The read side of the outbox for people: a user's own emails, the admin's view, and retry. */
@Injectable()
export class NotificationsQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** Newest first (by when it goes out). */
  async mine(userId: string, limit: number, cursor?: string): Promise<Page<MyNotificationView>> {
    const after = decodeCursor(cursor, 2) as [string, string] | undefined;
    const rows = (await this.dataSource.query(
      `SELECT id, template, status, send_at, sent_at, send_at::text AS cursor_at
         FROM notifications
        WHERE user_id = $1
          AND ($2::timestamptz IS NULL OR (send_at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY send_at DESC, id DESC
        LIMIT $4`,
      [userId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    )) as Row[];
    return toPage(
      rows,
      limit,
      (r) => [r.cursor_at, r.id],
      (r) => ({
        id: r.id,
        template: r.template,
        status: r.status,
        sendAt: r.send_at.toISOString(),
        sentAt: iso(r.sent_at),
      }),
    );
  }

  /** Newest first (by creation), optionally one status and one template. */
  async list(query: AdminNotificationsQueryDto): Promise<Page<AdminNotificationView>> {
    const after = decodeCursor(query.cursor, 2) as [string, string] | undefined;
    const rows = (await this.dataSource.query(
      `SELECT ${ADMIN_COLUMNS}
         FROM notifications n LEFT JOIN users u ON u.id = n.user_id
        WHERE ($1::varchar IS NULL OR n.status = $1)
          AND ($2::varchar IS NULL OR n.template = $2)
          AND ($3::timestamptz IS NULL OR (n.created_at, n.id) < ($3::timestamptz, $4::uuid))
        ORDER BY n.created_at DESC, n.id DESC
        LIMIT $5`,
      [
        query.status ?? null,
        query.template ?? null,
        after?.[0] ?? null,
        after?.[1] ?? null,
        query.limit + 1,
      ],
    )) as AdminRow[];
    return toPage(rows, query.limit, (r) => [r.cursor_at, r.id], toAdminView);
  }

  async get(id: string): Promise<AdminNotificationView> {
    const [row] = (await this.dataSource.query(
      `SELECT ${ADMIN_COLUMNS} FROM notifications n LEFT JOIN users u ON u.id = n.user_id
        WHERE n.id = $1`,
      [id],
    )) as AdminRow[];
    if (!row) throw new NotFoundError('Notification');
    return toAdminView(row);
  }

  /**
   * Puts a failed or cancelled email back to pending with its attempts reset, and queues it when
   * due (a reminder keeps its time). A pending one is queued again; a sent one is a 409.
   */
  async retry(id: string): Promise<AdminNotificationView> {
    const current = await this.get(id);
    if (current.status === 'sent')
      throw new ConflictError('This email has already been sent', 'ALREADY_SENT');
    const [rows] = (await this.dataSource.query(
      `UPDATE notifications
          SET status = 'pending', attempts = 0, last_error = NULL, next_attempt_at = NULL,
              updated_at = now()
        WHERE id = $1 AND status <> 'sent'
        RETURNING send_at <= $2 AS due`,
      [id, this.clock.now()],
    )) as [{ due: boolean }[], number];
    if (!rows.length) throw new ConflictError('This email has already been sent', 'ALREADY_SENT');
    await this.outbox.dispatch([{ id, dueNow: rows[0].due }]);
    return this.get(id);
  }
}

function toAdminView(r: AdminRow): AdminNotificationView {
  return {
    id: r.id,
    template: r.template,
    status: r.status,
    sendAt: r.send_at.toISOString(),
    sentAt: iso(r.sent_at),
    recipient: r.recipient,
    userId: r.user_id,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: iso(r.next_attempt_at),
    messageId: r.message_id,
    dedupeKey: r.dedupe_key,
    createdAt: r.created_at.toISOString(),
  };
}
