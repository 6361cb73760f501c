import type { Migration } from './migrations';
import type { SqlRunner } from './sql';

/** Sorted migrations; throws on duplicate or missing numbers so a bad list never reaches a database. */
export function orderMigrations(migrations: Migration[]): Migration[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(
        `migrations must be numbered 1..n without gaps or duplicates; found ${m.version} at position ${i + 1}`,
      );
    }
  });
  return sorted;
}

/**
 * Apply the migrations not yet recorded in `schema_migrations`. Callers run it inside one
 * transaction (db.ts): a failing migration leaves the schema as it was, and in team mode a
 * second server waits on the same lock instead of applying them twice.
 */
export async function migrate(db: SqlRunner, migrations: Migration[]): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((r) => r.version));
  const ran: number[] = [];
  for (const m of orderMigrations(migrations)) {
    if (applied.has(m.version)) continue;
    await db.exec(m.sql);
    await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    ran.push(m.version);
  }
  return ran;
}
