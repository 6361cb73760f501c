import type { PGlite } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';

export interface SqlResult<T> {
  rows: T[];
  /** Rows an INSERT/UPDATE/DELETE touched. */
  affected: number;
}

/** What stores need of a connection: parameterised queries ($1…) and scripts (migrations). */
export interface SqlRunner {
  query<T>(sql: string, params?: unknown[]): Promise<SqlResult<T>>;
  exec(sql: string): Promise<void>;
}

/**
 * The database behind every store: embedded PGlite (one process, a data directory) or a
 * PostgreSQL server (`DATABASE_URL`, team mode). Both speak the same SQL, so the stores and the
 * migrations are written once; only this adapter knows which one runs.
 */
export interface Sql extends SqlRunner {
  readonly backend: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<R>(fn: (tx: SqlRunner) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

const pgliteRunner = (db: Pick<PGlite, 'query' | 'exec'>): SqlRunner => ({
  async query<T>(sql: string, params: unknown[] = []) {
    const res = await db.query<T>(sql, params);
    return { rows: res.rows, affected: res.affectedRows ?? 0 };
  },
  async exec(sql: string) {
    await db.exec(sql);
  },
});

export function pgliteSql(db: PGlite): Sql {
  return {
    backend: 'pglite',
    ...pgliteRunner(db),
    transaction: (fn) => db.transaction((tx) => fn(pgliteRunner(tx))),
    close: () => db.close(),
  };
}

const pgRunner = (db: Pool | PoolClient): SqlRunner => ({
  async query<T>(sql: string, params: unknown[] = []) {
    // pg turns JS arrays into PostgreSQL arrays; the stores pass JSON as strings already.
    const res = await db.query(sql, params);
    return { rows: res.rows as T[], affected: res.rowCount ?? 0 };
  },
  async exec(sql: string) {
    await db.query(sql);
  },
});

export function postgresSql(pool: Pool): Sql {
  return {
    backend: 'postgres',
    ...pgRunner(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(pgRunner(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
