import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SshAuthError } from './errors';
import { defaultKeyDirs, MAX_KEY_BYTES, parseKeyDirs, readKeyFile } from './key-file';

// Real files in a temp dir: the checks are about what the file system says.
const root = mkdtempSync(join(tmpdir(), 'pb-keyfile-'));
const keys = join(root, 'keys');
const outside = join(root, 'outside');
mkdirSync(join(keys, 'sub'), { recursive: true });
mkdirSync(outside);
writeFileSync(join(keys, 'id_ok'), 'KEY DATA\n');
writeFileSync(join(keys, 'sub', 'id_sub'), 'SUB KEY\n');
writeFileSync(join(keys, 'too_big'), Buffer.alloc(MAX_KEY_BYTES + 1, 65));
writeFileSync(join(outside, 'id_out'), 'OUTSIDE KEY\n');
execFileSync('mkfifo', [join(keys, 'fifo')]);
symlinkSync(join(outside, 'id_out'), join(keys, 'link_out'));
symlinkSync(join(keys, 'id_ok'), join(keys, 'link_in'));
symlinkSync(outside, join(keys, 'dir_link'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const uniform = (path: string) =>
  `key file ${path} is not usable: keys must be regular files of at most 64 KiB inside ${keys}`;

describe('readKeyFile with key dirs', () => {
  it('reads a regular file inside a key dir, also in a subdirectory', async () => {
    expect((await readKeyFile(join(keys, 'id_ok'), [keys])).toString()).toBe('KEY DATA\n');
    expect((await readKeyFile(join(keys, 'sub', 'id_sub'), [keys])).toString()).toBe('SUB KEY\n');
  });

  it.each([
    ['missing', () => join(keys, 'nope')],
    ['a directory', () => join(keys, 'sub')],
    ['a FIFO', () => join(keys, 'fifo')],
    ['larger than 64 KiB', () => join(keys, 'too_big')],
    ['outside every key dir', () => join(outside, 'id_out')],
    ['a symlink out of the key dir', () => join(keys, 'link_out')],
    ['a symlink even to a key inside', () => join(keys, 'link_in')],
    ['under a symlinked directory', () => join(keys, 'dir_link', 'id_out')],
    ['a .. way out', () => `${keys}/sub/../../outside/id_out`],
    ['/dev/zero', () => '/dev/zero'],
    ['a server host key', () => '/etc/ssh/ssh_host_ed25519_key'],
    ['a relative path', () => 'keys/id_ok'],
  ])('%s: the same error, quickly', async (_what, pathOf) => {
    const path = pathOf();
    const started = performance.now();
    const err = await readKeyFile(path, [keys]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshAuthError);
    expect((err as Error).message).toBe(uniform(path));
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('a missing key dir allows nothing', async () => {
    const err = await readKeyFile(join(keys, 'id_ok'), [join(root, 'gone')]).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/is not usable/);
  });
});

describe('readKeyFile without key dirs (the CLI)', () => {
  it('reads any regular file and says why a path is unusable', async () => {
    expect((await readKeyFile(join(outside, 'id_out'), null)).toString()).toBe('OUTSIDE KEY\n');
    await expect(readKeyFile(join(keys, 'fifo'), null)).rejects.toThrow(/\(not a regular file\)/);
    await expect(readKeyFile(join(keys, 'nope'), null)).rejects.toThrow(/\(ENOENT\)/);
    await expect(readKeyFile('/dev/zero', null)).rejects.toThrow(/\(not a regular file\)/);
  });
});

describe('key dir settings', () => {
  it('parses PATCHBAY_KEY_DIRS and refuses relative entries', () => {
    expect(parseKeyDirs('/a:/b/../c::')).toEqual(['/a', '/c']);
    expect(() => parseKeyDirs('/a:rel')).toThrow(/"rel" is not an absolute path/);
  });
  it('defaults to ~/.ssh and <data dir>/keys', () => {
    const saved = process.env.PATCHBAY_DATA_DIR;
    process.env.PATCHBAY_DATA_DIR = '/srv/pb';
    try {
      expect(defaultKeyDirs('')).toEqual([expect.stringMatching(/\/\.ssh$/), '/srv/pb/keys']);
      expect(defaultKeyDirs('/k')).toEqual(['/k']);
    } finally {
      if (saved === undefined) delete process.env.PATCHBAY_DATA_DIR;
      else process.env.PATCHBAY_DATA_DIR = saved;
    }
  });
});
