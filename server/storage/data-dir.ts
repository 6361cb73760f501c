import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** `PATCHBAY_DATA_DIR`, default `.data/` under the working directory (the repo root for `npm start`). */
export function dataDir(): string {
  return resolve(/*turbopackIgnore: true*/ process.env.PATCHBAY_DATA_DIR ?? '.data');
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/**
 * Removes group/other bits from everything under `path` (not following symlinks): files written
 * before the umask was tightened, copied in by hand, or chmod'ed 0666 by PGlite (its file system
 * layer sets the mode of the initial database files explicitly, so the umask alone does not
 * cover them). Returns how many entries changed.
 */
export function tightenTree(path: string): number {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return 0;
  let changed = 0;
  if ((st.mode & 0o077) !== 0) {
    chmodSync(path, st.mode & 0o700);
    changed++;
  }
  if (st.isDirectory()) {
    for (const name of readdirSync(path)) changed += tightenTree(join(path, name));
  }
  return changed;
}

/**
 * Makes the data directory private to the server's user: it holds the database (host secrets,
 * sessions) and `secret.key`. Created 0700; an existing looser directory, and anything under it
 * that group or others could read, is tightened with a warning on stderr.
 */
export function ensurePrivateDataDir(dir: string, warn: (line: string) => void = defaultWarn): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const before = lstatSync(dir).mode;
  const changed = tightenTree(dir);
  if ((before & 0o077) !== 0) {
    warn(`patchbay: data directory ${dir} had mode ${octal(before)}; tightened it to 0700`);
  }
  const files = changed - ((before & 0o077) !== 0 ? 1 : 0);
  if (files > 0) {
    warn(`patchbay: ${files} entries under ${dir} were readable by group or others; tightened them`);
  }
}

function defaultWarn(line: string): void {
  process.stderr.write(`${line}\n`);
}
