import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, pgliteSql, type Sql } from '@/server/storage';
import { freshPglite } from '@/server/storage/test-pglite';
import { SqlAuditStore } from './sql-store';

describe('the audit page on a long log', () => {
  const db = pgliteSql(freshPglite());
  /** The store's statements, to ask the planner how each one runs. */
  const seen: string[] = [];
  const spy: Sql = {
    ...db,
    query: (sql, params) => {
      seen.push(sql);
      return db.query(sql, params);
    },
  };
  const store = new SqlAuditStore(Promise.resolve(spy));

  beforeAll(async () => {
    await migrate(db, MIGRATIONS);
    // 50,000 entries of 50 users refreshing hosts: a busy server's log after a while.
    await db.exec(`INSERT INTO audit_log (actor, role, source, action, target, outcome, detail)
      SELECT 'user-' || (g % 50), 'operator', '127.0.0.1', 'hosts.refresh', 'h', 'ok', '{}'
      FROM generate_series(1, 50000) AS g`);
    await db.exec('ANALYZE audit_log');
  }, 60_000);
  afterAll(() => db.close());

  it.each([
    ['action', { action: 'users.remove' }, 'users.remove'],
    ['actor', { actor: 'nobody' }, 'nobody'],
  ])(
    'a page filtered by %s finds its rows through an index, not by reading the whole log',
    async (_what, filter, value) => {
      seen.length = 0;
      expect(await store.list({ limit: 5, ...filter })).toEqual([]);
      const [sql] = seen;
      const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, [value, 5]);
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index Scan Backward using audit_log_(action|actor) on audit_log/);
      expect(plan).not.toMatch(/Seq Scan/);
    },
  );

  it('a filtered page still comes newest first, and pages back with `before`', async () => {
    const first = await store.list({ limit: 3, actor: 'user-7' });
    expect(first.map((e) => e.actor)).toEqual(['user-7', 'user-7', 'user-7']);
    expect(first.map((e) => e.id)).toEqual([...first.map((e) => e.id)].sort((a, b) => b - a));
    const next = await store.list({ limit: 3, actor: 'user-7', before: first[2]?.id });
    expect(next[0]?.id).toBeLessThan(first[2]?.id ?? 0);
    expect(first[0]?.id).toBe(49_957);
  });
});
