import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { AuthUser, Organization, Profile, User } from '@puente/accounts';
import {
  EnqueuedMessage,
  Notification,
  NotificationDataRegistry,
  OutboxService,
} from '@puente/notifications';
import { Clock, ConflictError, isoDate, NotFoundError, UnprocessableError } from '@puente/platform';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager, IsNull, Repository } from 'typeorm';
import { ageOn } from '../calendar';
import type {
  GiveGuardianConsentDto,
  GuardianConsentRequestView,
  GuardianConsentView,
} from '../dto/guardian-consent.dto';
import { GuardianConsent } from '../entities/guardian-consent.entity';
import { AfterCommit } from './after-commit';
import { SAFEGUARDING_TEMPLATES as T, SafeguardingEmails } from './safeguarding-emails';

const LINK_VALID_DAYS = 30;
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A guardian's consent for a volunteer under 18. The email's one-time link is minted when the
 * email is sent (a notification data resolver), so no usable token is ever stored: only its hash.
 */
@Injectable()
export class GuardianConsentsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(GuardianConsent) private readonly consents: Repository<GuardianConsent>,
    private readonly outbox: OutboxService,
    private readonly dataRegistry: NotificationDataRegistry,
    private readonly afterCommit: AfterCommit,
    private readonly emails: SafeguardingEmails,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.dataRegistry.register(T.guardianConsentRequest, (n) => this.mintLink(n));
  }

  /** POST /me/guardian-consents: the volunteer asks their guardian (from the profile) to consent. */
  async request(user: AuthUser, organizationId: string): Promise<GuardianConsentView> {
    const { consent, sent } = await this.dataSource.transaction(async (manager) => {
      if (!(await manager.getRepository(Organization).existsBy({ id: organizationId })))
        throw new NotFoundError('Organization');
      const profile = await manager.getRepository(Profile).findOneBy({ userId: user.id });
      const problems: string[] = [];
      if (!profile?.dateOfBirth) problems.push('add your date of birth to your profile');
      if (!profile?.guardianName || !profile.guardianEmail)
        problems.push("add your guardian's name and email to your profile (PUT /me/profile)");
      if (problems.length)
        throw new UnprocessableError('A guardian consent cannot be requested yet', problems);
      if (ageOn(profile!.dateOfBirth!, isoDate(this.clock.now())) >= 18)
        throw new ConflictError('A guardian consent is needed only under 18', 'NOT_A_MINOR');
      const existing = await manager
        .getRepository(GuardianConsent)
        .findOneBy({ volunteerId: user.id, organizationId });
      if (existing?.consentedAt)
        throw new ConflictError('Your guardian has already consented', 'ALREADY_GIVEN');
      return this.ask(manager, user.id, organizationId, profile!);
    });
    await this.outbox.dispatch([sent]);
    return toView(consent);
  }

  /**
   * Inside the caller's transaction (e.g. an accepted application): asks the guardian when the
   * volunteer is under 18 on `onDate`, has a guardian on the profile, and none was asked yet.
   */
  async requestIfNeeded(
    manager: EntityManager,
    volunteerId: string,
    organizationId: string,
    onDate: string,
  ): Promise<void> {
    const profile = await manager.getRepository(Profile).findOneBy({ userId: volunteerId });
    if (!profile?.dateOfBirth || !profile.guardianEmail || !profile.guardianName) return;
    if (ageOn(profile.dateOfBirth, onDate) >= 18) return;
    if (await manager.getRepository(GuardianConsent).existsBy({ volunteerId, organizationId }))
      return;
    const { sent } = await this.ask(manager, volunteerId, organizationId, profile);
    this.afterCommit.run(manager, () => this.outbox.dispatch([sent]));
  }

  private async ask(
    manager: EntityManager,
    volunteerId: string,
    organizationId: string,
    profile: Profile,
  ): Promise<{ consent: GuardianConsent; sent: EnqueuedMessage | null }> {
    const repo = manager.getRepository(GuardianConsent);
    const now = this.clock.now();
    await repo
      .createQueryBuilder()
      .insert()
      .values({
        volunteerId,
        organizationId,
        guardianName: profile.guardianName!,
        guardianEmail: profile.guardianEmail!,
        requestedAt: now,
      })
      // A re-request takes the guardian from the profile again and invalidates any earlier link.
      .orUpdate(
        ['guardian_name', 'guardian_email', 'requested_at', 'token_hash', 'token_expires_at'],
        ['volunteer_id', 'organization_id'],
      )
      .execute();
    const consent = await repo.findOneByOrFail({ volunteerId, organizationId });
    const [volunteer, org] = await Promise.all([
      manager.getRepository(User).findOneByOrFail({ id: volunteerId }),
      manager.getRepository(Organization).findOneByOrFail({ id: organizationId }),
    ]);
    const sent = await this.outbox.enqueue(manager, {
      dedupeKey: `guardian-consent:${consent.id}:request:${now.getTime()}`,
      template: T.guardianConsentRequest,
      toEmail: consent.guardianEmail,
      data: {
        consentId: consent.id,
        // The guardian has no account: name and language travel with the message.
        recipientName: consent.guardianName,
        locale: profile.locale,
        volunteerName: volunteer.name,
        organizationName: org.name,
      },
    });
    return { consent, sent };
  }

  /** At send time: a fresh one-time link for the guardian, or null (cancel) once consent is given. */
  private async mintLink(n: Notification): Promise<Record<string, unknown> | null> {
    const consentId = n.data.consentId;
    if (typeof consentId !== 'string') return null;
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + LINK_VALID_DAYS * 86_400_000);
    const res = await this.consents.update(
      { id: consentId, consentedAt: IsNull() },
      { tokenHash: hash(token), tokenExpiresAt: expiresAt },
    );
    if (!res.affected) return null;
    return {
      consentUrl: this.emails.url(`/guardian-consents?token=${token}`),
      expiresAt: expiresAt.toISOString(),
    };
  }

  /** GET /guardian-consents?token=: what the guardian is asked to consent to. */
  async describe(token: string): Promise<GuardianConsentRequestView> {
    const consent = await this.byToken(this.consents, token);
    const [volunteer, org] = await Promise.all([
      this.dataSource.getRepository(User).findOneByOrFail({ id: consent.volunteerId }),
      this.dataSource.getRepository(Organization).findOneByOrFail({ id: consent.organizationId }),
    ]);
    return {
      volunteerName: volunteer.name,
      organizationName: org.name,
      guardianName: consent.guardianName,
      state: consent.consentedAt ? 'given' : 'requested',
      expiresAt: consent.tokenExpiresAt!,
    };
  }

  /** POST /guardian-consents: the guardian consents; the link then stops working. */
  async give(token: string, dto: GiveGuardianConsentDto): Promise<GuardianConsentView> {
    const { consent, sent } = await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(GuardianConsent);
      const consent = await this.byToken(repo, token, true);
      const now = this.clock.now();
      Object.assign(consent, {
        consentedAt: now,
        signedName: dto.signedName,
        tokenHash: null,
        tokenExpiresAt: null,
      });
      await repo.save(consent);
      const org = await manager
        .getRepository(Organization)
        .findOneByOrFail({ id: consent.organizationId });
      const sent = await this.outbox.enqueue(manager, {
        dedupeKey: `guardian-consent:${consent.id}:given`,
        template: T.guardianConsentGiven,
        userId: consent.volunteerId,
        data: {
          consentId: consent.id,
          organizationId: org.id,
          organizationName: org.name,
          safeguardingUrl: this.emails.url('/me/safeguarding'),
        },
      });
      return { consent, sent };
    });
    await this.outbox.dispatch([sent]);
    return toView(consent);
  }

  private async byToken(
    repo: Repository<GuardianConsent>,
    token: string,
    lock = false,
  ): Promise<GuardianConsent> {
    const qb = repo
      .createQueryBuilder('g')
      .where('g.token_hash = :h AND g.token_expires_at > :now', {
        h: hash(token),
        now: this.clock.now(),
      });
    if (lock) qb.setLock('pessimistic_write');
    const consent = await qb.getOne();
    if (!consent) throw new NotFoundError('Consent link (it may have been used or have expired)');
    return consent;
  }
}

function toView(c: GuardianConsent): GuardianConsentView {
  return {
    id: c.id,
    organizationId: c.organizationId,
    state: c.consentedAt ? 'given' : 'requested',
    guardianName: c.guardianName,
    requestedAt: c.requestedAt,
    consentedAt: c.consentedAt,
  };
}
