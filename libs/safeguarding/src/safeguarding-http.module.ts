import { Module } from '@nestjs/common';
import { AccountsHttpModule } from '@puente/accounts';
import { BackgroundChecksController } from './http/background-checks.controller';
import { CheckAccessGuard, CoordinatorSomewhereGuard } from './http/check-access.guard';
import { CodeOfConductController } from './http/code-of-conduct.controller';
import { GuardianConsentsController } from './http/guardian-consents.controller';
import { SafeguardingController } from './http/safeguarding.controller';
import { WebhooksController } from './http/webhooks.controller';
import { SafeguardingModule } from './safeguarding.module';

/** The HTTP side of safeguarding (API only). */
@Module({
  imports: [SafeguardingModule, AccountsHttpModule],
  controllers: [
    BackgroundChecksController,
    SafeguardingController,
    CodeOfConductController,
    GuardianConsentsController,
    WebhooksController,
  ],
  providers: [CheckAccessGuard, CoordinatorSomewhereGuard],
  exports: [SafeguardingModule],
})
export class SafeguardingHttpModule {}
