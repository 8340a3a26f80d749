import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@puente/accounts';
import {
  ConsentTokenQueryDto,
  GiveGuardianConsentDto,
  GuardianConsentRequestView,
  GuardianConsentView,
} from '../dto/guardian-consent.dto';
import { GuardianConsentsService } from '../services/guardian-consents.service';

/**
 * A guardian's one-time link. The token travels in the query string or the body, never in the
 * path, because request logs keep paths (and drop query strings).
 */
@ApiTags('safeguarding')
@Public()
@Controller('guardian-consents')
export class GuardianConsentsController {
  constructor(private readonly guardians: GuardianConsentsService) {}

  @Get()
  @ApiOperation({ summary: 'What a guardian is asked to consent to (the link in their email)' })
  @ApiOkResponse({ type: GuardianConsentRequestView })
  @ApiBadRequestResponse({ description: 'token missing or malformed' })
  @ApiNotFoundResponse({ description: 'unknown, used or expired link' })
  describe(@Query() query: ConsentTokenQueryDto): Promise<GuardianConsentRequestView> {
    return this.guardians.describe(query.token);
  }

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'A guardian consents (the link works once)' })
  @ApiOkResponse({ type: GuardianConsentView })
  @ApiBadRequestResponse({
    description: 'token malformed, consent not true, or signedName missing',
  })
  @ApiNotFoundResponse({ description: 'unknown, used or expired link' })
  give(@Body() dto: GiveGuardianConsentDto): Promise<GuardianConsentView> {
    return this.guardians.give(dto.token, dto);
  }
}
