import { Injectable } from '@nestjs/common';
import { Env } from '@puente/platform';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { isUUID } from 'class-validator';
import { OPTIONAL_CATEGORIES, type OptionalCategory } from './notification-opt-out.entity';

export interface UnsubscribeClaim {
  userId: string;
  category: OptionalCategory;
}

/**
 * Unsubscribe links carry `<userId>.<category>.<HMAC-SHA256>` so a mail client can act on them
 * without a login (RFC 8058). The key is derived from JWT_SECRET, so no new secret to manage; the
 * links never expire (people unsubscribe from old emails) and can only name a non-essential category.
 */
@Injectable()
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(private readonly env: Env) {
    this.key = createHash('sha256').update(`puente:unsubscribe:${env.JWT_SECRET}`).digest();
  }

  sign(claim: UnsubscribeClaim): string {
    return `${claim.userId}.${claim.category}.${this.mac(claim)}`;
  }

  /** The claim, or null for anything not signed by us. */
  verify(token: string): UnsubscribeClaim | null {
    const [userId, category, mac, extra] = token.split('.');
    if (extra !== undefined || !userId || !category || !mac) return null;
    if (!isUUID(userId) || !(OPTIONAL_CATEGORIES as readonly string[]).includes(category))
      return null;
    const claim = { userId, category: category as OptionalCategory };
    const expected = Buffer.from(this.mac(claim));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected) ? claim : null;
  }

  url(claim: UnsubscribeClaim): string {
    const base = this.env.PUBLIC_URL.replace(/\/+$/, '');
    return `${base}/notifications/unsubscribe?token=${encodeURIComponent(this.sign(claim))}`;
  }

  private mac(claim: UnsubscribeClaim): string {
    return createHmac('sha256', this.key)
      .update(`${claim.userId}.${claim.category}`)
      .digest('base64url');
  }
}
