import {
  applyDecorators,
  UseGuards,
  CanActivate,
  ExecutionContext,
  Injectable,
  NotFoundException,
  ForbiddenException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import { OrganizationsService } from '../services/organizations.service';
import type { AuthUser } from './auth-user';

/**
 * For routes under /organizations/:orgId/…: the caller must coordinate that organisation
 * (admins may act on any). Runs before the body is validated, so 403 comes before 400.
 */
@Injectable()
export class CoordinatorOfOrgGuard implements CanActivate {
  constructor(private readonly organizations: OrganizationsService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<{ params: { orgId?: string }; user?: AuthUser }>();
    const orgId = req.params.orgId;
    if (!orgId || !isUUID(orgId)) throw new NotFoundException('Organization not found');
    if (!(await this.organizations.exists(orgId)))
      throw new NotFoundException('Organization not found');
    if (!req.user) throw new ForbiddenException();
    if (req.user.isAdmin || (await this.organizations.isCoordinator(req.user.id, orgId)))
      return true;
    throw new ForbiddenException('Only coordinators of this organization may do this');
  }
}

/**
 * A route under /organizations/:orgId/… for that organisation's coordinators (and admins), with
 * its OpenAPI answers: 403 for others, 404 for an unknown organisation.
 */
export const CoordinatorOfOrg = () =>
  applyDecorators(
    UseGuards(CoordinatorOfOrgGuard),
    ApiBearerAuth(),
    ApiForbiddenResponse({ description: 'not a coordinator of the organization' }),
    ApiNotFoundResponse({ description: 'no such organization' }),
  );
