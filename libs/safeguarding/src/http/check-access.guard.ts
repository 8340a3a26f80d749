import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  NotFoundException,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuthUser } from '@puente/accounts';
import { isUUID } from 'class-validator';
import { Repository } from 'typeorm';
import { BackgroundCheck } from '../entities/background-check.entity';
import { CheckAccessService, VolunteerAccess } from '../services/check-access.service';

export type CheckAudience = 'owner' | 'coordinator' | 'either';
const CHECK_AUDIENCE = 'puente:checkAudience';

/** Who may use a /background-checks/:id route. */
export const CheckAudience = (audience: CheckAudience) => SetMetadata(CHECK_AUDIENCE, audience);

export interface CheckRequest {
  params: { id?: string };
  user?: AuthUser;
  check?: BackgroundCheck;
  checkAccess?: VolunteerAccess;
}

/**
 * Loads the check named by :id and decides access before the body is validated: anyone who may
 * not see it gets 404; someone who may see it but not do this gets 403.
 */
@Injectable()
export class CheckAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: CheckAccessService,
    @InjectRepository(BackgroundCheck) private readonly checks: Repository<BackgroundCheck>,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const audience =
      this.reflector.get<CheckAudience>(CHECK_AUDIENCE, ctx.getHandler()) ?? 'either';
    const req = ctx.switchToHttp().getRequest<CheckRequest>();
    const id = req.params.id;
    const notFound = new NotFoundException('Background check not found');
    if (!req.user || !id || !isUUID(id)) throw notFound;
    const check = await this.checks.findOneBy({ id });
    if (!check) throw notFound;
    const access = await this.access.resolve(req.user, check.volunteerId);
    if (!access) throw notFound;
    if (audience !== 'either' && access.role !== audience)
      throw new ForbiddenException(
        audience === 'owner'
          ? 'Only the volunteer may do this'
          : 'Only a coordinator of an organisation the volunteer applied to may do this',
      );
    req.check = check;
    req.checkAccess = access;
    return true;
  }
}

/** Routes that act on a volunteer named in the body: the caller must coordinate some organisation (403 before 400). */
@Injectable()
export class CoordinatorSomewhereGuard implements CanActivate {
  constructor(private readonly access: CheckAccessService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const user = ctx.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (user && (await this.access.isCoordinatorAnywhere(user.id))) return true;
    throw new ForbiddenException('Only coordinators may do this');
  }
}
