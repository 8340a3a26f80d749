import { Injectable } from '@nestjs/common';
import { ClearanceQuery, SafeguardingGate, UnmetRequirement } from './safeguarding-gate';

/**
 * Until background checks, training records and codes of conduct exist, every required one is
 * reported unmet: confirmation is refused with a named reason, never silently allowed.
 */
@Injectable()
export class ProvisionalSafeguardingGate extends SafeguardingGate {
  async unmet(query: ClearanceQuery): Promise<UnmetRequirement[]> {
    const unmet: UnmetRequirement[] = [];
    if (query.requirements.backgroundCheck) {
      unmet.push({
        requirement: 'background_check',
        message: 'background check: no clear check valid through the trip end',
      });
    }
    if (query.requirements.safeguardingTraining) {
      unmet.push({
        requirement: 'safeguarding_training',
        message: 'child-protection training: no valid record',
      });
    }
    if (query.requirements.codeOfConduct) {
      unmet.push({ requirement: 'code_of_conduct', message: 'code of conduct: not accepted' });
    }
    return unmet;
  }

  async requestCheckIfNeeded(): Promise<string | null> {
    return null;
  }
}
