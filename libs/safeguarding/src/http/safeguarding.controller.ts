import { Body, Controller, Get, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@puente/accounts';
import { SafeguardingStatusView } from '../dto/safeguarding-status.dto';
import { RecordTrainingDto, TrainingView } from '../dto/training.dto';
import { RequestGuardianConsentDto, GuardianConsentView } from '../dto/guardian-consent.dto';
import { GuardianConsentsService } from '../services/guardian-consents.service';
import { SafeguardingStatusService } from '../services/safeguarding-status.service';
import { TrainingsService } from '../services/trainings.service';
import { CoordinatorSomewhereGuard } from './check-access.guard';

@ApiTags('safeguarding')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'missing, invalid or expired token' })
@Controller()
export class SafeguardingController {
  constructor(
    private readonly status: SafeguardingStatusService,
    private readonly trainings: TrainingsService,
    private readonly guardians: GuardianConsentsService,
  ) {}

  @Get('me/safeguarding')
  @ApiOperation({
    summary: 'My safeguarding requirements',
    description:
      'Background check, child-protection training, the code of conduct of each organisation I am linked to, and guardian consent when under 18: each with its state, expiry and what to do next.',
  })
  @ApiOkResponse({ type: SafeguardingStatusView })
  mine(@CurrentUser() user: AuthUser): Promise<SafeguardingStatusView> {
    return this.status.forVolunteer(user.id);
  }

  @Post('safeguarding-trainings')
  @UseGuards(CoordinatorSomewhereGuard)
  @ApiOperation({
    summary: "Record a volunteer's child-protection training",
    description:
      'By a coordinator of an organisation where the volunteer has an active application or placement. Valid SAFEGUARDING_TRAINING_VALID_MONTHS from completedOn.',
  })
  @ApiCreatedResponse({ type: TrainingView })
  @ApiBadRequestResponse({
    description: 'a field is malformed, or completedOn is in the future or expired',
  })
  @ApiForbiddenResponse({ description: 'the caller coordinates no organisation' })
  @ApiNotFoundResponse({ description: 'no such volunteer linked to an organisation of the caller' })
  recordTraining(
    @CurrentUser() user: AuthUser,
    @Body() dto: RecordTrainingDto,
  ): Promise<TrainingView> {
    return this.trainings.record(user, dto);
  }

  @Post('me/guardian-consents')
  @ApiOperation({
    summary: 'Ask my guardian for consent to serve with an organisation (under 18)',
    description:
      'Emails the guardian named on the profile a one-time link (valid 30 days). Asking again sends a new link and voids the old one.',
  })
  @ApiCreatedResponse({ type: GuardianConsentView })
  @ApiBadRequestResponse({ description: 'organizationId malformed' })
  @ApiNotFoundResponse({ description: 'no such organisation' })
  @ApiConflictResponse({ description: 'not under 18, or the guardian already consented' })
  @ApiUnprocessableEntityResponse({
    description: 'date of birth or guardian missing from the profile',
  })
  requestConsent(
    @CurrentUser() user: AuthUser,
    @Body() dto: RequestGuardianConsentDto,
  ): Promise<GuardianConsentView> {
    return this.guardians.request(user, dto.organizationId);
  }
}
