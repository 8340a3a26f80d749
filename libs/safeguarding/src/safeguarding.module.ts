import { Module } from '@nestjs/common';
import { ProvisionalSafeguardingGate } from './provisional-safeguarding.gate';
import { SafeguardingGate } from './safeguarding-gate';

@Module({
  providers: [{ provide: SafeguardingGate, useClass: ProvisionalSafeguardingGate }],
  exports: [SafeguardingGate],
})
export class SafeguardingModule {}
