import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
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
import { AuthUser, CurrentUser, Public, CoordinatorOfOrg } from '@puente/accounts';
import {
  CodeOfConductAcceptanceView,
  CodeOfConductView,
  PublishCodeOfConductDto,
} from '../dto/code-of-conduct.dto';
import { CodeOfConductService } from '../services/code-of-conduct.service';

@ApiTags('safeguarding')
@ApiParam({ name: 'orgId', format: 'uuid' })
@Controller('organizations/:orgId/code-of-conduct')
export class CodeOfConductController {
  constructor(private readonly codes: CodeOfConductService) {}

  @Post()
  @CoordinatorOfOrg()
  @ApiOperation({
    summary: "Publish a new version of the organisation's code of conduct",
    description: 'It becomes the current version: volunteers must accept it anew.',
  })
  @ApiCreatedResponse({ type: CodeOfConductView })
  @ApiBadRequestResponse({ description: 'version or text malformed' })
  @ApiUnauthorizedResponse({ description: 'missing, invalid or expired token' })
  @ApiForbiddenResponse({ description: 'not a coordinator of this organisation' })
  @ApiNotFoundResponse({ description: 'no such organisation' })
  @ApiConflictResponse({ description: 'this version already exists' })
  publish(
    @Param('orgId') orgId: string,
    @CurrentUser() user: AuthUser,
    @Body() dto: PublishCodeOfConductDto,
  ): Promise<CodeOfConductView> {
    return this.codes.publish(orgId, user.id, dto);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: "The organisation's current code of conduct" })
  @ApiOkResponse({ type: CodeOfConductView })
  @ApiBadRequestResponse({ description: 'orgId is not a UUID' })
  @ApiNotFoundResponse({ description: 'no such organisation, or it has published none' })
  current(@Param('orgId', new ParseUUIDPipe()) orgId: string): Promise<CodeOfConductView> {
    return this.codes.getCurrent(orgId);
  }

  @Post('accept')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Accept the current version of the code of conduct' })
  @ApiCreatedResponse({ type: CodeOfConductAcceptanceView })
  @ApiBadRequestResponse({ description: 'orgId is not a UUID' })
  @ApiUnauthorizedResponse({ description: 'missing, invalid or expired token' })
  @ApiNotFoundResponse({ description: 'no such organisation, or it has published none' })
  accept(
    @Param('orgId', new ParseUUIDPipe()) orgId: string,
    @CurrentUser() user: AuthUser,
  ): Promise<CodeOfConductAcceptanceView> {
    return this.codes.accept(orgId, user.id);
  }
}
