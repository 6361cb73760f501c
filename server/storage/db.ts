import { resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { dataDir, ensurePrivateDataDir, tightenTree } from './data-dir';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

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

/** Open (creating on first start) the PGlite database in `<dir>/pglite` and bring its schema up to date. */
export async function openDatabase(dir: string): Promise<PGlite> {
  privateUmask();
  ensurePrivateDataDir(dir);
  const db = await PGlite.create(resolve(dir, 'pglite'));
  await migrate(db, MIGRATIONS);
  // PGlite chmods the ~1000 files of a new database to 0666 whatever the umask (files PostgreSQL
  // creates later are 0600): close them again, silently, since this is expected.
  tightenTree(dir);
  return db;
}

const globalForDb = globalThis as typeof globalThis & { __patchbayDb?: Map<string, Promise<PGlite>> };

/** One database per data directory per process, kept on globalThis because Next.js may load this module twice. */
export function sharedDatabase(dir: string = dataDir()): Promise<PGlite> {
  globalForDb.__patchbayDb ??= new Map();
  let db = globalForDb.__patchbayDb.get(dir);
  if (!db) {
    db = openDatabase(dir);
    globalForDb.__patchbayDb.set(dir, db);
    db.catch(() => globalForDb.__patchbayDb?.delete(dir));
  }
  return db;
}
