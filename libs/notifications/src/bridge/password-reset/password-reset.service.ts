import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthService, UsersService } from '@puente/accounts';
import { BadRequestError, Clock, Env } from '@puente/platform';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OutboxService } from '../../outbox/outbox.service';
import { PasswordResetToken } from './password-reset-token.entity';

export const PASSWORD_RESET_TTL_MS = 3_600_000;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Password reset by a one-time emailed link. Lives here, not in accounts, because accounts may not
 * import notifications; this bridge imports both. Only the token's SHA-256 is stored; the emailed
 * link is removed from the outbox row once sent (the template's secretDataKeys).
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  /** Emails a link when the account exists; says nothing either way. */
  async request(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user) return;
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const link = `${this.env.PUBLIC_URL.replace(/\/+$/, '')}/reset-password?token=${token}`;
    const message = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(PasswordResetToken).save({
        userId: user.id,
        tokenHash: sha256(token),
        expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS),
        usedAt: null,
      });
      return this.outbox.enqueue(manager, {
        dedupeKey: `password-reset:${saved.id}`,
        template: 'password-reset',
        userId: user.id,
        data: { link },
      });
    });
    await this.outbox.dispatch([message]);
    this.logger.log({ userId: user.id }, 'password reset requested');
  }

  /** Sets the new password; 400 for a token that is unknown, used or expired. */
  async confirm(token: string, password: string): Promise<void> {
    const now = this.clock.now();
    // Spend the token first (atomically), so two confirmations cannot both succeed.
    const [rows] = (await this.dataSource.query(
      `UPDATE password_reset_tokens SET used_at = $2
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
        RETURNING user_id`,
      [sha256(token), now],
    )) as [{ user_id: string }[], number];
    const userId = rows[0]?.user_id;
    if (!userId)
      throw new BadRequestError('token is invalid, already used or expired', 'INVALID_TOKEN');
    await this.auth.setPassword(userId, password);
    // Any other link still outstanding for this account stops working too.
    await this.dataSource.query(
      `UPDATE password_reset_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL`,
      [userId, now],
    );
    this.logger.log({ userId }, 'password reset');
  }
}
