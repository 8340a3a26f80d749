import { Injectable } from '@nestjs/common';
import type { CheckProviderName } from '../entities/background-check.entity';
import type { BackgroundCheckProvider } from './background-check-provider';
import { CheckrProvider } from './checkr.provider';
import { ManualProvider } from './manual.provider';
import { SandboxProvider } from './sandbox.provider';

/** The provider adapters by name. */
@Injectable()
export class ProviderRegistry {
  private readonly byName: Record<CheckProviderName, BackgroundCheckProvider>;

  constructor(sandbox: SandboxProvider, checkr: CheckrProvider, manual: ManualProvider) {
    this.byName = { sandbox, checkr, manual };
  }

  get(name: CheckProviderName): BackgroundCheckProvider {
    return this.byName[name];
  }

  /** The providers that send webhooks, or undefined for any other name. */
  webhookProvider(name: string): BackgroundCheckProvider | undefined {
    return name === 'sandbox' || name === 'checkr' ? this.byName[name] : undefined;
  }
}
