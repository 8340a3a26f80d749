import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, NotFoundError } from '@puente/platform';
import { DataSource, EntityManager } from 'typeorm';
import { BackgroundCheck } from '../entities/background-check.entity';
import { WebhookEvent } from '../entities/webhook-event.entity';
import {
  EventLookup,
  ParsedWebhook,
  WebhookMalformed,
  WebhookRejected,
} from '../providers/background-check-provider';
import { ProviderRegistry } from '../providers/provider-registry';
import { CheckJobs } from './check-jobs';
import { CheckTransitions } from './check-transitions.service';
import { SafeguardingEmails } from './safeguarding-emails';

export type WebhookOutcome = 'processed' | 'duplicate' | 'ignored' | 'unmatched';

/**
 * Provider webhooks: verified over the raw body before anything is read, processed once per
 * event id, and trusted only for what the signature covers. Logs carry the type, never details.
 */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger(WebhooksService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly providers: ProviderRegistry,
    private readonly transitions: CheckTransitions,
    private readonly emails: SafeguardingEmails,
    private readonly jobs: CheckJobs,
  ) {}

  async handle(
    providerName: string,
    rawBody: Buffer | undefined,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<WebhookOutcome> {
    const provider = this.providers.webhookProvider(providerName);
    if (!provider) throw new NotFoundError('Webhook provider');
    let event: ParsedWebhook;
    try {
      if (!rawBody) throw new WebhookRejected('no raw body to verify');
      event = provider.parseWebhook(rawBody, headers);
    } catch (err) {
      if (err instanceof WebhookRejected) {
        this.logger.warn({ provider: providerName, why: err.why }, 'webhook refused');
        throw new DomainError(
          HttpStatus.UNAUTHORIZED,
          'Invalid webhook signature',
          'BAD_SIGNATURE',
        );
      }
      if (err instanceof WebhookMalformed)
        throw new DomainError(HttpStatus.BAD_REQUEST, err.message, 'MALFORMED_EVENT');
      throw err;
    }

    let pollCheckId: string | null = null;
    const { outcome, sent } = await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(WebhookEvent)
        .values({ provider: provider.name, eventId: event.eventId, type: event.type })
        .orIgnore()
        .returning(['event_id'])
        .execute();
      if (!(inserted.raw as unknown[]).length) return { outcome: 'duplicate' as const, sent: [] };
      if (!event.update || !event.lookup) return { outcome: 'ignored' as const, sent: [] };
      const check = await this.find(manager, provider.name, event.lookup);
      if (!check) return { outcome: 'unmatched' as const, sent: [] };
      const sent = await this.transitions.apply(manager, check, event.update);
      if (event.update.kind === 'poll') pollCheckId = check.id;
      return { outcome: 'processed' as const, sent };
    });
    await this.emails.dispatch(sent);
    if (pollCheckId) await this.jobs.step(pollCheckId, `poll:${event.eventId}`);
    if (outcome === 'ignored' || outcome === 'unmatched')
      this.logger.log(
        { provider: provider.name, type: event.type, outcome },
        'webhook acknowledged',
      );
    return outcome;
  }

  /** The check the provider's own identifiers point to (report, then invitation, then reference). */
  private async find(
    manager: EntityManager,
    provider: string,
    lookup: EventLookup,
  ): Promise<BackgroundCheck | null> {
    const attempts: [string, string | undefined][] = [
      ['provider_report_id', lookup.reportId],
      ['provider_invitation_id', lookup.invitationId],
      ['provider_reference', lookup.reference],
    ];
    for (const [column, value] of attempts) {
      if (!value) continue;
      const row = (await manager.query(
        `SELECT id FROM background_checks WHERE provider = $1 AND ${column} = $2
         ORDER BY requested_at DESC LIMIT 1`,
        [provider, value],
      )) as { id: string }[];
      if (row.length) return this.transitions.lock(manager, row[0].id);
    }
    return null;
  }
}
