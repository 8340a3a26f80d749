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
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, OptionalAuth, Public, CoordinatorOfOrg } from '@puente/accounts';
import { Page, PageQueryDto, pageOf } from '@puente/platform';
import { CandidateView } from '../dto/candidate.dto';
import {
  CreateNeedDto,
  NeedListQueryDto,
  NeedView,
  OrganizationNeedsQueryDto,
  UpdateNeedDto,
} from '../dto/need.dto';
import { CandidatesService } from '../services/candidates.service';
import { NeedsService } from '../services/needs.service';
import { IdParamPipe, NeedCoordinatorGuard } from './internship.guards';

@ApiTags('internships')
@ApiExtraModels(NeedView, CandidateView)
@Controller()
export class NeedsController {
  constructor(
    private readonly needs: NeedsService,
    private readonly candidates: CandidatesService,
  ) {}

  @CoordinatorOfOrg()
  @Post('organizations/:orgId/needs')
  @ApiCreatedResponse({ type: NeedView, description: 'the need, status open' })
  @ApiBadRequestResponse({
    description:
      'a field missing or malformed: zero slots, levels outside 1–5, weights outside 1–10, unknown skills, end before start, unknown properties',
  })
  create(
    @Param('orgId') orgId: string,
    @Body() dto: CreateNeedDto,
    @CurrentUser() user: AuthUser,
  ): Promise<NeedView> {
    return this.needs.create(orgId, dto, user);
  }

  @CoordinatorOfOrg()
  @Get('organizations/:orgId/needs')
  @ApiOkResponse(pageOf(NeedView))
  @ApiBadRequestResponse({ description: 'limit outside 1–100, a foreign cursor or a bad status' })
  listForOrganization(
    @Param('orgId') orgId: string,
    @Query() q: OrganizationNeedsQueryDto,
  ): Promise<Page<NeedView>> {
    return this.needs.listForOrganization(orgId, q);
  }

  @Public()
  @Get('needs')
  @ApiOkResponse({
    ...pageOf(NeedView),
    description: 'open needs, soonest first; never a private location',
  })
  @ApiBadRequestResponse({ description: 'limit outside 1–100, a foreign cursor or a bad skill' })
  list(@Query() q: NeedListQueryDto): Promise<Page<NeedView>> {
    return this.needs.listOpen(q);
  }

  @OptionalAuth()
  @Get('needs/:id')
  @ApiOkResponse({ type: NeedView })
  @ApiNotFoundResponse({ description: 'no such need, or not open and not yours to coordinate' })
  get(
    @Param('id', new IdParamPipe('Need')) id: string,
    @CurrentUser() user: AuthUser | undefined,
  ): Promise<NeedView> {
    return this.needs.get(id, user);
  }

  @UseGuards(NeedCoordinatorGuard)
  @Patch('needs/:id')
  @ApiBearerAuth()
  @ApiOkResponse({ type: NeedView })
  @ApiBadRequestResponse({ description: 'a field malformed, as for creation' })
  @ApiForbiddenResponse({ description: 'not a coordinator of the need’s organization' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'the need is closed, or slots below those taken' })
  update(
    @Param('id') id: string,
    @Body() dto: UpdateNeedDto,
    @CurrentUser() user: AuthUser,
  ): Promise<NeedView> {
    return this.needs.update(id, dto, user);
  }

  @UseGuards(NeedCoordinatorGuard)
  @Post('needs/:id/close')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOkResponse({ type: NeedView, description: 'closed; offers not yet placed are withdrawn' })
  @ApiForbiddenResponse({ description: 'not a coordinator of the need’s organization' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'already closed' })
  close(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<NeedView> {
    return this.needs.close(id, user);
  }

  @UseGuards(NeedCoordinatorGuard)
  @Get('needs/:id/candidates')
  @ApiBearerAuth()
  @ApiOkResponse({
    ...pageOf(CandidateView),
    description:
      'eligible applications not holding a slot, best first, with the parts of each score (the limited view)',
  })
  @ApiBadRequestResponse({ description: 'limit outside 1–100 or a foreign cursor' })
  @ApiForbiddenResponse({ description: 'not a coordinator of the need’s organization' })
  @ApiNotFoundResponse()
  listCandidates(
    @Param('id') id: string,
    @Query() page: PageQueryDto,
  ): Promise<Page<CandidateView>> {
    return this.candidates.list(id, page);
  }
}
