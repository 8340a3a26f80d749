import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '@puente/accounts';
import { Page, PageQueryDto } from '@puente/platform';
import type { ApplicationAction } from '../domain/transitions';
import {
  ApplicationDetailView,
  ApplicationPageView,
  ApplicationView,
  ApplyDto,
  ListTripApplicationsQueryDto,
} from '../dto/application.dto';
import { ReasonDto } from '../dto/trip.dto';
import { ApplicationsService } from '../services/applications.service';
import {
  type ApplicationAccess,
  ApplicationAccessRequired,
  CurrentApplicationAccess,
} from './application-access.guard';
import { CurrentTripAccess, type TripAccess, TripAccessRequired } from './trip-access.guard';

const NOT_FOUND = 'no such application, or not yours to see';
const FORBIDDEN = 'the volunteer who applied cannot decide on it';
const NOT_ACTIVE = 'illegal transition (ILLEGAL_TRANSITION), or the trip is over (TRIP_NOT_ACTIVE)';

@ApiTags('trip applications')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'no valid token' })
@Controller()
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post('trips/:id/applications')
  @TripAccessRequired('visible')
  @ApiCreatedResponse({
    type: ApplicationDetailView,
    description: 'submitted (review trips), accepted or waitlisted (auto trips)',
  })
  @ApiBadRequestResponse({ description: 'motivation missing or malformed' })
  @ApiNotFoundResponse({ description: 'no such trip (or a draft)' })
  @ApiConflictResponse({ description: 'an active application exists (ALREADY_APPLIED)' })
  @ApiUnprocessableEntityResponse({
    description: 'not eligible (NOT_ELIGIBLE): `reasons` lists every unmet rule',
  })
  apply(
    @CurrentTripAccess() access: TripAccess,
    @CurrentUser() user: AuthUser,
    @Body() dto: ApplyDto,
  ): Promise<ApplicationDetailView> {
    return this.applications.apply(access.tripId, user, dto.motivation);
  }

  @Get('trips/:id/applications')
  @TripAccessRequired('coordinator')
  @ApiOkResponse({ type: ApplicationPageView, description: 'oldest first' })
  @ApiBadRequestResponse({ description: 'unknown status, limit outside 1-100, bad cursor' })
  @ApiForbiddenResponse({ description: 'not a coordinator of the trip’s organization' })
  @ApiNotFoundResponse({ description: 'no such trip' })
  listForTrip(
    @CurrentTripAccess() access: TripAccess,
    @Query() query: ListTripApplicationsQueryDto,
  ): Promise<Page<ApplicationView>> {
    return this.applications.listForTrip(access.tripId, query);
  }

  @Get('me/applications')
  @ApiOkResponse({ type: ApplicationPageView, description: 'your applications, newest first' })
  @ApiBadRequestResponse({ description: 'limit outside 1-100 or a foreign cursor' })
  mine(@CurrentUser() user: AuthUser, @Query() page: PageQueryDto): Promise<Page<ApplicationView>> {
    return this.applications.listMine(user.id, page);
  }

  @Get('applications/:id')
  @ApplicationAccessRequired('participant')
  @ApiOkResponse({ type: ApplicationDetailView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(
    @CurrentApplicationAccess() access: ApplicationAccess,
    @CurrentUser() user: AuthUser,
  ): Promise<ApplicationDetailView> {
    return this.applications.get(access.applicationId, {
      userId: user.id,
      canCoordinate: access.canCoordinate,
    });
  }

  @Post('applications/:id/accept')
  @HttpCode(200)
  @ApplicationAccessRequired('coordinator')
  @ApiOkResponse({ type: ApplicationDetailView, description: 'accepted' })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: `no seat free (TRIP_FULL); ${NOT_ACTIVE}` })
  accept(@CurrentApplicationAccess() access: ApplicationAccess, @CurrentUser() user: AuthUser) {
    return this.act(access, user, 'accept');
  }

  @Post('applications/:id/waitlist')
  @HttpCode(200)
  @ApplicationAccessRequired('coordinator')
  @ApiOkResponse({ type: ApplicationDetailView, description: 'waitlisted' })
  @ApiBadRequestResponse({ description: 'reason malformed' })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: NOT_ACTIVE })
  waitlist(
    @CurrentApplicationAccess() access: ApplicationAccess,
    @CurrentUser() user: AuthUser,
    @Body() dto: ReasonDto,
  ) {
    return this.act(access, user, 'waitlist', dto.reason);
  }

  @Post('applications/:id/reject')
  @HttpCode(200)
  @ApplicationAccessRequired('coordinator')
  @ApiOkResponse({ type: ApplicationDetailView, description: 'rejected' })
  @ApiBadRequestResponse({ description: 'reason malformed' })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: NOT_ACTIVE })
  reject(
    @CurrentApplicationAccess() access: ApplicationAccess,
    @CurrentUser() user: AuthUser,
    @Body() dto: ReasonDto,
  ) {
    return this.act(access, user, 'reject', dto.reason);
  }

  @Post('applications/:id/withdraw')
  @HttpCode(200)
  @ApplicationAccessRequired('participant')
  @ApiOkResponse({
    type: ApplicationDetailView,
    description:
      'withdrawn; a freed seat goes to the oldest waitlisted application in the same transaction',
  })
  @ApiBadRequestResponse({ description: 'reason malformed' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: NOT_ACTIVE })
  withdraw(
    @CurrentApplicationAccess() access: ApplicationAccess,
    @CurrentUser() user: AuthUser,
    @Body() dto: ReasonDto,
  ) {
    return this.act(access, user, 'withdraw', dto.reason);
  }

  @Post('applications/:id/confirm')
  @HttpCode(200)
  @ApplicationAccessRequired('coordinator')
  @ApiOkResponse({ type: ApplicationDetailView, description: 'confirmed' })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: NOT_ACTIVE })
  @ApiUnprocessableEntityResponse({
    description: 'requirements unmet (REQUIREMENTS_UNMET): `reasons` lists them',
  })
  confirm(@CurrentApplicationAccess() access: ApplicationAccess, @CurrentUser() user: AuthUser) {
    return this.act(access, user, 'confirm');
  }

  private act(
    access: ApplicationAccess,
    user: AuthUser,
    action: ApplicationAction,
    reason?: string,
  ): Promise<ApplicationDetailView> {
    return this.applications.act(
      access.applicationId,
      action,
      user,
      { userId: user.id, canCoordinate: access.canCoordinate },
      reason ?? null,
    );
  }
}
