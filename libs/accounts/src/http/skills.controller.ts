import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Page, PageQueryDto, pageOf } from '@puente/platform';
import { AdminOnly, Public } from '../auth/auth.decorators';
import { CreateSkillDto, SkillView } from '../dto/skill.dto';
import { SkillsService } from '../services/skills.service';

@ApiTags('accounts')
@ApiExtraModels(SkillView)
@Controller('skills')
export class SkillsController {
  constructor(private readonly skills: SkillsService) {}

  @Public()
  @Get()
  @ApiOkResponse(pageOf(SkillView))
  @ApiBadRequestResponse({ description: 'limit outside 1-100 or a foreign cursor' })
  list(@Query() page: PageQueryDto): Promise<Page<SkillView>> {
    return this.skills.list(page);
  }

  @AdminOnly()
  @Post()
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: SkillView })
  @ApiForbiddenResponse({ description: 'not an admin' })
  @ApiConflictResponse({ description: 'slug exists' })
  create(@Body() dto: CreateSkillDto): Promise<SkillView> {
    return this.skills.create(dto);
  }
}
