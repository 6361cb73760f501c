import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LabHost, labUp, readLabState } from '@/scripts/lab/lab';
import { readSnapshotFile, SnapshotFile } from '@/server/core/snapshot-file';
import { createServices } from '@/server/services';
import { sha256Fingerprint } from '@/server/ssh';
import { openDatabase } from '@/server/storage';
import { freshPostgresUrl } from './postgres';

const BIN = join(process.cwd(), 'scripts', 'patchbay.mjs');
const dir = mkdtempSync(join(tmpdir(), 'pb-cli-'));
let aio: LabHost;

function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // An empty HOME keeps the operator's own ~/.ssh out of the test.
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, HOME: dir, SSH_AUTH_SOCK: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `snapshot <dest>` with the lab root key and the given known_hosts file, plus `extra`. */
const snapshot = (dest: string, knownHosts: string, ...extra: string[]) =>
  run(['snapshot', dest, '-i', aio.rootKeyPath, '--known-hosts', knownHosts, ...extra]);

beforeAll(async () => {
  await labUp(['openstack-aio']);
  const h = readLabState()?.hosts.find((x) => x.name === 'openstack-aio');
  if (!h) throw new Error('openstack-aio is not up');
  aio = h;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('patchbay snapshot --save', () => {
  it.each([
    ['the embedded database', async (): Promise<{ DATABASE_URL?: string }> => ({})],
    ['PostgreSQL (DATABASE_URL)', async () => ({ DATABASE_URL: await freshPostgresUrl() })],
  ])('saves the read in %s, where the dashboard lists it', { timeout: 120_000 }, async (_where, env) => {
    const dataDir = mkdtempSync(join(dir, 'data-'));
    const extra = await env();
    const r = await run(
      [
        'snapshot',
        `root@${aio.address}`,
        '-i',
        aio.rootKeyPath,
        '--known-hosts',
        aio.knownHostsPath,
        '--save',
        'nightly',
        '--note',
        'from cron',
      ],
      { PATCHBAY_DATA_DIR: dataDir, ...extra },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const id = /^saved snapshot "nightly" \(([0-9a-f-]{36})\)$/.exec(r.stdout.trim())?.[1];
    expect(id).toBeDefined();
    const db = openDatabase(dataDir, extra.DATABASE_URL);
    try {
      const services = createServices(db, dataDir);
      const { meta, models } = await services.snapshots.get(id ?? '');
      expect(meta).toMatchObject({ name: 'nightly', note: 'from cron', source: 'cli' });
      expect(models[0]?.ovs?.bridges.length).toBeGreaterThan(0);
    } finally {
      await (await db).close();
    }
  });
});

describe('patchbay snapshot', () => {
  it('says a read in part is partial: warning on stderr, exit 3, the parts in the file', async () => {
    // The lab's sudo user, without --sudo: OVSDB and the namespaces are out of its reach.
    const sudoUser = aio.users.sudo;
    const r = await run([
      'snapshot',
      `${sudoUser.user}@${aio.address}`,
      '-i',
      sudoUser.keyPath,
      '--known-hosts',
      aio.knownHostsPath,
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^patchbay: warning: .* was read in part: \d+ part\(s\) could not be read/);
    expect(r.stderr).toContain('ovsdb');
    expect(r.stderr).toContain('add --sudo');
    const file = SnapshotFile.parse(JSON.parse(r.stdout));
    expect(file.hosts[0]?.model.errors.length).toBeGreaterThan(0);
  });

  it('prints help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/usage: patchbay snapshot/);
  });

  it('writes a snapshot file of openstack-aio as JSON, relations resolved, that reads back as it is', async () => {
    const r = await snapshot(`root@${aio.address}`, aio.knownHostsPath, '--name', 'before upgrade');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const file = SnapshotFile.parse(JSON.parse(r.stdout));
    expect(file).toMatchObject({
      schemaVersion: 2,
      kind: 'patchbay-snapshot',
      generator: { name: 'patchbay', version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
      name: 'before upgrade',
      note: '',
      takenBy: expect.stringMatching(/^cli:/),
      source: 'cli',
    });
    expect(file.hosts).toHaveLength(1);
    const [host] = file.hosts;
    expect(host?.model.host).toBe(aio.address);
    expect(file.takenAt).toBe(host?.model.collectedAt);
    expect(host?.model.ovs?.bridges.map((b) => b.name)).toEqual(expect.arrayContaining(['br-int']));
    expect(host?.model.namespaces.length).toBeGreaterThan(1);
    expect(host?.relations.patchPairs).toContainEqual({
      a: 'iface:int-br-ex',
      b: 'iface:phy-br-ex',
      status: 'ok',
    });
    expect(readSnapshotFile(r.stdout)).toEqual({ ok: true, file, migratedFrom: null, warnings: [] });
  });

  it('refuses an unknown host key with one line naming the fingerprint and the flag, then accepts it when asked', async () => {
    const kh = join(dir, 'known_hosts');
    const refused = await snapshot(`root@${aio.address}`, kh);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain(aio.hostKeyFingerprint);
    expect(refused.stderr).toContain('--accept-new-host-key');

    const accepted = await snapshot(`root@${aio.address}`, kh, '--accept-new-host-key', '--pretty');
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/^\{\n {2}"schemaVersion"/);
    expect(readFileSync(kh, 'utf8')).toMatch(
      new RegExp(`^${aio.address.replaceAll('.', '\\.')} ssh-ed25519 `),
    );
  });

  it('refuses a changed host key even with --accept-new-host-key', async () => {
    // known_hosts pins some other key for this address.
    const kh = join(dir, 'known_hosts_changed');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'other')]);
    const [type, b64] = readFileSync(join(dir, 'other.pub'), 'utf8').split(' ');
    writeFileSync(kh, `${aio.address} ${type} ${b64}\n`);
    const r = await snapshot(`root@${aio.address}`, kh, '--accept-new-host-key');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/HOST KEY CHANGED/);
    expect(r.stderr).toContain(aio.hostKeyFingerprint);
    expect(r.stderr).toContain(sha256Fingerprint(Buffer.from(b64 ?? '', 'base64')));
    expect(r.stderr).toContain(`ssh-keygen -f ${kh} -R`);
  });

  it('honours ~/.ssh/config aliases and --sudo for a non-root user', async () => {
    copyFileSync(aio.knownHostsPath, join(dir, 'kh-copy'));
    const config = join(dir, 'ssh_config');
    writeFileSync(
      config,
      `Host aio-alias\n  HostName ${aio.address}\n  User ${aio.users.sudo.user}\n  IdentityFile ${aio.users.sudo.keyPath}\n`,
    );
    const r = await run([
      'snapshot',
      'aio-alias',
      '-F',
      config,
      '--sudo',
      '--known-hosts',
      join(dir, 'kh-copy'),
    ]);
    expect(r.stderr).toBe('');
    const file = SnapshotFile.parse(JSON.parse(r.stdout));
    // Named after the host as given on the command line when --name is absent.
    expect(file.name).toBe('aio-alias');
    expect(file.hosts[0]?.model.ovs?.bridges.length).toBeGreaterThan(0);
  });

  it('fails with one clear line when the host is unreachable', async () => {
    const r = await snapshot('root@127.0.0.1:1', aio.knownHostsPath);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^patchbay: cannot connect to 127\.0\.0\.1:1: connection refused \(ECONNREFUSED\)\n$/,
    );
  });
});

describe('the built CLI and its code cache (scripts/patchbay.mjs)', () => {
  const cli = join(process.cwd(), '.build', 'cli');
  /** The cache a snapshot run reads and writes for the bundle as it is now (named by its identity). */
  const snapshotCache = () => {
    const { mtimeMs, size } = statSync(join(cli, 'patchbay.cjs'));
    return join(cli, `snapshot.${Math.trunc(mtimeMs)}-${size}.v8cache`);
  };
  const readsAio = (r: { code: number | null; stdout: string; stderr: string }) => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(SnapshotFile.parse(JSON.parse(r.stdout)).hosts[0]?.model.ovs?.bridges.length).toBeGreaterThan(0);
  };

  it('keeps a cache per command after a run, and refuses and rewrites a damaged one without changing the output', async () => {
    readsAio(await snapshot(`root@${aio.address}`, aio.knownHostsPath));
    const cache = snapshotCache();
    expect(statSync(cache).size).toBeGreaterThan(10_000);
    // Garbage where the cache was: V8 refuses it, the command runs as without one, then writes it anew.
    const garbage = randomBytes(4096);
    writeFileSync(cache, garbage);
    readsAio(await snapshot(`root@${aio.address}`, aio.knownHostsPath));
    const rewritten = readFileSync(cache);
    expect(rewritten.equals(garbage)).toBe(false);
    expect(rewritten.length).toBeGreaterThan(10_000);
    // And the next run reads it.
    readsAio(await snapshot(`root@${aio.address}`, aio.knownHostsPath));
  });

  it('is rebuilt when a file it was built from changes, and not for any other file', async () => {
    const bundle = join(cli, 'patchbay.cjs');
    readsAio(await snapshot(`root@${aio.address}`, aio.knownHostsPath));
    const header = readFileSync(bundle, 'utf8').split('\n', 1)[0] ?? '';
    expect(header).toMatch(/^\/\/ patchbay-cli \{/);
    const { inputs } = JSON.parse(header.slice('// patchbay-cli '.length)) as { inputs: string[] };
    const input = 'scripts/cli/usage-error.ts';
    const other = 'scripts/cli/args.test.ts'; // beside it, but no part of the CLI
    expect(inputs).toContain(input);
    expect(inputs).toContain('package-lock.json');
    expect(inputs).not.toContain(other);
    const touch = (file: string) => {
      const now = new Date();
      utimesSync(join(process.cwd(), file), now, now);
    };
    const built = statSync(bundle).mtimeMs;
    touch(other);
    readsAio(await snapshot(`root@${aio.address}`, aio.knownHostsPath));
    expect(statSync(bundle).mtimeMs).toBe(built);
    touch(input);
    readsAio(await snapshot(`root@${aio.address}`, aio.knownHostsPath));
    expect(statSync(bundle).mtimeMs).toBeGreaterThan(built);
  });
});
