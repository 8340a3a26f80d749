import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, CoordinatorOfOrg } from '@puente/accounts';
import { Page, PageQueryDto, pageOf } from '@puente/platform';
import {
  CreateMatchingRunDto,
  MatchingRunQueuedView,
  MatchingRunSummaryView,
  MatchingRunView,
  OverrideProposalsDto,
} from '../dto/matching-run.dto';
import { MatchingRunsService } from '../services/matching-runs.service';
import { RunCoordinatorGuard } from './internship.guards';

@ApiTags('internships')
@ApiBearerAuth()
@ApiExtraModels(MatchingRunSummaryView)
@Controller()
export class MatchingRunsController {
  constructor(private readonly runs: MatchingRunsService) {}

  @CoordinatorOfOrg()
  @Post('organizations/:orgId/matching-runs')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: MatchingRunQueuedView, description: 'the worker computes it' })
  @ApiBadRequestResponse({ description: 'mode not optimal/stable, needIds malformed or not open' })
  @ApiNotFoundResponse({ description: 'a need named in needIds is not in the organization' })
  create(
    @Param('orgId') orgId: string,
    @Body() dto: CreateMatchingRunDto,
    @CurrentUser() user: AuthUser,
  ): Promise<MatchingRunQueuedView> {
    return this.runs.create(orgId, dto, user);
  }

  @CoordinatorOfOrg()
  @Get('organizations/:orgId/matching-runs')
  @ApiOkResponse(pageOf(MatchingRunSummaryView))
  @ApiBadRequestResponse({ description: 'limit outside 1–100 or a foreign cursor' })
  list(
    @Param('orgId') orgId: string,
    @Query() page: PageQueryDto,
  ): Promise<Page<MatchingRunSummaryView>> {
    return this.runs.list(orgId, page);
  }

  @UseGuards(RunCoordinatorGuard)
  @Get('matching-runs/:id')
  @ApiOkResponse({ type: MatchingRunView })
  @ApiNotFoundResponse({ description: 'no such run, or not of an organization you coordinate' })
  get(@Param('id') id: string): Promise<MatchingRunView> {
    return this.runs.get(id);
  }

  @UseGuards(RunCoordinatorGuard)
  @Patch('matching-runs/:id/proposals')
  @ApiOkResponse({
    type: MatchingRunView,
    description: 'the run with the changed proposals, total and blocking pairs',
  })
  @ApiBadRequestResponse({ description: 'changes malformed' })
  @ApiNotFoundResponse({ description: 'no such run, or not of an organization you coordinate' })
  @ApiConflictResponse({ description: 'the run is not completed, or already applied' })
  @ApiUnprocessableEntityResponse({
    description:
      'a change is ineligible, exceeds a need’s free slots, or names what the run did not consider',
  })
  override(@Param('id') id: string, @Body() dto: OverrideProposalsDto): Promise<MatchingRunView> {
    return this.runs.override(id, dto);
  }

  @UseGuards(RunCoordinatorGuard)
  @Post('matching-runs/:id/apply')
  @HttpCode(200)
  @ApiOkResponse({
    type: MatchingRunView,
    description: 'placements created `offered`, each intern emailed',
  })
  @ApiNotFoundResponse({ description: 'no such run, or not of an organization you coordinate' })
  @ApiConflictResponse({
    description:
      'already applied, not completed, or stale (`code: RUN_STALE`, `reasons` name what changed)',
  })
  apply(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<MatchingRunView> {
    return this.runs.apply(id, user);
  }
}
