import { InjectQueue } from '@nestjs/bull';
import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Env, JOBS, QUEUES, type SendEmailJob } from '@puente/platform';
import type { Job, Queue } from 'bull';
import { EMAIL_BACKOFF_STRATEGY, retryDelayMs } from '../outbox/email-job';
import {
  EmailDeliveryService,
  TransientSendError,
  type DeliveryOutcome,
} from './email-delivery.service';
import { MailTransport } from '../mail/mail-transport';
import { OutboxSweeper } from './outbox-sweeper.service';

/**
 * Email queue timings. A killed worker's jobs are handed to another worker once their lock has
 * expired and a stalled-job check has seen them twice: about lockDuration + 2 × stalledInterval.
 * Locks are renewed every lockRenewTime while a send is in progress, so long sends are safe.
 */
const QUEUE_SETTINGS = { lockDuration: 10_000, lockRenewTime: 5_000, stalledInterval: 5_000 };

/**
 * Jobs in hand per SMTP connection. A job spends about as long being fetched, claimed, rendered
 * and committed as it does being sent; with twice as many jobs as connections, the next message is
 * ready whenever a connection frees up (the pool queues the rest). Measured with
 * `npm run bench email`: ~30% more emails per second than one job per connection.
 */
export const JOBS_PER_CONNECTION = 2;

/**
 * The worker side of email: processes `send-email` jobs with EMAIL_CONCURRENCY sends in flight
 * (the SMTP pool's connections) and JOBS_PER_CONNECTION times as many jobs in hand,
 * runs the outbox sweep, and on shutdown stops the sweep and lets the sends in hand finish before
 * the database and the SMTP pool close.
 */
@Injectable()
export class EmailSenderProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EmailSenderProcessor.name);

  constructor(
    @InjectQueue(QUEUES.email) private readonly queue: Queue<SendEmailJob>,
    private readonly delivery: EmailDeliveryService,
    private readonly sweeper: OutboxSweeper,
    private readonly transport: MailTransport,
    private readonly env: Env,
  ) {
    // The platform registers every queue with Bull's defaults; these belong to email. Set before
    // process() starts (constructors run before any lifecycle hook).
    const settings = (this.queue as unknown as { settings: Record<string, unknown> }).settings;
    Object.assign(settings, QUEUE_SETTINGS, {
      backoffStrategies: {
        ...(settings.backoffStrategies as object),
        // The delivery service has already recorded the delay on the row (next_attempt_at).
        [EMAIL_BACKOFF_STRATEGY]: (attemptsMade: number, err: unknown) =>
          err instanceof TransientSendError ? err.retryInMs : retryDelayMs(attemptsMade),
      },
    });
  }

  onApplicationBootstrap(): void {
    this.queue
      .process(
        JOBS.sendEmail,
        this.env.EMAIL_CONCURRENCY * JOBS_PER_CONNECTION,
        (job: Job<SendEmailJob>) => this.handle(job),
      )
      .catch((err: Error) => this.logger.error({ err: err.message }, 'email processing stopped'));
    this.sweeper.start();
    this.logger.log(
      `sending emails (${this.env.EMAIL_CONCURRENCY} at a time) to ${this.transport.describe()}`,
    );
  }

  async handle(job: Job<SendEmailJob>): Promise<DeliveryOutcome> {
    const outcome = await this.delivery.deliver(job.data.notificationId);
    if (outcome.status !== 'sent' && outcome.status !== 'skipped')
      this.logger.log({ notificationId: job.data.notificationId, ...outcome }, 'email not sent');
    return outcome;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.sweeper.stop();
    // Waits for the jobs in hand; the pool and the database close after this hook.
    await this.queue.close();
  }
}
