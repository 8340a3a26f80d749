import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  NotFoundException,
  PipeTransform,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuthUser } from '@puente/accounts';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { MatchingRun } from '../entities/matching-run.entity';
import { Need } from '../entities/need.entity';
import { InternshipsAccess } from '../services/internships-access.service';

type Req = { params: { id?: string }; user?: AuthUser };

/**
 * For /needs/:id/… actions: only coordinators of the need's organisation (and admins). Others get
 * 403 on an open (public) need and 404 on any other. Runs before the body is validated.
 */
@Injectable()
export class NeedCoordinatorGuard implements CanActivate {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: InternshipsAccess,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Req>();
    const id = req.params.id;
    const need =
      id && isUUID(id)
        ? await this.ds
            .getRepository(Need)
            .findOne({ where: { id }, select: { id: true, organizationId: true, status: true } })
        : null;
    if (!need) throw new NotFoundException('Need not found');
    if (await this.access.coordinates(req.user, need.organizationId)) return true;
    if (need.status !== 'open') throw new NotFoundException('Need not found');
    throw new ForbiddenException('Only coordinators of the need’s organization may do this');
  }
}

/** For /matching-runs/:id/…: coordinators of the run's organisation only; 404 for everyone else. */
@Injectable()
export class RunCoordinatorGuard implements CanActivate {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: InternshipsAccess,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Req>();
    const id = req.params.id;
    const run =
      id && isUUID(id)
        ? await this.ds
            .getRepository(MatchingRun)
            .findOne({ where: { id }, select: { id: true, organizationId: true } })
        : null;
    if (!run || !(await this.access.coordinates(req.user, run.organizationId)))
      throw new NotFoundException('Matching run not found');
    return true;
  }
}

/** A path id that is not a UUID names nothing: 404, as for an id that does not exist. */
export class IdParamPipe implements PipeTransform<string, string> {
  constructor(private readonly what = 'Resource') {}

  transform(value: string): string {
    if (!isUUID(value)) throw new NotFoundException(`${this.what} not found`);
    return value;
  }
}
