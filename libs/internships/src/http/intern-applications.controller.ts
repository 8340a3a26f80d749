import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@puente/accounts';
import { Page, PageQueryDto, pageOf } from '@puente/platform';
import { CreateInternApplicationDto, InternApplicationView } from '../dto/intern-application.dto';
import { InternApplicationsService } from '../services/intern-applications.service';
import { IdParamPipe } from './internship.guards';

@ApiTags('internships')
@ApiBearerAuth()
@ApiExtraModels(InternApplicationView)
@Controller()
export class InternApplicationsController {
  constructor(private readonly applications: InternApplicationsService) {}

  @Post('intern-applications')
  @ApiCreatedResponse({
    type: InternApplicationView,
    description: 'skills and languages copied from the profile now',
  })
  @ApiBadRequestResponse({
    description:
      'dates malformed, availability ending before it starts or in the past, preferences not open needs, unknown properties',
  })
  @ApiUnprocessableEntityResponse({
    description: 'profile incomplete or without skills; `reasons` lists what is missing',
  })
  @ApiConflictResponse({ description: 'an active application exists' })
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateInternApplicationDto,
  ): Promise<InternApplicationView> {
    return this.applications.create(user, dto);
  }

  @Get('me/intern-applications')
  @ApiOkResponse(pageOf(InternApplicationView))
  @ApiBadRequestResponse({ description: 'limit outside 1–100 or a foreign cursor' })
  listMine(
    @CurrentUser() user: AuthUser,
    @Query() page: PageQueryDto,
  ): Promise<Page<InternApplicationView>> {
    return this.applications.listMine(user.id, page);
  }

  @Get('intern-applications/:id')
  @ApiOkResponse({ type: InternApplicationView })
  @ApiNotFoundResponse({ description: 'not yours, or no such application' })
  get(
    @Param('id', new IdParamPipe('Intern application')) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<InternApplicationView> {
    return this.applications.getOwn(id, user.id);
  }

  @Post('intern-applications/:id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({
    type: InternApplicationView,
    description: 'withdrawn; an offer or placement it held is withdrawn too, freeing the slot',
  })
  @ApiNotFoundResponse({ description: 'not yours, or no such application' })
  @ApiConflictResponse({ description: 'already withdrawn' })
  withdraw(
    @Param('id', new IdParamPipe('Intern application')) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<InternApplicationView> {
    return this.applications.withdraw(id, user);
  }
}
