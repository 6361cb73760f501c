import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One process per data directory: PGlite is an embedded database and two processes writing the
 * same files corrupt it. The holder writes `<dir>/lock` (pid, what, since); a lock whose pid is
 * gone is stale and taken over.
 */
export class DataDirBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: { pid: number; what: string; since: string },
  ) {
    super(
      `the data directory ${dir} is in use by ${holder.what} (pid ${holder.pid}, since ${holder.since}); stop it first, or make the change from the dashboard`,
    );
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export function lockDataDir(dir: string, what: string): () => void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'lock');
  const mine = JSON.stringify({ pid: process.pid, what, since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, mine, { flag: 'wx', mode: 0o600 });
      const release = () => {
        try {
          if (JSON.parse(readFileSync(file, 'utf8')).pid === process.pid) unlinkSync(file);
        } catch {}
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder: { pid: number; what: string; since: string } | null = null;
    try {
      holder = JSON.parse(readFileSync(file, 'utf8'));
    } catch {}
    // This process already holds it (a second open in the same process shares the database).
    if (holder?.pid === process.pid) return () => undefined;
    if (holder && Number.isInteger(holder.pid) && alive(holder.pid)) throw new DataDirBusyError(dir, holder);
    unlinkSync(file);
  }
  throw new Error(`cannot lock the data directory ${dir}`);
}
