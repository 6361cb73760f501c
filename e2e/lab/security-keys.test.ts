/**
 * Security probe findings about key files (issue 9): a key path from the API can name only a
 * small regular file inside the key dirs, every other path gets one answer (no oracle), none of
 * them can stall the server; and keys can be uploaded instead, sealed like passwords.
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabHost } from '@/scripts/lab/lab';
import { HostInputError, HostService } from '@/server/hosts';
import { SshPool } from '@/server/ssh';
import { ed25519Pair } from '@/server/ssh/keys.test-helper';
import type { Sql } from '@/server/storage';
import { openDatabase, SecretBox, SqlHostStore } from '@/server/storage';
import { LAB_KEY_DIRS, labHost } from './hosts';

const tmp = mkdtempSync(join(tmpdir(), 'pb-sec-keys-'));
/** A key dir of this test, next to the lab's: holds the FIFO, a directory and symlinks. */
const keys = join(tmp, 'keys');
const outside = join(tmp, 'outside');
const keyDirs = [...LAB_KEY_DIRS, keys];
const fifos = Array.from({ length: 8 }, (_, i) => join(keys, `fifo-${i}`));
const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, readyTimeoutMs: 3_000, keyDirs });
let db: Sql;
let store: SqlHostStore;
let hosts: HostService;
let compute: LabHost;
let nextPort = 20_000;

const uniform = (path: string) =>
  `key file ${path} is not usable: keys must be regular files of at most 64 KiB inside ${keyDirs.join(', ')}`;

beforeAll(async () => {
  compute = labHost('compute');
  mkdirSync(join(keys, 'a-directory'), { recursive: true });
  mkdirSync(outside);
  for (const f of fifos) execFileSync('mkfifo', [f]);
  // A perfectly good key, outside the key dirs.
  copyFileSync(compute.rootKeyPath, join(outside, 'id_copy'));
  symlinkSync('/etc/ssh/ssh_host_ed25519_key', join(keys, 'link-to-host-key'));
  symlinkSync(compute.rootKeyPath, join(keys, 'link-to-lab-key'));
  symlinkSync(outside, join(keys, 'link-to-outside'));
  const dbPromise = openDatabase(join(tmp, 'db'));
  db = await dbPromise;
  store = new SqlHostStore(dbPromise, SecretBox.openOrCreate(join(tmp, 'db')));
  hosts = new HostService(store, pool, { refreshTimeoutMs: 10_000, testTimeoutMs: 10_000 });
});
afterAll(async () => {
  pool.closeAll();
  // A reader stuck in open() on a FIFO (only possible without the fix) is released by a writer.
  for (const f of fifos) {
    try {
      closeSync(openSync(f, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {}
  }
  await db?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A host whose key file is `keyPath`; each on its own port so no rate limit is shared. */
async function hostWithKey(name: string, keyPath: string) {
  // The key is read before any connection is made: for an unusable path nothing is dialled.
  return hosts.add({ name, address: '127.0.0.1', port: nextPort++, auth: { method: 'key', keyPath } });
}

describe('key paths', () => {
  it.each([
    ['/dev/zero', () => '/dev/zero'],
    ['a FIFO in a key dir', () => fifos[0] as string],
    ['a directory in a key dir', () => join(keys, 'a-directory')],
    ['a missing file', () => join(keys, 'missing')],
    ['a symlink to the server host key', () => join(keys, 'link-to-host-key')],
    ['a symlink even to a usable key', () => join(keys, 'link-to-lab-key')],
    ['the server host key itself', () => '/etc/ssh/ssh_host_ed25519_key'],
    ['a good key outside the key dirs', () => join(outside, 'id_copy')],
    ['a .. way out of a key dir', () => `${keys}/../outside/id_copy`],
    ['a symlinked directory out of a key dir', () => join(keys, 'link-to-outside', 'id_copy')],
  ])('%s: the same answer, at once', async (what, pathOf) => {
    const path = pathOf();
    const host = await hostWithKey(`k-${what.replace(/[^a-z0-9]+/gi, '-')}`.slice(0, 60), path);
    const started = performance.now();
    const result = await hosts.test(host.id);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result).toEqual({ ok: false, error: { code: 'AUTH_FAILED', message: uniform(path) } });
  });

  it('FIFOs as key paths cannot stall the tests of other hosts', async () => {
    const good = await hosts.add({
      name: 'good',
      address: compute.address,
      port: compute.port,
      auth: { method: 'key', keyPath: compute.rootKeyPath },
    });
    await hosts.trustHostKey({ id: good.id, fingerprint: compute.hostKeyFingerprint });
    const stuck = await Promise.all(fifos.map((f, i) => hostWithKey(`fifo-host-${i}`, f)));
    const started = performance.now();
    const fifoTests = Promise.all(stuck.map((h) => hosts.test(h.id)));
    expect(await hosts.test(good.id)).toMatchObject({ ok: true });
    for (const [i, r] of (await fifoTests).entries()) {
      expect(r).toEqual({ ok: false, error: { code: 'AUTH_FAILED', message: uniform(fifos[i] as string) } });
    }
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('uploaded keys', () => {
  // No key dir at all: whatever works here cannot have come from a file on the server.
  const noFiles = new SshPool({
    agentSocket: undefined,
    sshConfigText: null,
    readyTimeoutMs: 3_000,
    keyDirs: [],
  });
  afterAll(() => noFiles.closeAll());

  it('log in, are never returned, are sealed at rest, and do not follow a changed address', async () => {
    const uploading = new HostService(store, noFiles, { refreshTimeoutMs: 10_000 });
    const privateKey = readFileSync(compute.rootKeyPath, 'utf8');
    const body = privateKey.split('\n')[2] as string;
    const host = await uploading.add({
      name: 'uploaded',
      address: compute.address,
      port: compute.port,
      auth: { method: 'key', privateKey },
    });
    expect(host.auth).toEqual({
      method: 'key',
      hasPassphrase: false,
      hasPassword: false,
      hasPrivateKey: true,
    });
    await uploading.trustHostKey({ id: host.id, fingerprint: compute.hostKeyFingerprint });
    const test = await uploading.test(host.id);
    expect(test).toMatchObject({ ok: true });
    expect(await uploading.refresh(host.id)).toMatchObject({ ok: true });
    // Kept on an update that leaves the connection alone.
    const relabelled = await uploading.update({
      ...host,
      id: host.id,
      auth: { method: 'key' },
      labels: ['x'],
    });
    expect(relabelled.auth.hasPrivateKey).toBe(true);
    expect(await uploading.refresh(host.id)).toMatchObject({ ok: true });
    const answers = [host, test, relabelled, await uploading.get(host.id), await uploading.list()];
    expect(JSON.stringify(answers)).not.toContain(body);
    const { rows } = await db.query<{ secrets_enc: string }>('SELECT secrets_enc FROM hosts WHERE id = $1', [
      host.id,
    ]);
    expect(rows[0]?.secrets_enc).toMatch(/^v1\./);
    expect(rows[0]?.secrets_enc).not.toContain(body);

    const moved = await uploading
      .update({ ...relabelled, id: host.id, port: 2222, auth: { method: 'key' } })
      .catch((e: unknown) => e);
    expect(moved).toBeInstanceOf(HostInputError);
    expect((moved as Error).message).toMatch(/^the port changed: give the private key again/);
  });

  it('must be usable private keys: public keys, garbage and a missing passphrase are refused', async () => {
    const { public: pub } = ed25519Pair();
    const { private: enc } = ed25519Pair({
      passphrase: 'secret words',
      cipher: 'aes256-ctr',
      rounds: 2,
    });
    const add = (name: string, auth: { method: 'key'; privateKey: string; passphrase?: string }) =>
      hosts.add({ name, address: compute.address, auth });
    const refusal = (name: string, privateKey: string) =>
      add(name, { method: 'key', privateKey }).then(
        () => 'accepted',
        (e: unknown) => (e instanceof HostInputError ? e.message : String(e)),
      );
    expect(await refusal('u-pub', pub)).toBe('the uploaded key is a public key: upload the private key');
    expect(await refusal('u-junk', 'not a key')).toBe(
      'the uploaded key is not a private key in OpenSSH or PEM format',
    );
    expect(await refusal('u-enc', enc)).toBe('the uploaded private key is encrypted: give its passphrase');
    const ok = await add('u-enc-ok', { method: 'key', privateKey: enc, passphrase: 'secret words' });
    expect(ok).toMatchObject({ auth: { hasPrivateKey: true, hasPassphrase: true } });
  });
});
