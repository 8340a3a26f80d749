import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organization, User } from '@puente/accounts';

/** A version of an organisation's code of conduct; the newest is the current one. */
@Entity('codes_of_conduct')
@Index('codes_of_conduct_org_version_key', ['organizationId', 'version'], { unique: true })
@Index('codes_of_conduct_org_idx', ['organizationId', 'publishedAt'])
export class CodeOfConduct {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'varchar', length: 50 })
  version: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;

  @CreateDateColumn({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;
}

/** A volunteer's acceptance of one version of a code of conduct. */
@Entity('code_of_conduct_acceptances')
@Index('code_of_conduct_acceptances_key', ['codeId', 'userId'], { unique: true })
@Index('code_of_conduct_acceptances_user_idx', ['userId'])
export class CodeOfConductAcceptance {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'code_id', type: 'uuid' })
  codeId: string;

  @ManyToOne(() => CodeOfConduct, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'code_id' })
  code?: CodeOfConduct;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @CreateDateColumn({ name: 'accepted_at', type: 'timestamptz' })
  acceptedAt: Date;
}
