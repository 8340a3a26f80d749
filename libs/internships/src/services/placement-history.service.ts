import { Injectable } from '@nestjs/common';
import { Clock } from '@puente/platform';
import { EntityManager } from 'typeorm';
import { PlacementEvent } from '../entities/placement-event.entity';
import { Placement, type PlacementStatus } from '../entities/placement.entity';

/** Every status change of a placement goes through here, so its history is complete. */
@Injectable()
export class PlacementHistory {
  constructor(private readonly clock: Clock) {}

  async record(
    m: EntityManager,
    p: Placement,
    from: PlacementStatus | null,
    by: string | null,
    reason: string | null,
  ): Promise<void> {
    await m.insert(PlacementEvent, {
      placementId: p.id,
      fromStatus: from,
      toStatus: p.status,
      byUserId: by,
      reason,
      at: this.clock.now(),
    });
  }

  /** Moves the (locked) placement to `to`, keeping `missing` only while awaiting requirements. */
  async move(
    m: EntityManager,
    p: Placement,
    to: PlacementStatus,
    by: string | null,
    reason: string | null,
    missing: Placement['missing'] = [],
  ): Promise<void> {
    const from = p.status;
    p.status = to;
    p.missing = to === 'awaiting_requirements' ? missing : [];
    p.updatedAt = this.clock.now();
    await m.update(
      Placement,
      { id: p.id },
      { status: p.status, missing: p.missing, updatedAt: p.updatedAt },
    );
    await this.record(m, p, from, by, reason);
  }
}
