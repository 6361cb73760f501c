import { resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { dataDir, ensurePrivateDataDir, tightenTree } from './data-dir';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { pgliteSql, postgresSql, type Sql } from './sql';

export { dataDir };

/**
 * PGlite's file system layer creates directories 0777 and files 0666, leaving only the process
 * umask between host secrets and other local users. A 077 umask makes everything this process
 * creates private to its user. It is process-wide on purpose: nothing the server writes
 * (database, secret.key) is meant for other users. Node refuses to change the umask from a
 * worker thread; the server, the CLI and the test runner's forks are main threads.
 */
function privateUmask(): void {
  if (isMainThread) process.umask(0o077);
}

/** `DATABASE_URL` when it names a PostgreSQL server (team mode); undefined = embedded PGlite. */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.DATABASE_URL?.trim();
  if (!url) return undefined;
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new Error(
      'DATABASE_URL must be a postgres:// or postgresql:// URL (unset it to use the embedded database)',
    );
  return url;
}

/** Any number of server processes may migrate at once in team mode: one does, the others wait for it. */
const MIGRATION_LOCK = 0x7061_7463; // "patc"

/** The pool team mode uses (also by the tests that run the stores on PostgreSQL). */
export function postgresPool(url: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // count(*) and bigserial ids come back as numbers, as they do from PGlite (all fit in 2^53).
    types: { getTypeParser: (oid, format) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)) },
  });
  // An idle connection the server drops must not crash the process; the next query reconnects.
  pool.on('error', (err) => console.error(`patchbay: database connection lost: ${err.message}`));
  return pool;
}

async function openPostgres(url: string): Promise<Sql> {
  const pool = postgresPool(url);
  const sql = postgresSql(pool);
  try {
    await sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await migrate(tx, MIGRATIONS);
    });
  } catch (err) {
    await pool.end().catch(() => {});
    throw new Error(`could not open the PostgreSQL database (DATABASE_URL): ${(err as Error).message}`);
  }
  return sql;
}

async function openPglite(dir: string): Promise<Sql> {
  const db = await PGlite.create(resolve(dir, 'pglite'));
  const sql = pgliteSql(db);
  await sql.transaction((tx) => migrate(tx, MIGRATIONS));
  // PGlite chmods the ~1000 files of a new database to 0666 whatever the umask (files PostgreSQL
  // creates later are 0600): close them again, silently, since this is expected.
  tightenTree(dir);
  return sql;
}

/**
 * Open the database and bring its schema up to date: the PostgreSQL server at `url` (team mode),
 * else PGlite in `<dir>/pglite` (created on first start). The data directory holds `secret.key`
 * in both modes.
 */
export async function openDatabase(dir: string, url: string | undefined = databaseUrl()): Promise<Sql> {
  privateUmask();
  ensurePrivateDataDir(dir);
  return url ? openPostgres(url) : openPglite(dir);
}

const globalForDb = globalThis as typeof globalThis & { __patchbayDb?: Map<string, Promise<Sql>> };

/** One database per data directory per process, kept on globalThis because Next.js may load this module twice. */
export function sharedDatabase(dir: string = dataDir()): Promise<Sql> {
  globalForDb.__patchbayDb ??= new Map();
  let db = globalForDb.__patchbayDb.get(dir);
  if (!db) {
    db = openDatabase(dir);
    globalForDb.__patchbayDb.set(dir, db);
    db.catch(() => globalForDb.__patchbayDb?.delete(dir));
  }
  return db;
}
