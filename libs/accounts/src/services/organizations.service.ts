import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ConflictError, NotFoundError } from '@puente/platform';
import { QueryFailedError, Repository } from 'typeorm';
import type { AddMemberDto, CreateOrganizationDto, MemberView } from '../dto/organization.dto';
import { Membership } from '../entities/membership.entity';
import { Organization } from '../entities/organization.entity';
import { User } from '../entities/user.entity';

const isUniqueViolation = (err: unknown) =>
  err instanceof QueryFailedError && (err as { code?: string }).code === '23505';

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(Organization) private readonly orgs: Repository<Organization>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  async create(dto: CreateOrganizationDto): Promise<Organization> {
    try {
      return await this.orgs.save(
        this.orgs.create({ name: dto.name, slug: dto.slug, timeZone: dto.timeZone ?? 'UTC' }),
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

  async get(id: string): Promise<Organization> {
    const org = await this.orgs.findOneBy({ id });
    if (!org) throw new NotFoundError('Organization');
    return org;
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
