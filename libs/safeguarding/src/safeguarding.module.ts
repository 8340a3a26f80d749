import { Module } from '@nestjs/common';
import { ProvisionalSafeguardingGate } from './provisional-safeguarding.gate';
import { SafeguardingGate } from './safeguarding-gate';
import { VolunteerLinksRegistry } from './volunteer-links.registry';

@Module({
  providers: [
    { provide: SafeguardingGate, useClass: ProvisionalSafeguardingGate },
    VolunteerLinksRegistry,
  ],
  exports: [SafeguardingGate, VolunteerLinksRegistry],
})
export class SafeguardingModule {}
