import { Organization } from '@puente/accounts';
import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';

/**
 * Where the coordinators' daily digest of an organisation got to: the next digest covers the
 * applications created after `coveredUntil`. Updated under a row lock, so one worker sends it.
 */
@Entity('trip_digests')
export class TripDigest {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @OneToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ name: 'covered_until', type: 'timestamptz' })
  coveredUntil: Date;
}
