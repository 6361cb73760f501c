import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * Fresh in-memory PGlite databases for tests, without an initdb each. A new PGlite runs initdb in
 * WASM: 2.5-4 s on the 2-core CI machine, paid by every test file with a database (most of the
 * first test's time in a dozen files). Loading a cluster that initdb left, kept as a tar, takes
 * ~0.7 s. The cluster is empty (no migration applied): tests migrate it themselves as before.
 */

const require = createRequire(import.meta.url);

/** The kept cluster, named by PGlite's version (another version may not read it). */
function templatePath(): string {
  const pkg = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(pkg, 'utf8')) as { version: string };
  // In the checkout, not the shared /tmp, where another local user could plant a cluster.
  return resolve('node_modules/.cache/patchbay', `pglite-${version}-initdb.tar`);
}

/** Vitest's globalSetup: keeps a fresh cluster for freshPglite unless one is kept. */
export async function setup(): Promise<void> {
  const path = templatePath();
  if (existsSync(path)) return;
  const db = new PGlite();
  try {
    // Not before it is ready: a dump of a database still starting never settles, and the
    // process ends as if all had passed.
    await db.waitReady;
    const tar = Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer());
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, tar);
    renameSync(tmp, path);
  } finally {
    await db.close();
  }
}

/** A new, empty in-memory database: from the kept cluster when there is one, else by initdb. */
export function freshPglite(): PGlite {
  let tar: Uint8Array<ArrayBuffer>;
  try {
    tar = new Uint8Array(readFileSync(templatePath()));
  } catch {
    return new PGlite();
  }
  return new PGlite({ loadDataDir: new Blob([tar]) });
}
