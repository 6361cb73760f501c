import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensurePrivateDataDir } from './data-dir';
import { openDatabase } from './db';
import { SecretBox } from './secret-box';

const root = mkdtempSync(join(tmpdir(), 'pb-datadir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Every path under `dir` (the dir itself included) with its permission bits. */
function modes(dir: string): [string, number][] {
  const out: [string, number][] = [[dir, modeOf(dir)]];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isSymbolicLink()) out.push([path, modeOf(path)]);
  }
  return out;
}

describe('data directory permissions', { timeout: 60_000 }, () => {
  it('a new data dir, its database files and secret.key are private to the server user', async () => {
    const dir = join(root, 'fresh');
    const db = await openDatabase(dir);
    SecretBox.openOrCreate(dir);
    await db.close();
    const all = modes(dir);
    // PGlite writes about a thousand files; each must be closed to group and others.
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter(([, mode]) => (mode & 0o077) !== 0)).toEqual([]);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(join(dir, 'secret.key'))).toBe(0o600);
  });

  it('tightens an existing 0755 data dir and what group/others could read in it, with a warning', () => {
    const dir = join(root, 'loose');
    mkdirSync(join(dir, 'pglite', 'base'), { recursive: true });
    writeFileSync(join(dir, 'pglite', 'base', 'table'), 'rows');
    writeFileSync(join(dir, 'private'), 'x');
    // chmod, not the mode option: the umask would mask the looseness this test needs.
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'pglite'), 0o777);
    chmodSync(join(dir, 'pglite', 'base', 'table'), 0o666);
    chmodSync(join(dir, 'private'), 0o600);
    const warnings: string[] = [];
    ensurePrivateDataDir(dir, (line) => warnings.push(line));
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(join(dir, 'pglite'))).toBe(0o700);
    expect(modeOf(join(dir, 'pglite', 'base', 'table'))).toBe(0o600);
    expect(modeOf(join(dir, 'private'))).toBe(0o600);
    expect(warnings).toEqual([
      `patchbay: data directory ${dir} had mode 0755; tightened it to 0700`,
      `patchbay: 2 entries under ${dir} were readable by group or others; tightened them`,
    ]);
    const again: string[] = [];
    ensurePrivateDataDir(dir, (line) => again.push(line));
    expect(again).toEqual([]);
  });
});
