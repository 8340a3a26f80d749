import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@puente/accounts';
import { NotificationsModule, TemplateRegistry } from '@puente/notifications';
import { INTERNSHIP_EMAIL_TEMPLATES } from './emails';
import { SafeguardingModule, VolunteerLinksRegistry } from '@puente/safeguarding';
import { InternApplication } from './entities/intern-application.entity';
import { MatchingRun } from './entities/matching-run.entity';
import { Need } from './entities/need.entity';
import { PlacementEvent } from './entities/placement-event.entity';
import { Placement } from './entities/placement.entity';
import { CandidatesService } from './services/candidates.service';
import { InternApplicationsService } from './services/intern-applications.service';
import { InternshipEmails } from './services/internship-emails.service';
import { InternshipsAccess } from './services/internships-access.service';
import { MatchInputService } from './services/match-input.service';
import { MatchingRunsService } from './services/matching-runs.service';
import { NeedsService } from './services/needs.service';
import { PlacementHistory } from './services/placement-history.service';
import { PlacementsService } from './services/placements.service';

const services = [
  CandidatesService,
  InternApplicationsService,
  InternshipEmails,
  InternshipsAccess,
  MatchInputService,
  MatchingRunsService,
  NeedsService,
  PlacementHistory,
  PlacementsService,
];

/** Needs, intern applications, matching runs and placements: used by the API and the worker. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Need, InternApplication, MatchingRun, Placement, PlacementEvent]),
    AccountsModule,
    NotificationsModule,
    SafeguardingModule,
  ],
  providers: services,
  exports: services,
})
export class InternshipsModule implements OnModuleInit {
  constructor(
    private readonly links: VolunteerLinksRegistry,
    private readonly placements: PlacementsService,
    private readonly templates: TemplateRegistry,
  ) {}

  onModuleInit(): void {
    // Coordinators may see the checks of interns holding a slot with their organisation.
    this.links.register((volunteerId) => this.placements.activeOrganizationIds(volunteerId));
    for (const template of INTERNSHIP_EMAIL_TEMPLATES)
      if (!this.templates.get(template.name)) this.templates.register(template);
  }
}
