import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
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
import { Page, PageQueryDto, pageOf } from '@puente/platform';
import { AdminOnly, Public } from '../auth/auth.decorators';
import { CoordinatorOfOrg } from '../auth/coordinator.guard';
import {
  AddMemberDto,
  CreateOrganizationDto,
  MemberView,
  OrganizationView,
  UpdateOrganizationDto,
} from '../dto/organization.dto';
import { OrganizationsService } from '../services/organizations.service';

@ApiTags('organizations')
@ApiExtraModels(OrganizationView, MemberView)
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @AdminOnly()
  @Post()
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: OrganizationView })
  @ApiBadRequestResponse({ description: 'name, slug or timeZone malformed' })
  @ApiForbiddenResponse({ description: 'not an admin' })
  @ApiConflictResponse({ description: 'slug taken' })
  create(@Body() dto: CreateOrganizationDto): Promise<OrganizationView> {
    return this.organizations.create(dto);
  }

  @Public()
  @Get()
  @ApiOkResponse(pageOf(OrganizationView))
  @ApiBadRequestResponse({ description: 'limit outside 1-100 or a foreign cursor' })
  list(@Query() page: PageQueryDto): Promise<Page<OrganizationView>> {
    return this.organizations.list(page);
  }

  @Public()
  @Get(':orgId')
  @ApiOkResponse({ type: OrganizationView })
  @ApiNotFoundResponse()
  get(@Param('orgId', new ParseUUIDPipe()) orgId: string): Promise<OrganizationView> {
    return this.organizations.get(orgId);
  }

  @CoordinatorOfOrg()
  @Patch(':orgId')
  @ApiOkResponse({ type: OrganizationView })
  update(
    @Param('orgId') orgId: string,
    @Body() dto: UpdateOrganizationDto,
  ): Promise<OrganizationView> {
    return this.organizations.update(orgId, dto);
  }

  @CoordinatorOfOrg()
  @Get(':orgId/members')
  @ApiOkResponse(pageOf(MemberView))
  members(@Param('orgId') orgId: string, @Query() page: PageQueryDto): Promise<Page<MemberView>> {
    return this.organizations.members(orgId, page);
  }

  @AdminOnly()
  @Post(':orgId/members')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: MemberView })
  @ApiForbiddenResponse({ description: 'not an admin' })
  @ApiNotFoundResponse({
    description: 'organization or user not found (the user must have registered)',
  })
  @ApiConflictResponse({ description: 'already a member' })
  addMember(
    @Param('orgId', new ParseUUIDPipe()) orgId: string,
    @Body() dto: AddMemberDto,
  ): Promise<MemberView> {
    return this.organizations.addMember(orgId, dto);
  }
}
