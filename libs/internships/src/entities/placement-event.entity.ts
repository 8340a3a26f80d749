import { User } from '@puente/accounts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { PlacementStatus } from './placement.entity';
import { Placement } from './placement.entity';

/** One status change of a placement: who, when, from, to, and why. Never updated. */
@Entity('placement_events')
@Index('placement_events_placement_idx', ['placementId', 'at'])
export class PlacementEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'placement_id', type: 'uuid' })
  placementId: string;

  @ManyToOne(() => Placement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'placement_id' })
  placement?: Placement;

  /** Null for the creation of the placement. */
  @Column({ name: 'from_status', type: 'varchar', length: 24, nullable: true })
  fromStatus: PlacementStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 24 })
  toStatus: PlacementStatus;

  /** Null when the system acted (requirements met on a re-check). */
  @Column({ name: 'by_user_id', type: 'uuid', nullable: true })
  byUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'by_user_id' })
  by?: User;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
