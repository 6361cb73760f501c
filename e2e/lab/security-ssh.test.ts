/**
 * Security probe findings about what Patchbay sends where (issue 9), reproduced against a fake
 * sshd that logs every login attempt (e2e/lab/fake-sshd.ts, a child process) and real lab hosts:
 * a stored password never follows a changed address, host keys are pinned without logging in,
 * credentials only go to pinned hosts, and connection tests cannot scan ports or break refreshes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabHost } from '@/scripts/lab/lab';
import { HostInputError, HostRateLimitedError, HostService, type HostServiceOptions } from '@/server/hosts';
import { HostKeyUnknownError, pinnedKeyPolicy, SshAuthError, SshPool, type SshTarget } from '@/server/ssh';
import type { Sql } from '@/server/storage';
import { openDatabase, SecretBox, SqlHostStore } from '@/server/storage';
import { type FakeListeners, startFakeListeners } from './fake-listeners';
import { LAB_KEY_DIRS, labHost } from './hosts';

const tmp = mkdtempSync(join(tmpdir(), 'pb-sec-ssh-'));
const pool = new SshPool({
  agentSocket: undefined,
  sshConfigText: null,
  readyTimeoutMs: 2_000,
  keyDirs: LAB_KEY_DIRS,
});
let db: Sql;
let store: SqlHostStore;
/** On 127.0.0.1: fake sshds, an HTTP-ish port, a silent port, and 100 ports that hold sockets. */
let fake: FakeListeners;
/** A fake sshd on the lab bridge's address, reachable from lab hosts (for the jump host case). */
let labFake: FakeListeners;
let compute: LabHost;
let aio: LabHost;

const service = (opts: HostServiceOptions = {}) =>
  new HostService(store, pool, { refreshTimeoutMs: 10_000, testTimeoutMs: 5_000, ...opts });
const sshPort = (i: number) => fake.ports.ssh[i] as number;
const authAttempts = (f: FakeListeners, port: number) => f.events(port).filter((e) => e.event === 'auth');
const connections = (f: FakeListeners, port: number) => f.events(port).filter((e) => e.event === 'open');

beforeAll(async () => {
  compute = labHost('compute');
  aio = labHost('openstack-aio');
  const dbPromise = openDatabase(join(tmp, 'db'));
  db = await dbPromise;
  store = new SqlHostStore(dbPromise, SecretBox.openOrCreate(join(tmp, 'db')));
  fake = await startFakeListeners({
    logFile: join(tmp, 'fake.log'),
    counts: { ssh: 6, 'not-ssh': 1, silent: 1, hold: 100 },
    holdMs: 150,
  });
  labFake = await startFakeListeners({
    logFile: join(tmp, 'lab-fake.log'),
    bind: '198.18.0.1',
    counts: { ssh: 1 },
  });
});
afterAll(async () => {
  pool.closeAll();
  await fake?.stop();
  await labFake?.stop();
  await db?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('credentials only go to the host they were given for', () => {
  it('a fake sshd whose key is not pinned never receives the password; once pinned, it would', async () => {
    const port = sshPort(0);
    const secret = `pw-${Math.random().toString(36).slice(2)}`;
    const target: SshTarget = {
      id: 'fake-unpinned',
      name: 'fake',
      address: '127.0.0.1',
      port,
      user: 'victim',
      auth: { method: 'password', password: secret },
      hostKeys: pinnedKeyPolicy([]),
    };
    const refused = await pool.exec(target, 'true').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HostKeyUnknownError);
    expect((refused as HostKeyUnknownError).fingerprint).toBe(fake.fingerprint);
    expect(connections(fake, port)).toHaveLength(1);
    expect(authAttempts(fake, port)).toEqual([]);

    // The control: with the fake's key pinned, the same target does send the password (both ways),
    // so the empty log above means "not sent", not "not logged".
    const pins = [{ endpoint: `127.0.0.1:${port}`, fingerprint: fake.fingerprint, keyType: 'ssh-ed25519' }];
    const pinned = { ...target, id: 'fake-pinned', hostKeys: pinnedKeyPolicy(pins) };
    await expect(pool.exec(pinned, 'true')).rejects.toBeInstanceOf(SshAuthError);
    const sent = authAttempts(fake, port).map((e) => [e.method, e.password]);
    expect(sent).toContainEqual(['password', secret]);
    expect(sent).toContainEqual(['keyboard-interactive-answer', secret]);
  });

  it('moving a host elsewhere drops its password; test + trustHostKey there offer no credential', async () => {
    const port = sshPort(1);
    const pw = compute.users.password;
    if (!pw) throw new Error('lab host compute has no password user: rebuild it');
    const hosts = service();
    const added = await hosts.add({
      name: 'victim-pw',
      address: compute.address,
      port: compute.port,
      user: pw.user,
      auth: { method: 'password', password: pw.password },
    });
    await hosts.trustHostKey({ id: added.id, fingerprint: compute.hostKeyFingerprint });
    expect(await hosts.test(added.id)).toMatchObject({ ok: true });

    // The attack: point the host at the fake sshd, "keeping" the stored password.
    const moved = { ...added, id: added.id, address: '127.0.0.1', port };
    const err = await hosts.update({ ...moved, auth: { method: 'password' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostInputError);
    expect((err as Error).message).toMatch(/^the address, port changed: give the password again/);
    expect(await hosts.get(added.id)).toMatchObject({
      address: compute.address,
      auth: { hasPassword: true },
    });

    // Moved with a key path (not a secret): the password is gone, and neither the test nor the
    // key fetch of trustHostKey offers the fake anything.
    const keyed = await hosts.update({ ...moved, auth: { method: 'key', keyPath: compute.rootKeyPath } });
    expect(keyed.auth).toMatchObject({ method: 'key', hasPassword: false });
    const { rows } = await db.query<{ secrets_enc: string | null }>(
      'SELECT secrets_enc FROM hosts WHERE id = $1',
      [added.id],
    );
    expect(rows[0]?.secrets_enc).toBeNull();
    expect(await hosts.test(added.id)).toMatchObject({
      ok: false,
      error: { code: 'HOST_KEY_UNKNOWN', fingerprint: fake.fingerprint },
    });
    const trusted = await hosts.trustHostKey({ id: added.id, fingerprint: fake.fingerprint });
    expect(trusted.hostKeys.map((k) => k.endpoint)).toContain(`127.0.0.1:${port}`);
    expect(connections(fake, port)).toHaveLength(2);
    expect(authAttempts(fake, port)).toEqual([]);

    // Pinned now, by the operator's own decision: from here on the key is offered, no password.
    expect(await hosts.test(added.id)).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(authAttempts(fake, port).map((e) => e.method)).toEqual(['publickey']);
    expect(JSON.stringify(fake.events())).not.toContain(pw.password);
  });

  it('trustHostKey pins a key without building credentials (a missing key file does not matter)', async () => {
    const port = sshPort(2);
    const hosts = service();
    const host = await hosts.add({
      name: 'no-usable-key',
      address: '127.0.0.1',
      port,
      auth: { method: 'key', keyPath: join(LAB_KEY_DIRS[0] as string, 'no-such-key') },
    });
    const trusted = await hosts.trustHostKey({ id: host.id, fingerprint: fake.fingerprint });
    expect(trusted.hostKeys).toMatchObject([
      { endpoint: `127.0.0.1:${port}`, fingerprint: fake.fingerprint },
    ]);
    expect(authAttempts(fake, port)).toEqual([]);
  });

  it('through a jump host: the pinned jump logs in, the final hop only shows its key', async () => {
    const port = labFake.ports.ssh[0] as number;
    const hosts = service();
    const host = await hosts.add({
      name: 'behind-jump',
      address: '198.18.0.1',
      port,
      auth: { method: 'key', keyPath: aio.rootKeyPath },
      jumpHost: `root@${aio.address}`,
    });
    const jumpEndpoint = `${aio.address}:${aio.port}`;
    // The jump host's key is unknown first: trusting it does not log in to it either.
    expect(await hosts.test(host.id)).toMatchObject({
      ok: false,
      error: { code: 'HOST_KEY_UNKNOWN', endpoint: jumpEndpoint },
    });
    await hosts.trustHostKey({ id: host.id, fingerprint: aio.hostKeyFingerprint, endpoint: jumpEndpoint });
    expect(connections(labFake, port)).toEqual([]);
    // Through the (now authenticated) jump, the fake is reached and shows its key, nothing more.
    expect(await hosts.test(host.id)).toMatchObject({
      ok: false,
      error: { code: 'HOST_KEY_UNKNOWN', endpoint: `198.18.0.1:${port}`, fingerprint: labFake.fingerprint },
    });
    const trusted = await hosts.trustHostKey({ id: host.id, fingerprint: labFake.fingerprint });
    expect(trusted.hostKeys.map((k) => k.endpoint).sort()).toEqual(
      [`198.18.0.1:${port}`, jumpEndpoint].sort(),
    );
    const seen = connections(labFake, port);
    expect(seen).toHaveLength(2);
    expect(seen.every((e) => e.from === aio.address)).toBe(true);
    expect(authAttempts(labFake, port)).toEqual([]);
  });
});

describe('connection tests cannot scan ports or break refreshes', () => {
  it('20 concurrent tests of one host share one connection', async () => {
    const port = sshPort(3);
    const hosts = service();
    const host = await hosts.add({
      name: 'merged',
      address: '127.0.0.1',
      port,
      auth: { method: 'key', keyPath: compute.rootKeyPath },
    });
    const results = await Promise.all(Array.from({ length: 20 }, () => hosts.test(host.id)));
    for (const r of results) expect(r).toMatchObject({ ok: false, error: { code: 'HOST_KEY_UNKNOWN' } });
    expect(connections(fake, port)).toHaveLength(1);
  });

  it('tests of 100 hosts at once never hold more than 4 sockets', async () => {
    const hosts = service();
    const ids: string[] = [];
    for (const [i, port] of fake.ports.hold.entries()) {
      const h = await hosts.add({
        name: `scan-${i}`,
        address: '127.0.0.1',
        port,
        auth: { method: 'key', keyPath: compute.rootKeyPath },
      });
      ids.push(h.id);
    }
    const results = await Promise.all(ids.map((id) => hosts.test(id)));
    expect(results.every((r) => !r.ok)).toBe(true);
    const opens = fake.events().filter((e) => e.event === 'open' && e.kind === 'hold');
    expect(opens).toHaveLength(100);
    expect(Math.max(...opens.map((e) => e.open ?? 0))).toBeLessThanOrEqual(4);
  });

  it('tests are rate-limited per endpoint, with a typed error that says when to retry', async () => {
    const hosts = service();
    const limited = await hosts.add({
      name: 'limited',
      address: '127.0.0.1',
      port: sshPort(4),
      auth: { method: 'key', keyPath: compute.rootKeyPath },
    });
    for (let i = 0; i < 6; i++) {
      expect(await hosts.test(limited.id)).toMatchObject({ error: { code: 'HOST_KEY_UNKNOWN' } });
    }
    const err = await hosts.test(limited.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostRateLimitedError);
    expect((err as Error).message).toMatch(
      new RegExp(
        `^too many connection tests of 127\\.0\\.0\\.1:${sshPort(4)} \\(at most 6 per 60 s\\); retry in \\d+ s$`,
      ),
    );
    expect(connections(fake, sshPort(4))).toHaveLength(6);
    // Another endpoint is not affected.
    const other = await hosts.add({
      name: 'other-endpoint',
      address: '127.0.0.1',
      port: sshPort(5),
      auth: { method: 'key', keyPath: compute.rootKeyPath },
    });
    expect(await hosts.test(other.id)).toMatchObject({ error: { code: 'HOST_KEY_UNKNOWN' } });
  });

  it('a test beside a refresh never cuts the refresh off: 10 of 10 refreshes succeed', async () => {
    // This is about the pooled session, not the rate limit: allow every test.
    const hosts = service({ testRateLimit: { max: 1_000, windowMs: 60_000 } });
    const host = await hosts.add({
      name: 'busy',
      address: compute.address,
      port: compute.port,
      auth: { method: 'key', keyPath: compute.rootKeyPath },
    });
    await hosts.trustHostKey({ id: host.id, fingerprint: compute.hostKeyFingerprint });
    const refreshes = [];
    for (let i = 0; i < 10; i++) {
      const [refresh, test] = await Promise.all([hosts.refresh(host.id), hosts.test(host.id)]);
      expect(test).toMatchObject({ ok: true });
      refreshes.push(refresh);
    }
    expect(refreshes.filter((r) => r.ok)).toHaveLength(10);
    expect((await hosts.get(host.id)).lastRefresh).toMatchObject({ status: 'ok' });
  });

  it('for the admin, errors still tell a closed port, a non-SSH port and a silent one apart', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const a = s.address();
        s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
      });
    });
    const hosts = service({ testTimeoutMs: 4_000 });
    const testAt = async (name: string, port: number) => {
      const h = await hosts.add({
        name,
        address: '127.0.0.1',
        port,
        auth: { method: 'key', keyPath: compute.rootKeyPath },
      });
      return hosts.test(h.id);
    };
    const [refused, notSsh, silent] = await Promise.all([
      testAt('closed', closed),
      testAt('not-ssh', fake.ports['not-ssh'][0] as number),
      testAt('silent', fake.ports.silent[0] as number),
    ]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONNECT_FAILED' } });
    expect(!refused.ok && refused.error.message).toMatch(/connection refused/);
    expect(notSsh).toMatchObject({ ok: false, error: { code: 'CONNECT_FAILED' } });
    expect(!notSsh.ok && notSsh.error.message).not.toMatch(/connection refused/);
    expect(silent).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
  });
});
