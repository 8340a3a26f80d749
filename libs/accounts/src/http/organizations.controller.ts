import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators';
import {
  AddMemberDto,
  CreateOrganizationDto,
  MemberView,
  OrganizationView,
} from '../dto/organization.dto';
import { OrganizationsService } from '../services/organizations.service';

@ApiTags('organizations')
@ApiBearerAuth()
@AdminOnly()
@ApiForbiddenResponse({ description: 'not an admin' })
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @ApiCreatedResponse({ type: OrganizationView })
  @ApiBadRequestResponse({ description: 'name or slug malformed' })
  @ApiConflictResponse({ description: 'slug taken' })
  async create(@Body() dto: CreateOrganizationDto): Promise<OrganizationView> {
    const o = await this.organizations.create(dto);
    return { id: o.id, name: o.name, slug: o.slug, timeZone: o.timeZone, createdAt: o.createdAt };
  }

  @Post(':orgId/members')
  @ApiCreatedResponse({ type: MemberView })
  @ApiNotFoundResponse({ description: 'organization or user not found' })
  @ApiConflictResponse({ description: 'already a member' })
  addMember(
    @Param('orgId', new ParseUUIDPipe()) orgId: string,
    @Body() dto: AddMemberDto,
  ): Promise<MemberView> {
    return this.organizations.addMember(orgId, dto);
  }
}
