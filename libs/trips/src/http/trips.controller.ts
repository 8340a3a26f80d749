import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  type AuthUser,
  CurrentUser,
  OptionalAuth,
  Public,
  CoordinatorOfOrg,
} from '@puente/accounts';
import { Page, PageQueryDto } from '@puente/platform';
import type { FastifyReply } from 'fastify';
import type { TripAction } from '../domain/transitions';
import { ListTripsQueryDto } from '../dto/list-trips.query';
import { CreateTripDto, ReasonDto, UpdateTripDto } from '../dto/trip.dto';
import { TripPageView, TripView } from '../dto/trip.view';
import { RosterService } from '../services/roster.service';
import { TripListingService } from '../services/trip-listing.service';
import { TripsService } from '../services/trips.service';
import { CurrentTripAccess, type TripAccess, TripAccessRequired } from './trip-access.guard';

const NOT_FOUND = 'no such trip, or a draft of another organization';
const FORBIDDEN = 'not a coordinator of the trip’s organization';

@ApiTags('trips')
@Controller()
export class TripsController {
  constructor(
    private readonly trips: TripsService,
    private readonly listing: TripListingService,
    private readonly roster: RosterService,
  ) {}

  @Post('organizations/:orgId/trips')
  @CoordinatorOfOrg()
  @ApiCreatedResponse({ type: TripView, description: 'the new trip, status draft' })
  @ApiBadRequestResponse({
    description:
      'a field is missing or malformed, end before start, deadline after start, unknown skill',
  })
  @ApiUnauthorizedResponse({ description: 'no valid token' })
  create(
    @Param('orgId') orgId: string,
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateTripDto,
  ): Promise<TripView> {
    return this.trips.create(orgId, user, dto);
  }

  @Get('organizations/:orgId/trips')
  @CoordinatorOfOrg()
  @ApiOkResponse({ type: TripPageView, description: 'every trip of the organization, drafts too' })
  @ApiBadRequestResponse({ description: 'limit outside 1-100 or a foreign cursor' })
  listForOrganization(
    @Param('orgId') orgId: string,
    @Query() page: PageQueryDto,
  ): Promise<Page<TripView>> {
    return this.trips.listForOrganization(orgId, page);
  }

  @Public()
  @Get('trips')
  @ApiOkResponse({
    type: TripPageView,
    description: 'published trips that have not started, by start date then id',
  })
  @ApiBadRequestResponse({ description: 'a filter is malformed, limit outside 1-100, bad cursor' })
  list(@Query() query: ListTripsQueryDto): Promise<Page<TripView>> {
    return this.listing.list(query);
  }

  @OptionalAuth()
  @Get('trips/:id')
  @TripAccessRequired('visible')
  @ApiBearerAuth()
  @ApiOkResponse({
    type: TripView,
    description: 'privateLocation only for coordinators and confirmed participants',
  })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(
    @CurrentTripAccess() access: TripAccess,
    @CurrentUser() user: AuthUser | undefined,
  ): Promise<TripView> {
    return this.trips.get(access.tripId, {
      userId: user?.id ?? null,
      canCoordinate: access.canCoordinate,
    });
  }

  @Patch('trips/:id')
  @TripAccessRequired('coordinator')
  @ApiBearerAuth()
  @ApiOkResponse({ type: TripView })
  @ApiBadRequestResponse({
    description: 'a field is malformed, or the edited trip is inconsistent',
  })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({
    description:
      'capacity below the seats taken (CAPACITY_BELOW_SEATS_TAKEN); trip completed or cancelled',
  })
  update(
    @CurrentTripAccess() access: TripAccess,
    @CurrentUser() user: AuthUser,
    @Body() dto: UpdateTripDto,
  ): Promise<TripView> {
    return this.trips.update(access.tripId, user, dto);
  }

  @Post('trips/:id/publish')
  @HttpCode(200)
  @TripAccessRequired('coordinator')
  @ApiBearerAuth()
  @ApiOkResponse({ type: TripView, description: 'draft → published' })
  @ApiConflictResponse({ description: 'illegal transition (ILLEGAL_TRANSITION)' })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  publish(@CurrentTripAccess() access: TripAccess, @CurrentUser() user: AuthUser) {
    return this.transition(access, user, 'publish');
  }

  @Post('trips/:id/close')
  @HttpCode(200)
  @TripAccessRequired('coordinator')
  @ApiBearerAuth()
  @ApiOkResponse({ type: TripView, description: 'published → closed: no new applications' })
  @ApiConflictResponse({ description: 'illegal transition (ILLEGAL_TRANSITION)' })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  close(@CurrentTripAccess() access: TripAccess, @CurrentUser() user: AuthUser) {
    return this.transition(access, user, 'close');
  }

  @Post('trips/:id/complete')
  @HttpCode(200)
  @TripAccessRequired('coordinator')
  @ApiBearerAuth()
  @ApiOkResponse({ type: TripView, description: 'closed → completed' })
  @ApiConflictResponse({ description: 'illegal transition (ILLEGAL_TRANSITION)' })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  complete(@CurrentTripAccess() access: TripAccess, @CurrentUser() user: AuthUser) {
    return this.transition(access, user, 'complete');
  }

  @Post('trips/:id/cancel')
  @HttpCode(200)
  @TripAccessRequired('coordinator')
  @ApiBearerAuth()
  @ApiOkResponse({
    type: TripView,
    description:
      'draft, published or closed → cancelled; active applications are withdrawn and told',
  })
  @ApiBadRequestResponse({ description: 'reason malformed' })
  @ApiConflictResponse({ description: 'illegal transition (ILLEGAL_TRANSITION)' })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  cancel(
    @CurrentTripAccess() access: TripAccess,
    @CurrentUser() user: AuthUser,
    @Body() dto: ReasonDto,
  ) {
    return this.transition(access, user, 'cancel', dto.reason);
  }

  @Get('trips/:id/roster.csv')
  @TripAccessRequired('coordinator')
  @ApiBearerAuth()
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'UTF-8 CSV (with a byte order mark for Excel): a header, then one row per accepted or confirmed participant',
    schema: { type: 'string' },
  })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  async rosterCsv(
    @CurrentTripAccess() access: TripAccess,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const file = await this.roster.csv(access.tripId);
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${file.filename}"`);
    return file.body;
  }

  private transition(
    access: TripAccess,
    user: AuthUser,
    action: TripAction,
    reason?: string,
  ): Promise<TripView> {
    return this.trips.transition(access.tripId, action, user, reason ?? null);
  }
}
