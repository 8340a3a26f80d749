import {
  applyDecorators,
  createParamDecorator,
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  NotFoundException,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthUser } from '@puente/accounts';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';

/** `participant`: the volunteer who applied or a coordinator; `coordinator`: coordinators only. */
export type ApplicationAccessLevel = 'participant' | 'coordinator';

export interface ApplicationAccess {
  applicationId: string;
  isOwner: boolean;
  canCoordinate: boolean;
}

export type RequestWithApplication = {
  params: { id?: string };
  user?: AuthUser;
  applicationAccess?: ApplicationAccess;
};

const APPLICATION_ACCESS = 'puente:applicationAccess';

/**
 * For /applications/:id/… routes, before the body is validated. Someone who may not see the
 * application (another volunteer, a coordinator of another organisation) gets 404; the volunteer
 * who owns it gets 403 for coordinator actions.
 */
@Injectable()
export class ApplicationAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly ds: DataSource,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const level =
      this.reflector.get<ApplicationAccessLevel>(APPLICATION_ACCESS, ctx.getHandler()) ??
      'coordinator';
    const req = ctx.switchToHttp().getRequest<RequestWithApplication>();
    const id = req.params.id;
    const user = req.user;
    if (!id || !isUUID(id) || !user) throw new NotFoundException('Application not found');
    const [app] = (await this.ds.query(
      `SELECT a.user_id,
              EXISTS (SELECT 1 FROM memberships m
                       WHERE m.organization_id = t.organization_id AND m.user_id = $2
                         AND m.role = 'coordinator') AS is_coordinator
         FROM trip_applications a JOIN trips t ON t.id = a.trip_id WHERE a.id = $1`,
      [id, user.id],
    )) as { user_id: string; is_coordinator: boolean }[];
    if (!app) throw new NotFoundException('Application not found');
    const isOwner = app.user_id === user.id;
    const canCoordinate = user.isAdmin || app.is_coordinator;
    if (!isOwner && !canCoordinate) throw new NotFoundException('Application not found');
    if (level === 'coordinator' && !canCoordinate)
      throw new ForbiddenException('Only coordinators of the trip’s organization may do this');
    req.applicationAccess = { applicationId: id, isOwner, canCoordinate };
    return true;
  }
}

export const ApplicationAccessRequired = (level: ApplicationAccessLevel) =>
  applyDecorators(SetMetadata(APPLICATION_ACCESS, level), UseGuards(ApplicationAccessGuard));

/** What ApplicationAccessGuard found out about the application and the caller. */
export const CurrentApplicationAccess = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): ApplicationAccess =>
    ctx.switchToHttp().getRequest<RequestWithApplication>().applicationAccess as ApplicationAccess,
);
