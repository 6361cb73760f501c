import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

/** `PATCHBAY_DATA_DIR`, default `.data/` under the working directory (the repo root for `npm start`). */
export function dataDir(): string {
  return resolve(/*turbopackIgnore: true*/ process.env.PATCHBAY_DATA_DIR ?? '.data');
}

/** Open (creating on first start) the PGlite database in `<dir>/pglite` and bring its schema up to date. */
export async function openDatabase(dir: string): Promise<PGlite> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const db = await PGlite.create(resolve(dir, 'pglite'));
  await migrate(db, MIGRATIONS);
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
