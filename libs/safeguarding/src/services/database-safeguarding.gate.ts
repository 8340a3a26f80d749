import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Profile } from '@puente/accounts';
import { Clock, isoDate } from '@puente/platform';
import { DataSource, EntityManager } from 'typeorm';
import { ageOn } from '../calendar';
import { BackgroundCheck } from '../entities/background-check.entity';
import { CodeOfConduct, CodeOfConductAcceptance } from '../entities/code-of-conduct.entity';
import { GuardianConsent } from '../entities/guardian-consent.entity';
import { SafeguardingTraining } from '../entities/safeguarding-training.entity';
import { ClearanceQuery, SafeguardingGate, UnmetRequirement } from '../safeguarding-gate';
import { BackgroundChecksService } from './background-checks.service';
import { assessChecks, checkUnmetMessage } from './check-assessment';
import { GuardianConsentsService } from './guardian-consents.service';

/** Checks that would not change the answer: no new one is requested while one of these stands. */
const NO_NEW_CHECK = new Set([
  'valid',
  'requested',
  'in_progress',
  'awaiting_review',
  'not_cleared',
]);

/** The safeguarding gate over the database: what trips and internships ask before confirming. */
@Injectable()
export class DatabaseSafeguardingGate extends SafeguardingGate {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checks: BackgroundChecksService,
    private readonly guardians: GuardianConsentsService,
    private readonly clock: Clock,
  ) {
    super();
  }

  async unmet(query: ClearanceQuery, manager?: EntityManager): Promise<UnmetRequirement[]> {
    const m = manager ?? this.dataSource.manager;
    const { userId, organizationId, requirements, startDate, endDate } = query;
    const unmet: UnmetRequirement[] = [];

    if (requirements.backgroundCheck) {
      const assessment = assessChecks(
        await this.checksOf(m, userId),
        endDate,
        isoDate(this.clock.now()),
      );
      if (assessment.state !== 'valid')
        unmet.push({
          requirement: 'background_check',
          message: checkUnmetMessage(assessment, endDate),
        });
    }

    if (requirements.safeguardingTraining) {
      const training = await m.getRepository(SafeguardingTraining).findOne({
        where: { volunteerId: userId },
        order: { expiresOn: 'DESC' },
      });
      if (!training)
        unmet.push({
          requirement: 'safeguarding_training',
          message: 'child-protection training: no record',
        });
      else if (training.expiresOn < endDate)
        unmet.push({
          requirement: 'safeguarding_training',
          message: `child-protection training: valid only until ${training.expiresOn}, before ${endDate}`,
        });
    }

    if (requirements.codeOfConduct) {
      const code = await m.getRepository(CodeOfConduct).findOne({
        where: { organizationId },
        order: { publishedAt: 'DESC', id: 'DESC' },
      });
      if (!code)
        unmet.push({
          requirement: 'code_of_conduct',
          message: 'code of conduct: the organisation has not published one yet',
        });
      else if (
        !(await m.getRepository(CodeOfConductAcceptance).existsBy({ codeId: code.id, userId }))
      )
        unmet.push({
          requirement: 'code_of_conduct',
          message: `code of conduct: version ${code.version} not yet accepted`,
        });
    }

    // Whatever the trip requires, a volunteer under 18 on its first day needs a guardian's consent.
    const profile = await m.getRepository(Profile).findOneBy({ userId });
    if (!profile?.dateOfBirth) {
      unmet.push({
        requirement: 'guardian_consent',
        message:
          'guardian consent: date of birth unknown, so it cannot be told whether one is needed',
      });
    } else if (ageOn(profile.dateOfBirth, startDate) < 18) {
      const consent = await m
        .getRepository(GuardianConsent)
        .findOneBy({ volunteerId: userId, organizationId });
      if (!consent?.consentedAt)
        unmet.push({
          requirement: 'guardian_consent',
          message: consent
            ? 'guardian consent: waiting for the guardian to consent'
            : 'guardian consent: not yet requested from a guardian',
        });
    }
    return unmet;
  }

  async requestCheckIfNeeded(
    manager: EntityManager,
    input: {
      userId: string;
      organizationId: string;
      validThrough: string;
      requestedBy: string | null;
    },
  ): Promise<string | null> {
    await this.checks.lockVolunteer(manager, input.userId);
    // Under 18 on the last day means under 18 on the first: ask the guardian now too.
    await this.guardians.requestIfNeeded(
      manager,
      input.userId,
      input.organizationId,
      input.validThrough,
    );
    const assessment = assessChecks(
      await this.checksOf(manager, input.userId),
      input.validThrough,
      isoDate(this.clock.now()),
    );
    if (NO_NEW_CHECK.has(assessment.state)) return null;
    const check = await this.checks.createPending(manager, {
      volunteerId: input.userId,
      organizationId: input.organizationId,
      requestedBy: input.requestedBy,
    });
    return check.id;
  }

  private checksOf(m: EntityManager, volunteerId: string): Promise<BackgroundCheck[]> {
    return m.getRepository(BackgroundCheck).find({
      where: { volunteerId },
      order: { requestedAt: 'DESC', id: 'DESC' },
    });
  }
}
