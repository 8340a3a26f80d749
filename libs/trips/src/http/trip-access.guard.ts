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

/** `visible`: anyone who may see the trip (drafts: its coordinators only). `coordinator`: its coordinators and admins. */
export type TripAccessLevel = 'visible' | 'coordinator';

export interface TripAccess {
  tripId: string;
  organizationId: string;
  status: string;
  canCoordinate: boolean;
}

export type RequestWithTrip = { params: { id?: string }; user?: AuthUser; tripAccess?: TripAccess };

const TRIP_ACCESS = 'puente:tripAccess';

/**
 * For /trips/:id/… routes. Decides 404/403 from the trip before the body is validated: a trip
 * the caller may not see (missing, or a draft of another organisation) is 404; a visible trip the
 * caller may not manage is 403.
 */
@Injectable()
export class TripAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly ds: DataSource,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const level =
      this.reflector.get<TripAccessLevel>(TRIP_ACCESS, ctx.getHandler()) ?? 'coordinator';
    const req = ctx.switchToHttp().getRequest<RequestWithTrip>();
    const id = req.params.id;
    if (!id || !isUUID(id)) throw new NotFoundException('Trip not found');
    const user = req.user;
    // One round trip: the trip and whether the caller coordinates its organisation.
    const [trip] = (await this.ds.query(
      `SELECT t.organization_id, t.status,
              EXISTS (SELECT 1 FROM memberships m
                       WHERE m.organization_id = t.organization_id AND m.user_id = $2
                         AND m.role = 'coordinator') AS is_coordinator
         FROM trips t WHERE t.id = $1`,
      [id, user?.id ?? null],
    )) as { organization_id: string; status: string; is_coordinator: boolean }[];
    if (!trip) throw new NotFoundException('Trip not found');
    const canCoordinate = !!user && (user.isAdmin || trip.is_coordinator);
    if (!canCoordinate && trip.status === 'draft') throw new NotFoundException('Trip not found');
    if (level === 'coordinator' && !canCoordinate)
      throw new ForbiddenException('Only coordinators of this trip’s organization may do this');
    req.tripAccess = {
      tripId: id,
      organizationId: trip.organization_id,
      status: trip.status,
      canCoordinate,
    };
    return true;
  }
}

/** Puts the route behind TripAccessGuard at the given level. */
export const TripAccessRequired = (level: TripAccessLevel) =>
  applyDecorators(SetMetadata(TRIP_ACCESS, level), UseGuards(TripAccessGuard));

/** What TripAccessGuard found out about the trip and the caller. */
export const CurrentTripAccess = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): TripAccess =>
    ctx.switchToHttp().getRequest<RequestWithTrip>().tripAccess as TripAccess,
);
