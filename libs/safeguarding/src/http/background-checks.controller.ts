import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@puente/accounts';
import { PageQueryDto } from '@puente/platform';
import {
  AdjudicateCheckDto,
  BackgroundCheckPage,
  BackgroundCheckView,
  CheckAcceptedView,
  DisputeCheckDto,
  ManualCheckDto,
  RequestCheckDto,
} from '../dto/background-check.dto';
import { BackgroundChecksService } from '../services/background-checks.service';
import {
  CheckAccessGuard,
  CheckAudience,
  CheckRequest,
  CoordinatorSomewhereGuard,
} from './check-access.guard';

const WHO =
  'a coordinator of an organisation where the volunteer has an active application or placement';

@ApiTags('safeguarding')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'missing, invalid or expired token' })
@Controller()
export class BackgroundChecksController {
  constructor(private readonly checks: BackgroundChecksService) {}

  @Post('background-checks')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(CoordinatorSomewhereGuard)
  @ApiOperation({
    summary: 'Request a background check for a volunteer',
    description: `By ${WHO}. The worker contacts the provider; the answer does not wait for it.`,
  })
  @ApiAcceptedResponse({ type: CheckAcceptedView })
  @ApiBadRequestResponse({ description: 'volunteerId or provider malformed, or an unknown field' })
  @ApiForbiddenResponse({ description: 'the caller coordinates no organisation' })
  @ApiNotFoundResponse({ description: 'no such volunteer linked to an organisation of the caller' })
  @ApiConflictResponse({ description: 'a check is already in progress (code CHECK_IN_PROGRESS)' })
  request(@CurrentUser() user: AuthUser, @Body() dto: RequestCheckDto): Promise<CheckAcceptedView> {
    return this.checks.request(user, dto);
  }

  @Post('background-checks/manual')
  @UseGuards(CoordinatorSomewhereGuard)
  @ApiOperation({
    summary: 'Record an offline check (e.g. a national police certificate)',
    description: `By ${WHO}. Completes the volunteer's pending manual check, if any; valid BACKGROUND_CHECK_VALID_MONTHS from completedOn.`,
  })
  @ApiCreatedResponse({ type: BackgroundCheckView })
  @ApiBadRequestResponse({
    description: 'a field is malformed, completedOn is in the future or already expired',
  })
  @ApiForbiddenResponse({ description: 'the caller coordinates no organisation' })
  @ApiNotFoundResponse({ description: 'no such volunteer linked to an organisation of the caller' })
  recordManual(
    @CurrentUser() user: AuthUser,
    @Body() dto: ManualCheckDto,
  ): Promise<BackgroundCheckView> {
    return this.checks.recordManual(user, dto);
  }

  @Get('me/background-checks')
  @ApiOperation({ summary: 'My background checks, newest first' })
  @ApiOkResponse({ type: BackgroundCheckPage })
  @ApiBadRequestResponse({ description: 'limit outside 1-100 or a foreign cursor' })
  mine(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<BackgroundCheckPage> {
    return this.checks.listMine(user.id, query);
  }

  @Get('background-checks/:id')
  @UseGuards(CheckAccessGuard)
  @CheckAudience('either')
  @ApiOperation({
    summary: 'A background check',
    description: `For the volunteer, or ${WHO} (every such read is audited).`,
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: BackgroundCheckView })
  @ApiNotFoundResponse({ description: 'no such check, or the caller may not see it' })
  get(@CurrentUser() user: AuthUser, @Req() req: CheckRequest): Promise<BackgroundCheckView> {
    return this.checks.read(user, req.check!, req.checkAccess!);
  }

  @Post('background-checks/:id/adjudicate')
  @HttpCode(HttpStatus.OK)
  @UseGuards(CheckAccessGuard)
  @CheckAudience('coordinator')
  @ApiOperation({
    summary: 'Approve or reject a check whose result is consider',
    description:
      `By ${WHO}. Rejecting a consumer report (checkr, sandbox) sends the pre-adverse-action notice; ` +
      'the final notice follows after ADVERSE_ACTION_WAIT_DAYS unless the volunteer disputes.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: BackgroundCheckView })
  @ApiBadRequestResponse({ description: 'decision or note malformed' })
  @ApiForbiddenResponse({ description: 'the volunteer cannot adjudicate their own check' })
  @ApiNotFoundResponse({ description: 'no such check, or the caller may not see it' })
  @ApiConflictResponse({ description: 'the result is not consider, or it is already decided' })
  adjudicate(
    @CurrentUser() user: AuthUser,
    @Req() req: CheckRequest,
    @Body() dto: AdjudicateCheckDto,
  ): Promise<BackgroundCheckView> {
    const access = req.checkAccess as { role: 'coordinator'; organizationIds: string[] };
    return this.checks.adjudicate(user, req.check!.id, access, dto);
  }

  @Post('background-checks/:id/dispute')
  @HttpCode(HttpStatus.OK)
  @UseGuards(CheckAccessGuard)
  @CheckAudience('owner')
  @ApiOperation({
    summary: 'Dispute a pre-adverse-action decision',
    description:
      'By the volunteer, during the waiting period: holds the decision until a coordinator reviews it again.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: BackgroundCheckView })
  @ApiBadRequestResponse({ description: 'reason missing or too long' })
  @ApiForbiddenResponse({ description: 'only the volunteer may dispute' })
  @ApiNotFoundResponse({ description: 'no such check, or the caller may not see it' })
  @ApiConflictResponse({ description: 'no pre-adverse-action notice is pending' })
  dispute(
    @CurrentUser() user: AuthUser,
    @Req() req: CheckRequest,
    @Body() dto: DisputeCheckDto,
  ): Promise<BackgroundCheckView> {
    return this.checks.dispute(user, req.check!.id, dto);
  }
}
