import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, CoordinatorOfOrg } from '@puente/accounts';
import { Page, PageQueryDto, pageOf } from '@puente/platform';
import { PlacementListQueryDto, PlacementView } from '../dto/placement.dto';
import { PlacementsService } from '../services/placements.service';
import { IdParamPipe } from './internship.guards';

const id = () => new IdParamPipe('Placement');

@ApiTags('internships')
@ApiBearerAuth()
@ApiExtraModels(PlacementView)
@Controller()
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  @Get('me/placements')
  @ApiOkResponse(pageOf(PlacementView))
  @ApiBadRequestResponse({ description: 'limit outside 1–100 or a foreign cursor' })
  listMine(
    @CurrentUser() user: AuthUser,
    @Query() page: PageQueryDto,
  ): Promise<Page<PlacementView>> {
    return this.placements.listMine(user.id, page);
  }

  @CoordinatorOfOrg()
  @Get('organizations/:orgId/placements')
  @ApiOkResponse(pageOf(PlacementView))
  @ApiBadRequestResponse({ description: 'limit outside 1–100, a foreign cursor or a bad status' })
  listForOrganization(
    @Param('orgId') orgId: string,
    @Query() q: PlacementListQueryDto,
  ): Promise<Page<PlacementView>> {
    return this.placements.listForOrganization(orgId, q);
  }

  @Get('placements/:id')
  @ApiOkResponse({
    type: PlacementView,
    description: 'an awaiting placement is re-checked first (placed once requirements are met)',
  })
  @ApiNotFoundResponse({ description: 'neither the intern nor a coordinator of the organization' })
  get(@Param('id', id()) pid: string, @CurrentUser() user: AuthUser): Promise<PlacementView> {
    return this.placements.get(pid, user);
  }

  @Post('placements/:id/accept')
  @HttpCode(200)
  @ApiOkResponse({
    type: PlacementView,
    description: '`placed`, or `awaiting_requirements` with `missing` (a check is requested)',
  })
  @ApiNotFoundResponse({ description: 'not your placement' })
  @ApiConflictResponse({ description: 'not offered, or the need is closed' })
  accept(@Param('id', id()) pid: string, @CurrentUser() user: AuthUser): Promise<PlacementView> {
    return this.placements.accept(pid, user);
  }

  @Post('placements/:id/decline')
  @HttpCode(200)
  @ApiOkResponse({
    type: PlacementView,
    description: '`declined`; the slot is free for the next run',
  })
  @ApiNotFoundResponse({ description: 'not your placement' })
  @ApiConflictResponse({ description: 'neither offered nor awaiting requirements' })
  decline(@Param('id', id()) pid: string, @CurrentUser() user: AuthUser): Promise<PlacementView> {
    return this.placements.decline(pid, user);
  }

  @Post('placements/:id/recheck')
  @HttpCode(200)
  @ApiOkResponse({
    type: PlacementView,
    description:
      'asks safeguarding again; an awaiting placement whose requirements are met becomes placed',
  })
  @ApiNotFoundResponse({ description: 'neither the intern nor a coordinator of the organization' })
  recheck(@Param('id', id()) pid: string, @CurrentUser() user: AuthUser): Promise<PlacementView> {
    return this.placements.get(pid, user, true);
  }
}
