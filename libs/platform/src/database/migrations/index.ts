import { Accounts1795728162470 } from './1795728162470-Accounts';

/** Every migration, oldest first. A new migration must be added here too. */
export const migrations = [Accounts1795728162470];
