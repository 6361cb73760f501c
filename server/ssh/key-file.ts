import { constants } from 'node:fs';
import { type FileHandle, open, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { dataDir } from '@/server/storage/data-dir';
import { SshAuthError } from './errors';

/** Larger than any real private key (an RSA-16384 key is about 12 KiB). */
export const MAX_KEY_BYTES = 64 * 1024;
const READ_TIMEOUT_MS = 2_000;

/**
 * Where key files named by a host record may live. `null` means anywhere: only for the
 * operator's own CLI, which reads the paths its user typed.
 */
export type KeyDirs = readonly string[] | null;

/** `PATCHBAY_KEY_DIRS`: colon-separated absolute directories. */
export function parseKeyDirs(text: string): string[] {
  const dirs = text
    .split(':')
    .map((d) => d.trim())
    .filter(Boolean);
  for (const d of dirs) {
    if (!isAbsolute(d)) throw new Error(`PATCHBAY_KEY_DIRS: "${d}" is not an absolute path`);
  }
  return dirs.map((d) => resolve(d));
}

/** `PATCHBAY_KEY_DIRS`, else the server user's `~/.ssh` and `<data dir>/keys`. */
export function defaultKeyDirs(env: string | undefined = process.env.PATCHBAY_KEY_DIRS): string[] {
  return env?.trim() ? parseKeyDirs(env) : [join(homedir(), '.ssh'), join(dataDir(), 'keys')];
}

const within = (path: string, root: string) =>
  path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);

/** Real paths of the key dirs that exist (a missing one allows nothing). */
async function realDirs(dirs: readonly string[]): Promise<string[]> {
  const found = await Promise.all(dirs.map((d) => realpath(d).catch(() => null)));
  return found.filter((d): d is string => d !== null);
}

/** Read the whole (small, regular) file, giving up after a deadline instead of holding a thread. */
async function readAll(handle: FileHandle, size: number): Promise<Buffer | null> {
  const buf = Buffer.alloc(size + 1);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((res) => {
    timer = setTimeout(() => res(null), READ_TIMEOUT_MS);
  });
  const read = (async () => {
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, total, buf.length - total, total);
      if (bytesRead === 0) return buf.subarray(0, total);
      total += bytesRead;
      // It grew past what fstat said: something other than a key file is being written there.
      if (total > size) return null;
    }
  })().catch(() => null);
  try {
    return await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Read a private key file named by a host record. Paths come from API callers, so every way a
 * path can be unusable (missing, a directory, a FIFO, a device, a symlink, outside the key dirs,
 * too large, unreadable) gives the same error: the answer must not tell what exists on the
 * server. The file is opened O_NONBLOCK (a FIFO cannot stall a libuv thread) and O_NOFOLLOW,
 * then fstat'd: only regular files of at most 64 KiB are read. With `dirs`, the real path of the
 * containing directory must lie inside a key dir's real path (no symlinked or `..` way out);
 * swapping a directory between that check and the open needs write access to a key dir.
 */
export async function readKeyFile(path: string, dirs: KeyDirs): Promise<Buffer> {
  const limits = `keys must be regular files of at most ${MAX_KEY_BYTES / 1024} KiB`;
  const unusable = (reason: string) =>
    new SshAuthError(
      dirs
        ? `key file ${path} is not usable: ${limits} inside ${dirs.join(', ')}`
        : // The CLI reads its own user's paths: the reason helps and tells nothing new.
          `key file ${path} is not usable (${reason}): ${limits}`,
    );
  if (!isAbsolute(path)) throw unusable('not an absolute path');
  if (dirs) {
    const parent = await realpath(dirname(path)).catch(() => null);
    const roots = await realDirs(dirs);
    if (!parent || !roots.some((root) => within(parent, root))) throw unusable('outside the key dirs');
  }
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    throw unusable((err as NodeJS.ErrnoException).code ?? 'cannot open');
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw unusable('not a regular file');
    if (st.size > MAX_KEY_BYTES) throw unusable('too large');
    const data = await readAll(handle, st.size);
    if (!data) throw unusable('unreadable');
    return data;
  } finally {
    await handle.close().catch(() => undefined);
  }
}
