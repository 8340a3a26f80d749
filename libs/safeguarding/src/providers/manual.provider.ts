import { Injectable } from '@nestjs/common';
import {
  BackgroundCheckProvider,
  ParsedWebhook,
  ProviderAdvance,
  ProviderStart,
} from './background-check-provider';

/**
 * An offline check (e.g. a national police certificate): nothing to call. A coordinator records
 * the outcome with POST /background-checks/manual, which completes the pending check.
 */
@Injectable()
export class ManualProvider implements BackgroundCheckProvider {
  readonly name = 'manual' as const;
  /** The organisation itself saw the record: no consumer report, no adverse-action steps. */
  readonly consumerReport = false;

  async start(): Promise<ProviderStart> {
    return { reference: null, driveAfterMs: null, delayedJob: false };
  }

  async advance(): Promise<ProviderAdvance> {
    return { update: null, driveAgainInMs: null };
  }

  parseWebhook(): ParsedWebhook {
    throw new Error('the manual provider has no webhooks');
  }
}
