import { Accounts1795728162470 } from './1795728162470-Accounts';
import { Outbox1795728356784 } from './1795728356784-Outbox';
import { NotificationsDelivery1795728717135 } from './1795728717135-NotificationsDelivery';
import { Trips1795728726655 } from './1795728726655-Trips';

/** Every migration, oldest first. A new migration must be added here too. */
export const migrations = [
  Accounts1795728162470,
  Outbox1795728356784,
  NotificationsDelivery1795728717135,
  Trips1795728726655,
];
