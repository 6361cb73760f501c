import { sql as hosts } from './0001-hosts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, numbered; new ones append with the next number and never edit applied ones. */
export const MIGRATIONS: Migration[] = [{ version: 1, name: 'hosts', sql: hosts }];
