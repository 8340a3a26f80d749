import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  PipeTransform,
  Post,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@puente/accounts';
import {
  GiveGuardianConsentDto,
  GuardianConsentRequestView,
  GuardianConsentView,
} from '../dto/guardian-consent.dto';
import { GuardianConsentsService } from '../services/guardian-consents.service';

/** A link token is 43 base64url characters; anything else is no link of ours (404, before the body). */
class ConsentTokenPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[A-Za-z0-9_-]{43}$/.test(value)) throw new NotFoundException('Consent link not found');
    return value;
  }
}

@ApiTags('safeguarding')
@Public()
@Controller('guardian-consents')
export class GuardianConsentsController {
  constructor(private readonly guardians: GuardianConsentsService) {}

  @Get(':token')
  @ApiOperation({
    summary: 'What a guardian is asked to consent to (the link in their email)',
  })
  @ApiParam({ name: 'token', description: 'the one-time token from the email link' })
  @ApiOkResponse({ type: GuardianConsentRequestView })
  @ApiNotFoundResponse({ description: 'unknown, used or expired link' })
  describe(@Param('token', ConsentTokenPipe) token: string): Promise<GuardianConsentRequestView> {
    return this.guardians.describe(token);
  }

  @Post(':token')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'A guardian consents (one-time link: it stops working once used)',
  })
  @ApiParam({ name: 'token', description: 'the one-time token from the email link' })
  @ApiOkResponse({ type: GuardianConsentView })
  @ApiBadRequestResponse({ description: 'consent is not true, or signedName is missing' })
  @ApiNotFoundResponse({ description: 'unknown, used or expired link' })
  give(
    @Param('token', ConsentTokenPipe) token: string,
    @Body() dto: GiveGuardianConsentDto,
  ): Promise<GuardianConsentView> {
    return this.guardians.give(token, dto);
  }
}
