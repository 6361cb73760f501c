import { describe, expect, it } from 'vitest';
import { migrate, orderMigrations } from './migrate';
import { MIGRATIONS } from './migrations';
import { pgliteSql } from './sql';
import { freshPglite } from './test-pglite';

const m = (version: number) => ({ version, name: `m${version}`, sql: `CREATE TABLE t${version} (x int);` });

describe('orderMigrations', () => {
  it('sorts by number', () => {
    expect(orderMigrations([m(2), m(1), m(3)]).map((x) => x.version)).toEqual([1, 2, 3]);
  });
  it('rejects gaps and duplicates', () => {
    expect(() => orderMigrations([m(1), m(3)])).toThrow(/gaps/);
    expect(() => orderMigrations([m(1), m(1)])).toThrow(/duplicates/);
  });
  it('accepts the shipped list', () => {
    expect(orderMigrations(MIGRATIONS)).toHaveLength(MIGRATIONS.length);
  });
});

// PGlite runs initdb in WASM for each in-memory database: seconds on a busy 2-core machine.
describe('migrate', { timeout: 60_000 }, () => {
  it('applies pending migrations once, in order, and records them', async () => {
    const db = pgliteSql(freshPglite());
    expect(await migrate(db, [m(2), m(1)])).toEqual([1, 2]);
    expect(await migrate(db, [m(1), m(2), m(3)])).toEqual([3]);
    const { rows } = await db.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toEqual([1, 2, 3]);
    await db.close();
  });
  it('leaves the schema as it was when a migration fails inside the transaction', async () => {
    const db = pgliteSql(freshPglite());
    await migrate(db, [m(1)]);
    const bad = { version: 2, name: 'bad', sql: 'CREATE TABLE t9 (x int); SELECT nope;' };
    await expect(db.transaction((tx) => migrate(tx, [m(1), bad]))).rejects.toThrow();
    const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
    expect(rows.map((r) => r.version)).toEqual([1]);
    const t9 = await db.query("SELECT 1 FROM pg_tables WHERE tablename = 't9'");
    expect(t9.rows).toHaveLength(0);
    await db.close();
  });
});
