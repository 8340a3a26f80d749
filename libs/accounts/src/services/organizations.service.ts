import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ConflictError,
  decodeCursor,
  NotFoundError,
  Page,
  PageQueryDto,
  toPage,
} from '@puente/platform';
import { MoreThan, QueryFailedError, Repository } from 'typeorm';
import type {
  AddMemberDto,
  CreateOrganizationDto,
  MemberView,
  OrganizationView,
  UpdateOrganizationDto,
} from '../dto/organization.dto';
import { Membership } from '../entities/membership.entity';
import { Organization } from '../entities/organization.entity';
import { User } from '../entities/user.entity';

const isUniqueViolation = (err: unknown) =>
  err instanceof QueryFailedError && (err as { code?: string }).code === '23505';

const toView = (o: Organization): OrganizationView => ({
  id: o.id,
  name: o.name,
  slug: o.slug,
  timeZone: o.timeZone,
  createdAt: o.createdAt,
});

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(Organization) private readonly orgs: Repository<Organization>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  async create(dto: CreateOrganizationDto): Promise<OrganizationView> {
    try {
      return toView(
        await this.orgs.save(
          this.orgs.create({ name: dto.name, slug: dto.slug, timeZone: dto.timeZone ?? 'UTC' }),
        ),
      );
    } catch (err) {
      if (isUniqueViolation(err))
        throw new ConflictError(
          `An organization with slug ${dto.slug} already exists`,
          'SLUG_TAKEN',
        );
      throw err;
    }
  }

  async get(id: string): Promise<OrganizationView> {
    const org = await this.orgs.findOneBy({ id });
    if (!org) throw new NotFoundError('Organization');
    return toView(org);
  }

  async list(page: PageQueryDto): Promise<Page<OrganizationView>> {
    const after = decodeCursor(page.cursor, 1)?.[0];
    const rows = await this.orgs.find({
      where: after !== undefined ? { slug: MoreThan(String(after)) } : {},
      order: { slug: 'ASC' },
      take: page.limit + 1,
    });
    return toPage(rows, page.limit, (o) => [o.slug], toView);
  }

  async update(id: string, dto: UpdateOrganizationDto): Promise<OrganizationView> {
    await this.get(id);
    const changes: Partial<Organization> = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.timeZone !== undefined) changes.timeZone = dto.timeZone;
    if (Object.keys(changes).length) await this.orgs.update({ id }, changes);
    return this.get(id);
  }

  async members(orgId: string, page: PageQueryDto): Promise<Page<MemberView>> {
    const after = decodeCursor(page.cursor, 1)?.[0];
    const qb = this.memberships
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.user', 'u')
      .where('m.organization_id = :orgId', { orgId })
      .orderBy('u.email', 'ASC')
      .take(page.limit + 1);
    if (after !== undefined) qb.andWhere('u.email > :after', { after: String(after) });
    const rows = await qb.getMany();
    return toPage(
      rows,
      page.limit,
      (m) => [m.user!.email],
      (m) => ({
        organizationId: orgId,
        userId: m.userId,
        email: m.user!.email,
        name: m.user!.name,
        role: m.role,
      }),
    );
  }

  async exists(id: string): Promise<boolean> {
    return this.orgs.existsBy({ id });
  }

  async addMember(orgId: string, dto: AddMemberDto): Promise<MemberView> {
    await this.get(orgId);
    const user = await this.users.findOneBy({ email: dto.email });
    if (!user) throw new NotFoundError(`User with email ${dto.email}`);
    try {
      await this.memberships.save(
        this.memberships.create({ organizationId: orgId, userId: user.id, role: dto.role }),
      );
    } catch (err) {
      if (isUniqueViolation(err))
        throw new ConflictError(
          'This user is already a member of the organization',
          'ALREADY_MEMBER',
        );
      throw err;
    }
    return {
      organizationId: orgId,
      userId: user.id,
      email: user.email,
      name: user.name,
      role: dto.role,
    };
  }

  isCoordinator(userId: string, orgId: string): Promise<boolean> {
    return this.memberships.existsBy({ userId, organizationId: orgId, role: 'coordinator' });
  }

  async coordinatorOrgIds(userId: string): Promise<string[]> {
    const rows = await this.memberships.find({
      where: { userId, role: 'coordinator' },
      select: { organizationId: true },
    });
    return rows.map((r) => r.organizationId);
  }

  /** The coordinators of an organisation (who get its digests and review notices). */
  async coordinators(orgId: string): Promise<User[]> {
    return this.users
      .createQueryBuilder('u')
      .innerJoin(Membership, 'm', 'm.user_id = u.id')
      .where('m.organization_id = :orgId AND m.role = :role', { orgId, role: 'coordinator' })
      .orderBy('u.email')
      .getMany();
  }
}
