import { Injectable } from '@nestjs/common';
import { OrganizationsService, User } from '@puente/accounts';
import { EnqueuedMessage, OutboxService } from '@puente/notifications';
import { Env } from '@puente/platform';
import { EntityManager } from 'typeorm';
import type { BackgroundCheck } from '../entities/background-check.entity';
import { VolunteerLinksRegistry } from '../volunteer-links.registry';

/** Every email safeguarding sends, by template name (templates live in libs/notifications). */
export const SAFEGUARDING_TEMPLATES = {
  checkRequested: 'background-check.requested',
  checkCompleted: 'background-check.completed',
  checkNeedsReview: 'background-check.needs-review',
  checkDecision: 'background-check.decision',
  preAdverseAction: 'background-check.pre-adverse-action',
  finalAdverseAction: 'background-check.final-adverse-action',
  checkDisputed: 'background-check.disputed',
  checkExpiringSoon: 'background-check.expiring-soon',
  checkExpiringCoordinator: 'background-check.expiring-coordinator',
  checkExpired: 'background-check.expired',
  guardianConsentRequest: 'guardian-consent.request',
  guardianConsentGiven: 'guardian-consent.given',
} as const;

type Sent = EnqueuedMessage | null;

/**
 * Writes safeguarding emails into the outbox inside the caller's transaction. The data never
 * holds a check's details beyond what the template needs; the words stay neutral.
 */
@Injectable()
export class SafeguardingEmails {
  constructor(
    private readonly outbox: OutboxService,
    private readonly organizations: OrganizationsService,
    private readonly links: VolunteerLinksRegistry,
    private readonly env: Env,
  ) {}

  url(path: string): string {
    return `${this.env.PUBLIC_URL.replace(/\/+$/, '')}${path}`;
  }

  toVolunteer(
    manager: EntityManager,
    check: BackgroundCheck,
    template: string,
    occasion: string,
    data: Record<string, unknown> = {},
  ): Promise<Sent> {
    return this.outbox.enqueue(manager, {
      dedupeKey: `background-check:${check.id}:${occasion}`,
      template,
      userId: check.volunteerId,
      data: {
        checkId: check.id,
        provider: check.provider,
        checkUrl: this.url(`/background-checks/${check.id}`),
        safeguardingUrl: this.url('/me/safeguarding'),
        ...data,
      },
    });
  }

  /**
   * To the coordinators of every organisation the volunteer is linked to now and (unless told
   * otherwise) of the organisation that asked for the check; never to the volunteer themself.
   */
  async toCoordinators(
    manager: EntityManager,
    check: BackgroundCheck,
    volunteer: Pick<User, 'id' | 'name'>,
    template: string,
    occasion: string,
    data: Record<string, unknown> = {},
    options: { includeRequester: boolean } = { includeRequester: true },
  ): Promise<Sent[]> {
    const orgIds = new Set(await this.links.activeOrganizationIds(check.volunteerId));
    if (check.organizationId && options.includeRequester) orgIds.add(check.organizationId);
    const coordinatorIds = new Set<string>();
    for (const orgId of orgIds)
      for (const c of await this.organizations.coordinators(orgId)) coordinatorIds.add(c.id);
    coordinatorIds.delete(check.volunteerId);
    const sent: Sent[] = [];
    for (const userId of coordinatorIds) {
      sent.push(
        await this.outbox.enqueue(manager, {
          dedupeKey: `background-check:${check.id}:${occasion}:coordinator:${userId}`,
          template,
          userId,
          data: {
            checkId: check.id,
            volunteerId: volunteer.id,
            volunteerName: volunteer.name,
            checkUrl: this.url(`/background-checks/${check.id}`),
            ...data,
          },
        }),
      );
    }
    return sent;
  }

  dispatch(messages: Sent[]): Promise<void> {
    return this.outbox.dispatch(messages);
  }
}
