import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '@puente/accounts';

/** A child-protection training a coordinator recorded for a volunteer. */
@Entity('safeguarding_trainings')
@Index('safeguarding_trainings_volunteer_idx', ['volunteerId', 'expiresOn'])
export class SafeguardingTraining {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'volunteer_id', type: 'uuid' })
  volunteerId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'volunteer_id' })
  volunteer?: User;

  @Column({ name: 'completed_on', type: 'date' })
  completedOn: string;

  /** The last day the training counts (inclusive). */
  @Column({ name: 'expires_on', type: 'date' })
  expiresOn: string;

  /** Who gave the training (e.g. "Keeping Children Safe", the organisation itself). */
  @Column({ type: 'varchar', length: 200 })
  provider: string;

  @Column({ type: 'varchar', length: 200 })
  reference: string;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @Column({ name: 'organization_ids', type: 'uuid', array: true })
  organizationIds: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
