import { sql as hosts } from './0001-hosts';
import { sql as usersAudit } from './0002-users-audit';
import { sql as changes } from './0003-changes';
import { sql as snapshots } from './0004-snapshots';
import { sql as layouts } from './0005-layouts';
import { sql as auditFilters } from './0006-audit-filters';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, numbered; new ones append with the next number and never edit applied ones. */
export const MIGRATIONS: Migration[] = [
  { version: 1, name: 'hosts', sql: hosts },
  { version: 2, name: 'users-audit', sql: usersAudit },
  { version: 3, name: 'changes', sql: changes },
  { version: 4, name: 'snapshots', sql: snapshots },
  { version: 5, name: 'layouts', sql: layouts },
  { version: 6, name: 'audit-filters', sql: auditFilters },
];
