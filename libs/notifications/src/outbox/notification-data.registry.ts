import { Injectable } from '@nestjs/common';
import type { Notification } from '../entities/notification.entity';

/**
 * Fresh data for a message at send time, for templates whose content must reflect the state on
 * the day they go out (e.g. the requirements still outstanding 21 days before a trip). Answer
 * null to cancel the message (nothing left to say). Other libs register at start-up.
 */
export type NotificationDataResolver = (
  notification: Notification,
) => Promise<Record<string, unknown> | null>;

@Injectable()
export class NotificationDataRegistry {
  private readonly resolvers = new Map<string, NotificationDataResolver>();

  register(template: string, resolver: NotificationDataResolver): void {
    if (this.resolvers.has(template))
      throw new Error(`a data resolver for ${template} is registered twice`);
    this.resolvers.set(template, resolver);
  }

  /** The data to render with: the resolver's answer merged over the stored data, or null to cancel. */
  async resolve(notification: Notification): Promise<Record<string, unknown> | null> {
    const resolver = this.resolvers.get(notification.template);
    if (!resolver) return notification.data;
    const fresh = await resolver(notification);
    return fresh === null ? null : { ...notification.data, ...fresh };
  }
}
