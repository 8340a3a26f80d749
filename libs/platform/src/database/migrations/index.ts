import { Accounts1795728162470 } from './1795728162470-Accounts';
import { Outbox1795728356784 } from './1795728356784-Outbox';
import { NotificationsDelivery1795728717135 } from './1795728717135-NotificationsDelivery';
import { Trips1795728726655 } from './1795728726655-Trips';
import { Safeguarding1795729071378 } from './1795729071378-Safeguarding';
import { ProfileGuardian1795729071379 } from './1795729071379-ProfileGuardian';
import { Internships1795729150000 } from './1795729150000-Internships';

/** Every migration, oldest first. A new migration must be added here too. */
export const migrations = [
  Accounts1795728162470,
  Outbox1795728356784,
  NotificationsDelivery1795728717135,
  Trips1795728726655,
  Safeguarding1795729071378,
  ProfileGuardian1795729071379,
  Internships1795729150000,
];
