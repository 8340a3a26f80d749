import { Injectable } from '@nestjs/common';
import { Clock, Env } from '@puente/platform';
import { randomBytes } from 'node:crypto';
import type { BackgroundCheck } from '../entities/background-check.entity';
import {
  BackgroundCheckProvider,
  header,
  nonEmptyString,
  ParsedWebhook,
  parseJsonObject,
  ProviderAdvance,
  ProviderError,
  ProviderStart,
  VolunteerIdentity,
  WebhookMalformed,
  WebhookRejected,
} from './background-check-provider';
import { signPuenteWebhook, verifyPuenteSignature } from './webhook-signature';

export const SANDBOX_COMPLETED_EVENT = 'check.completed';

/**
 * A stand-in for a remote consumer-report provider, for development and tests. It behaves as
 * one does: after SANDBOX_CHECK_DELAY_MS it posts a signed webhook to the API over HTTP.
 * The result is `consider` when the volunteer's email local part contains `+consider`.
 */
@Injectable()
export class SandboxProvider implements BackgroundCheckProvider {
  readonly name = 'sandbox' as const;
  readonly consumerReport = true;

  constructor(
    private readonly env: Env,
    private readonly clock: Clock,
  ) {}

  async start(): Promise<ProviderStart> {
    return {
      reference: `sbx_${randomBytes(12).toString('hex')}`,
      driveAfterMs: this.env.SANDBOX_CHECK_DELAY_MS,
      delayedJob: true,
    };
  }

  async advance(check: BackgroundCheck, volunteer: VolunteerIdentity): Promise<ProviderAdvance> {
    const dueAt = (check.startedAt?.getTime() ?? 0) + this.env.SANDBOX_CHECK_DELAY_MS;
    const wait = dueAt - this.clock.now().getTime();
    if (wait > 0) return { update: null, driveAgainInMs: wait, delayedJob: true };
    if (!check.providerReference) throw new ProviderError('sandbox check has no reference', false);

    const localPart = volunteer.email.split('@')[0];
    const body = JSON.stringify({
      // Deterministic: posting again after a lost answer is a repeat, not a second event.
      id: `evt_${check.providerReference}_completed`,
      type: SANDBOX_COMPLETED_EVENT,
      created: Math.floor(Date.now() / 1000),
      data: {
        reference: check.providerReference,
        result: localPart.includes('+consider') ? 'consider' : 'clear',
      },
    });
    const url = `${this.env.PUBLIC_URL.replace(/\/+$/, '')}/webhooks/background-checks/sandbox`;
    let status: number;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Puente-Sandbox-Webhook/1',
          'puente-signature': signPuenteWebhook(
            this.env.BACKGROUND_CHECK_WEBHOOK_SECRET,
            body,
            Math.floor(Date.now() / 1000),
          ),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      status = res.status;
      await res.arrayBuffer();
    } catch (err) {
      throw new ProviderError(
        `sandbox webhook could not be delivered (${(err as Error).name})`,
        true,
      );
    }
    if (status < 200 || status >= 300)
      throw new ProviderError(`sandbox webhook answered ${status}`, true);
    // The API completed the check while answering; drive again only if it somehow did not.
    return { update: null, driveAgainInMs: 60_000 };
  }

  parseWebhook(
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): ParsedWebhook {
    // Freshness is a property of the transport, so it is judged on the real clock, not Clock.
    const verdict = verifyPuenteSignature(
      this.env.BACKGROUND_CHECK_WEBHOOK_SECRET,
      header(headers, 'puente-signature'),
      rawBody,
      Math.floor(Date.now() / 1000),
    );
    if (verdict !== 'ok') throw new WebhookRejected(verdict);

    const event = parseJsonObject(rawBody);
    const eventId = nonEmptyString(event.id);
    const type = nonEmptyString(event.type, 64);
    if (!eventId || !type) throw new WebhookMalformed('id and type are required');
    if (type !== SANDBOX_COMPLETED_EVENT) return { eventId, type, lookup: null, update: null };

    const data = event.data as Record<string, unknown> | undefined;
    const reference = nonEmptyString(data?.reference, 120);
    const result = data?.result;
    if (!reference || (result !== 'clear' && result !== 'consider'))
      throw new WebhookMalformed('data.reference and data.result are required');
    return { eventId, type, lookup: { reference }, update: { kind: 'completed', result } };
  }
}
