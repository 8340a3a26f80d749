import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who (a coordinator) read or decided on which check, through which organisations, and when. */
@Entity('background_check_audit')
@Index('background_check_audit_check_idx', ['checkId', 'at'])
@Index('background_check_audit_actor_idx', ['actorId', 'at'])
export class BackgroundCheckAudit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Kept even after the check is gone: an audit log outlives what it audits. */
  @Column({ name: 'check_id', type: 'uuid' })
  checkId: string;

  @Column({ name: 'volunteer_id', type: 'uuid' })
  volunteerId: string;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  /** read, list, request, record_manual, adjudicate, record_training. */
  @Column({ type: 'varchar', length: 32 })
  action: string;

  /** The organisations whose link with the volunteer gave the access. */
  @Column({ name: 'organization_ids', type: 'uuid', array: true })
  organizationIds: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
