import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import type { Sql } from './sql';

/** A test database with the current schema, as openDatabase leaves it (one transaction). */
export async function openMigrated(open: () => Promise<Sql>): Promise<Sql> {
  const db = await open();
  await db.transaction((tx) => migrate(tx, MIGRATIONS));
  return db;
}
