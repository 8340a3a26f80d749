import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@puente/accounts';
import { NotificationsModule, TemplateRegistry } from '@puente/notifications';
import { SAFEGUARDING_EMAIL_TEMPLATES } from './emails';
import { BackgroundCheckAudit } from './entities/background-check-audit.entity';
import { BackgroundCheckEvent } from './entities/background-check-event.entity';
import { BackgroundCheck } from './entities/background-check.entity';
import { CodeOfConduct, CodeOfConductAcceptance } from './entities/code-of-conduct.entity';
import { GuardianConsent } from './entities/guardian-consent.entity';
import { SafeguardingDailyRun } from './entities/safeguarding-daily-run.entity';
import { SafeguardingTraining } from './entities/safeguarding-training.entity';
import { WebhookEvent } from './entities/webhook-event.entity';
import { CheckrClient } from './providers/checkr.client';
import { CheckrProvider } from './providers/checkr.provider';
import { ManualProvider } from './providers/manual.provider';
import { ProviderRegistry } from './providers/provider-registry';
import { SandboxProvider } from './providers/sandbox.provider';
import { SafeguardingGate } from './safeguarding-gate';
import { AfterCommit } from './services/after-commit';
import { BackgroundChecksService } from './services/background-checks.service';
import { CheckAccessService } from './services/check-access.service';
import { CheckJobs } from './services/check-jobs';
import { CheckRunner } from './services/check-runner.service';
import { CheckTransitions } from './services/check-transitions.service';
import { CodeOfConductService } from './services/code-of-conduct.service';
import { DatabaseSafeguardingGate } from './services/database-safeguarding.gate';
import { GuardianConsentsService } from './services/guardian-consents.service';
import { SafeguardingEmails } from './services/safeguarding-emails';
import { SafeguardingMaintenanceService } from './services/safeguarding-maintenance.service';
import { SafeguardingStatusService } from './services/safeguarding-status.service';
import { TrainingsService } from './services/trainings.service';
import { WebhooksService } from './services/webhooks.service';
import { VolunteerLinksRegistry } from './volunteer-links.registry';

const services = [
  AfterCommit,
  BackgroundChecksService,
  CheckAccessService,
  CheckJobs,
  CheckRunner,
  CheckTransitions,
  CodeOfConductService,
  GuardianConsentsService,
  SafeguardingEmails,
  SafeguardingMaintenanceService,
  SafeguardingStatusService,
  TrainingsService,
  WebhooksService,
  CheckrClient,
  CheckrProvider,
  ManualProvider,
  SandboxProvider,
  ProviderRegistry,
];

/**
 * Background checks, providers, webhooks, training, codes of conduct and guardian consent: used
 * by the API, the worker, and the libs that ask the gate (trips, internships).
 */
@Module({
  imports: [
    AccountsModule,
    NotificationsModule,
    TypeOrmModule.forFeature([
      BackgroundCheck,
      BackgroundCheckEvent,
      BackgroundCheckAudit,
      WebhookEvent,
      SafeguardingTraining,
      CodeOfConduct,
      CodeOfConductAcceptance,
      GuardianConsent,
      SafeguardingDailyRun,
    ]),
  ],
  providers: [
    ...services,
    { provide: SafeguardingGate, useClass: DatabaseSafeguardingGate },
    VolunteerLinksRegistry,
  ],
  exports: [...services, SafeguardingGate, VolunteerLinksRegistry, TypeOrmModule],
})
export class SafeguardingModule implements OnModuleInit {
  constructor(private readonly templates: TemplateRegistry) {}

  onModuleInit(): void {
    for (const template of SAFEGUARDING_EMAIL_TEMPLATES)
      if (!this.templates.get(template.name)) this.templates.register(template);
  }
}
