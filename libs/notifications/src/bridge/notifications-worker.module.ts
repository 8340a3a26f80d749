import { Module } from '@nestjs/common';
import { AccountsModule } from '@puente/accounts';
import { EmailDeliveryService } from '../delivery/email-delivery.service';
import { EmailSenderProcessor } from '../delivery/email-sender.processor';
import { OutboxSweeper } from '../delivery/outbox-sweeper.service';
import { RecipientDirectory } from '../delivery/recipient-directory';
import { RowClaims } from '../delivery/row-claims';
import { MailTransport } from '../mail/mail-transport';
import { NotificationsModule } from '../notifications.module';
import { AccountRecipientDirectory } from './account-recipient-directory';

/** The worker's email side: the send-email processor, the outbox sweep and the mail transport. */
@Module({
  imports: [NotificationsModule, AccountsModule],
  providers: [
    MailTransport,
    RowClaims,
    EmailDeliveryService,
    OutboxSweeper,
    EmailSenderProcessor,
    { provide: RecipientDirectory, useClass: AccountRecipientDirectory },
  ],
  exports: [EmailDeliveryService, OutboxSweeper],
})
export class NotificationsWorkerModule {}
