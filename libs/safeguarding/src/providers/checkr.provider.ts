import { Injectable } from '@nestjs/common';
import { Env } from '@puente/platform';
import type { BackgroundCheck } from '../entities/background-check.entity';
import {
  BackgroundCheckProvider,
  EventLookup,
  header,
  nonEmptyString,
  ParsedWebhook,
  parseJsonObject,
  ProviderAdvance,
  ProviderError,
  ProviderStart,
  ProviderUpdate,
  VolunteerIdentity,
  WebhookMalformed,
  WebhookRejected,
} from './background-check-provider';
import { CheckrClient } from './checkr.client';
import { hmacHex, signaturesMatch } from './webhook-signature';

/** Checkr is polled this often for a check still in progress, in case a webhook was lost. */
export const CHECKR_POLL_MS = 6 * 60 * 60 * 1000;

/**
 * Checkr: a candidate, then an invitation whose hosted page collects the volunteer's consent and
 * personal data (so Puente never sees an SSN), then a report. Webhooks report the outcome.
 */
@Injectable()
export class CheckrProvider implements BackgroundCheckProvider {
  readonly name = 'checkr' as const;
  readonly consumerReport = true;

  constructor(
    private readonly env: Env,
    private readonly client: CheckrClient,
  ) {}

  async start(
    check: BackgroundCheck,
    volunteer: VolunteerIdentity,
    persist: (patch: Partial<BackgroundCheck>) => Promise<void>,
  ): Promise<ProviderStart> {
    let candidateId = check.providerReference;
    if (!candidateId) {
      const [firstName, ...rest] = volunteer.name.trim().split(/\s+/);
      const candidate = await this.client.createCandidate({
        email: volunteer.email,
        firstName,
        lastName: rest.join(' ') || firstName,
        customId: check.id,
      });
      if (!nonEmptyString(candidate?.id, 120))
        throw new ProviderError('checkr answered a candidate without an id', true);
      candidateId = candidate.id;
      await persist({ providerReference: candidateId });
    }
    const invitation = await this.client.createInvitation({
      candidateId,
      package: this.env.CHECKR_PACKAGE,
    });
    if (!nonEmptyString(invitation?.id, 120) || !nonEmptyString(invitation.invitation_url, 1000))
      throw new ProviderError('checkr answered an invitation without an id or URL', true);
    return {
      reference: candidateId,
      invitationId: invitation.id,
      consentUrl: invitation.invitation_url,
      driveAfterMs: CHECKR_POLL_MS,
      delayedJob: false,
    };
  }

  async advance(check: BackgroundCheck): Promise<ProviderAdvance> {
    if (check.providerReportId) {
      const report = await this.client.getReport(check.providerReportId);
      return { update: reportUpdate(report.status, report.result), driveAgainInMs: CHECKR_POLL_MS };
    }
    if (check.providerInvitationId) {
      const inv = await this.client.getInvitation(check.providerInvitationId);
      const reportId = nonEmptyString(inv.report_id, 120);
      const update: ProviderUpdate | null =
        inv.status === 'expired'
          ? { kind: 'cancelled', reason: 'invitation_expired' }
          : reportId
            ? { kind: 'report_started', reportId }
            : null;
      return { update, driveAgainInMs: CHECKR_POLL_MS };
    }
    return { update: null, driveAgainInMs: CHECKR_POLL_MS };
  }

  parseWebhook(
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): ParsedWebhook {
    const secret = this.env.CHECKR_WEBHOOK_SECRET;
    if (!secret) throw new WebhookRejected('CHECKR_WEBHOOK_SECRET is not set');
    const given = header(headers, 'x-checkr-signature');
    if (!given) throw new WebhookRejected('missing');
    if (!signaturesMatch(hmacHex(secret, rawBody), given.trim()))
      throw new WebhookRejected('mismatch');

    const event = parseJsonObject(rawBody);
    const eventId = nonEmptyString(event.id);
    const type = nonEmptyString(event.type, 64);
    if (!eventId || !type) throw new WebhookMalformed('id and type are required');
    const object = (event.data as { object?: Record<string, unknown> } | undefined)?.object;
    const objectId = nonEmptyString(object?.id, 120);
    const ignored: ParsedWebhook = { eventId, type, lookup: null, update: null };

    if (type.startsWith('report.')) {
      if (!objectId || object?.object !== 'report') return ignored;
      const lookup: EventLookup = { reportId: objectId };
      const candidateId = nonEmptyString(object.candidate_id, 120);
      if (candidateId) lookup.reference = candidateId;
      const update =
        type === 'report.completed' || type === 'report.complete'
          ? reportUpdate('complete', object.result)
          : type === 'report.suspended'
            ? reportUpdate('suspended', null)
            : type === 'report.canceled'
              ? reportUpdate('canceled', null)
              : null;
      if (update?.kind === 'completed') update.reportId = objectId;
      // Without include_object Checkr sends only the report's id: fetch the outcome instead.
      if (!update && (type === 'report.completed' || type === 'report.complete'))
        return { eventId, type, lookup, update: { kind: 'poll', reportId: objectId } };
      return { eventId, type, lookup, update };
    }
    if (type === 'invitation.expired' || type === 'invitation.completed') {
      if (!objectId || object?.object !== 'invitation') return ignored;
      const reportId = nonEmptyString(object.report_id, 120);
      const update: ProviderUpdate | null =
        type === 'invitation.expired'
          ? { kind: 'cancelled', reason: 'invitation_expired' }
          : reportId
            ? { kind: 'report_started', reportId }
            : null;
      return { eventId, type, lookup: { invitationId: objectId }, update };
    }
    return ignored;
  }
}

function reportUpdate(status: string, result: unknown): ProviderUpdate | null {
  if (status === 'complete' && (result === 'clear' || result === 'consider'))
    return { kind: 'completed', result };
  if (status === 'suspended') return { kind: 'suspended' };
  if (status === 'canceled') return { kind: 'cancelled', reason: 'report_canceled' };
  return null;
}
