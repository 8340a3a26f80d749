import { Module } from '@nestjs/common';
import { AccountsHttpModule } from '@puente/accounts';
import { InternApplicationsController } from './http/intern-applications.controller';
import { NeedCoordinatorGuard, RunCoordinatorGuard } from './http/internship.guards';
import { MatchingRunsController } from './http/matching-runs.controller';
import { NeedsController } from './http/needs.controller';
import { PlacementsController } from './http/placements.controller';
import { InternshipsModule } from './internships.module';

/** The HTTP side of internships (API only). */
@Module({
  imports: [InternshipsModule, AccountsHttpModule],
  controllers: [
    NeedsController,
    InternApplicationsController,
    MatchingRunsController,
    PlacementsController,
  ],
  providers: [NeedCoordinatorGuard, RunCoordinatorGuard],
})
export class InternshipsHttpModule {}
