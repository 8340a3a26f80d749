import { Injectable } from '@nestjs/common';
import { OrganizationsService } from '@puente/accounts';
import { EnqueuedMessage, OutboxService } from '@puente/notifications';
import type { UnmetRequirement } from '@puente/safeguarding';
import { EntityManager } from 'typeorm';
import type { Need } from '../entities/need.entity';
import type { Placement } from '../entities/placement.entity';

/** Template names of the internship emails (templates live in libs/notifications). */
export const INTERNSHIP_TEMPLATES = {
  offered: 'placement-offered',
  accepted: 'placement-accepted',
  declined: 'placement-declined',
  awaitingRequirements: 'placement-awaiting-requirements',
  placed: 'placement-placed',
  withdrawn: 'placement-withdrawn',
} as const;

/** What every internship email carries in data.need. Never the private location. */
export interface NeedEmailData {
  id: string;
  title: string;
  location: string;
  startDate: string;
  endDate: string;
  organizationName: string;
}

/**
 * Writes the internship emails into the outbox inside the caller's transaction. Each answers the
 * enqueued rows; pass them to OutboxService.dispatch after commit.
 */
@Injectable()
export class InternshipEmails {
  constructor(
    private readonly outbox: OutboxService,
    private readonly organizations: OrganizationsService,
  ) {}

  needData(need: Need, organizationName: string): NeedEmailData {
    return {
      id: need.id,
      title: need.title,
      location: need.location,
      startDate: need.startDate,
      endDate: need.endDate,
      organizationName,
    };
  }

  /** To the intern: a slot is offered; accept or decline. */
  async offered(m: EntityManager, p: Placement, need: NeedEmailData) {
    return [
      await this.outbox.enqueue(m, {
        dedupeKey: `placement:${p.id}:offered`,
        template: INTERNSHIP_TEMPLATES.offered,
        userId: p.userId,
        data: { placement: { id: p.id }, need },
      }),
    ];
  }

  /** To the intern: accepted, but these requirements are still missing. */
  async awaitingRequirements(
    m: EntityManager,
    p: Placement,
    need: NeedEmailData,
    missing: UnmetRequirement[],
  ) {
    return [
      await this.outbox.enqueue(m, {
        dedupeKey: `placement:${p.id}:awaiting-requirements`,
        template: INTERNSHIP_TEMPLATES.awaitingRequirements,
        userId: p.userId,
        data: { placement: { id: p.id }, need, missing: missing.map((u) => u.message) },
      }),
    ];
  }

  /** To the intern: placed (directly on accepting, or once the requirements were met). */
  async placed(m: EntityManager, p: Placement, need: NeedEmailData) {
    return [
      await this.outbox.enqueue(m, {
        dedupeKey: `placement:${p.id}:placed`,
        template: INTERNSHIP_TEMPLATES.placed,
        userId: p.userId,
        data: { placement: { id: p.id }, need },
      }),
    ];
  }

  /** To the intern: the offer or placement was withdrawn (the need was closed). */
  async withdrawn(m: EntityManager, p: Placement, need: NeedEmailData, reason: string) {
    return [
      await this.outbox.enqueue(m, {
        dedupeKey: `placement:${p.id}:withdrawn`,
        template: INTERNSHIP_TEMPLATES.withdrawn,
        userId: p.userId,
        data: { placement: { id: p.id }, need, reason },
      }),
    ];
  }

  /** To every coordinator of the need's organisation: the intern accepted (placed or awaiting). */
  async accepted(
    m: EntityManager,
    p: Placement,
    need: NeedEmailData,
    internName: string,
    missing: UnmetRequirement[],
  ) {
    return this.toCoordinators(m, p, 'accepted', INTERNSHIP_TEMPLATES.accepted, {
      placement: { id: p.id, status: p.status },
      need,
      intern: { name: internName },
      missing: missing.map((u) => u.message),
    });
  }

  /** To every coordinator: the intern declined (or withdrew), so the slot is free for the next run. */
  async declined(
    m: EntityManager,
    p: Placement,
    need: NeedEmailData,
    internName: string,
    reason: string | null,
  ) {
    return this.toCoordinators(m, p, 'declined', INTERNSHIP_TEMPLATES.declined, {
      placement: { id: p.id },
      need,
      intern: { name: internName },
      reason,
    });
  }

  private async toCoordinators(
    m: EntityManager,
    p: Placement,
    event: string,
    template: string,
    data: Record<string, unknown>,
  ): Promise<(EnqueuedMessage | null)[]> {
    const coordinators = await this.organizations.coordinators(p.organizationId);
    const out: (EnqueuedMessage | null)[] = [];
    for (const c of coordinators) {
      out.push(
        await this.outbox.enqueue(m, {
          dedupeKey: `placement:${p.id}:${event}:coordinator:${c.id}`,
          template,
          userId: c.id,
          data,
        }),
      );
    }
    return out;
  }
}
