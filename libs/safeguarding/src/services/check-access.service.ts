import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuthUser, OrganizationsService, User } from '@puente/accounts';
import { ForbiddenError, NotFoundError } from '@puente/platform';
import { EntityManager, Repository } from 'typeorm';
import { BackgroundCheckAudit } from '../entities/background-check-audit.entity';
import { VolunteerLinksRegistry } from '../volunteer-links.registry';

/** The volunteer themself, or a coordinator through the organisations linking them to the volunteer. */
export type VolunteerAccess =
  { role: 'owner' } | { role: 'coordinator'; organizationIds: string[] };

export type AuditAction = 'read' | 'request' | 'record_manual' | 'adjudicate';

/**
 * Who may see a volunteer's safeguarding records: the volunteer, and coordinators of an
 * organisation where the volunteer has an active application or placement, while it lasts.
 */
@Injectable()
export class CheckAccessService {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly links: VolunteerLinksRegistry,
    @InjectRepository(BackgroundCheckAudit)
    private readonly audits: Repository<BackgroundCheckAudit>,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  /**
   * The organisations through which a coordinator may act on the volunteer's records: 404 when
   * there are none (the volunteer's existence is not disclosed), 403 on one's own records.
   */
  async requireCoordinator(user: AuthUser, volunteerId: string): Promise<string[]> {
    if (user.id === volunteerId)
      throw new ForbiddenError('Coordinators act on other volunteers’ records, not their own');
    const orgIds = await this.linkingOrganizations(user.id, volunteerId);
    if (!orgIds.length || !(await this.users.existsBy({ id: volunteerId })))
      throw new NotFoundError('Volunteer');
    return orgIds;
  }

  /** The organisations through which `coordinatorId` may see `volunteerId`'s records (empty: none). */
  async linkingOrganizations(coordinatorId: string, volunteerId: string): Promise<string[]> {
    const mine = await this.organizations.coordinatorOrgIds(coordinatorId);
    if (!mine.length) return [];
    const linked = new Set(await this.links.activeOrganizationIds(volunteerId));
    return mine.filter((id) => linked.has(id)).sort();
  }

  async resolve(user: AuthUser, volunteerId: string): Promise<VolunteerAccess | null> {
    if (user.id === volunteerId) return { role: 'owner' };
    const organizationIds = await this.linkingOrganizations(user.id, volunteerId);
    return organizationIds.length ? { role: 'coordinator', organizationIds } : null;
  }

  async isCoordinatorAnywhere(userId: string): Promise<boolean> {
    return (await this.organizations.coordinatorOrgIds(userId)).length > 0;
  }

  /** One audit row per coordinator read or decision. */
  async audit(
    manager: EntityManager | null,
    entry: {
      actorId: string;
      checkId: string;
      volunteerId: string;
      action: AuditAction;
      organizationIds: string[];
    },
  ): Promise<void> {
    const repo = manager ? manager.getRepository(BackgroundCheckAudit) : this.audits;
    await repo.insert(entry);
  }
}
