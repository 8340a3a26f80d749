import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Organization, Profile } from '@puente/accounts';
import { Clock, isoDate } from '@puente/platform';
import { In, Repository } from 'typeorm';
import { addDays, ageOn } from '../calendar';
import type { RequirementStatusView, SafeguardingStatusView } from '../dto/safeguarding-status.dto';
import { BackgroundCheck } from '../entities/background-check.entity';
import { CodeOfConduct, CodeOfConductAcceptance } from '../entities/code-of-conduct.entity';
import { GuardianConsent } from '../entities/guardian-consent.entity';
import { SafeguardingTraining } from '../entities/safeguarding-training.entity';
import { VolunteerLinksRegistry } from '../volunteer-links.registry';
import { assessChecks } from './check-assessment';

/** Within this many days of expiry a requirement shows as expiring soon. */
const SOON_DAYS = 30;

/** GET /me/safeguarding: every requirement in one place, its state, expiry and what to do next. */
@Injectable()
export class SafeguardingStatusService {
  constructor(
    @InjectRepository(BackgroundCheck) private readonly checks: Repository<BackgroundCheck>,
    @InjectRepository(SafeguardingTraining)
    private readonly trainings: Repository<SafeguardingTraining>,
    @InjectRepository(CodeOfConduct) private readonly codes: Repository<CodeOfConduct>,
    @InjectRepository(CodeOfConductAcceptance)
    private readonly acceptances: Repository<CodeOfConductAcceptance>,
    @InjectRepository(GuardianConsent) private readonly consents: Repository<GuardianConsent>,
    @InjectRepository(Profile) private readonly profiles: Repository<Profile>,
    @InjectRepository(Organization) private readonly orgs: Repository<Organization>,
    private readonly links: VolunteerLinksRegistry,
    private readonly clock: Clock,
  ) {}

  async forVolunteer(userId: string): Promise<SafeguardingStatusView> {
    const today = isoDate(this.clock.now());
    const soon = addDays(today, SOON_DAYS);
    const [profile, linked, accepted, consents] = await Promise.all([
      this.profiles.findOneBy({ userId }),
      this.links.activeOrganizationIds(userId),
      this.acceptances.find({ where: { userId }, relations: { code: true } }),
      this.consents.findBy({ volunteerId: userId }),
    ]);
    const minor = !!profile?.dateOfBirth && ageOn(profile.dateOfBirth, today) < 18;
    const requirements: RequirementStatusView[] = [
      await this.backgroundCheck(userId, today, soon),
      await this.training(userId, today, soon),
    ];

    const codeOrgIds = new Set([...linked, ...accepted.map((a) => a.code!.organizationId)]);
    const consentOrgIds = new Set(
      minor ? [...linked, ...consents.map((c) => c.organizationId)] : [],
    );
    const orgs = await this.orgs.findBy({
      id: In([...new Set([...codeOrgIds, ...consentOrgIds])]),
    });
    const names = new Map(orgs.map((o) => [o.id, o.name]));
    const sorted = (ids: Set<string>) =>
      [...ids]
        .filter((id) => names.has(id))
        .sort((a, b) => names.get(a)!.localeCompare(names.get(b)!));

    for (const orgId of sorted(codeOrgIds)) {
      const organization = { id: orgId, name: names.get(orgId)! };
      const current = await this.codes.findOne({
        where: { organizationId: orgId },
        order: { publishedAt: 'DESC', id: 'DESC' },
      });
      const acceptedHere = accepted.filter((a) => a.code!.organizationId === orgId);
      const accept = `Read it (GET /organizations/${orgId}/code-of-conduct) and accept it (POST /organizations/${orgId}/code-of-conduct/accept).`;
      requirements.push(
        !current
          ? {
              requirement: 'code_of_conduct',
              organization,
              state: 'not_published',
              expiresAt: null,
              next: null,
            }
          : acceptedHere.some((a) => a.codeId === current.id)
            ? {
                requirement: 'code_of_conduct',
                organization,
                state: 'accepted',
                expiresAt: null,
                next: null,
                id: current.id,
              }
            : {
                requirement: 'code_of_conduct',
                organization,
                state: acceptedHere.length ? 'outdated' : 'not_accepted',
                expiresAt: null,
                next: `Version ${current.version} is current. ${accept}`,
                id: current.id,
              },
      );
    }

    for (const orgId of sorted(consentOrgIds)) {
      const organization = { id: orgId, name: names.get(orgId)! };
      const consent = consents.find((c) => c.organizationId === orgId);
      requirements.push(
        consent?.consentedAt
          ? {
              requirement: 'guardian_consent',
              organization,
              state: 'given',
              expiresAt: null,
              next: null,
              id: consent.id,
            }
          : consent
            ? {
                requirement: 'guardian_consent',
                organization,
                state: 'requested',
                expiresAt: null,
                next: `Waiting for ${consent.guardianName} to open the link in the email we sent and consent.`,
                id: consent.id,
              }
            : {
                requirement: 'guardian_consent',
                organization,
                state: 'not_requested',
                expiresAt: null,
                next: `Add your guardian's name and email to your profile, then POST /me/guardian-consents {"organizationId":"${orgId}"}.`,
              },
      );
    }
    return { minor, requirements };
  }

  private async backgroundCheck(
    userId: string,
    today: string,
    soon: string,
  ): Promise<RequirementStatusView> {
    const checks = await this.checks.find({
      where: { volunteerId: userId },
      order: { requestedAt: 'DESC', id: 'DESC' },
    });
    const { state, check } = assessChecks(checks, today, today);
    const base = {
      requirement: 'background_check',
      expiresAt: check?.expiresOn ?? null,
      ...(check ? { id: check.id } : {}),
    };
    const request =
      'A coordinator of an organisation you applied to requests one; it is also requested when an application of yours to a trip that needs one is accepted.';
    switch (state) {
      case 'valid':
        return check!.expiresOn! <= soon
          ? {
              ...base,
              state: 'expiring_soon',
              next: `It expires on ${check!.expiresOn}. To renew, ask a coordinator to request a new check. ${request}`,
            }
          : { ...base, state: 'valid', next: null };
      case 'requested':
        return {
          ...base,
          state,
          next: 'Nothing to do yet: the check is being started and you will get an email.',
        };
      case 'in_progress':
        return {
          ...base,
          state,
          next: check!.consentUrl
            ? `Complete the provider's consent form: ${check!.consentUrl}`
            : 'Nothing to do: the provider is working on it.',
        };
      case 'awaiting_review':
        return { ...base, state, next: 'Nothing to do: a coordinator is reviewing the result.' };
      case 'not_cleared':
        return {
          ...base,
          state,
          next:
            check!.adverseStage === 'pre_adverse'
              ? `You may dispute the result until ${check!.finalAdverseDueAt!.toISOString()}: POST /background-checks/${check!.id}/dispute.`
              : 'Contact the organisation’s coordinator if you have questions.',
        };
      case 'expired':
        return { ...base, state, next: `A new check is needed. ${request}` };
      default:
        return { ...base, state: 'none', expiresAt: null, next: request };
    }
  }

  private async training(
    userId: string,
    today: string,
    soon: string,
  ): Promise<RequirementStatusView> {
    const t = await this.trainings.findOne({
      where: { volunteerId: userId },
      order: { expiresOn: 'DESC', createdAt: 'DESC' },
    });
    const record =
      'Complete a child-protection training; a coordinator of an organisation you applied to records it.';
    if (!t)
      return { requirement: 'safeguarding_training', state: 'none', expiresAt: null, next: record };
    const base = { requirement: 'safeguarding_training', expiresAt: t.expiresOn, id: t.id };
    if (t.expiresOn < today) return { ...base, state: 'expired', next: record };
    if (t.expiresOn <= soon)
      return { ...base, state: 'expiring_soon', next: `It expires on ${t.expiresOn}. ${record}` };
    return { ...base, state: 'valid', next: null };
  }
}
