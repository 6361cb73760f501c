import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LabHost, labHostExec, labHostRotateHostKey, labUp, readLabState } from '@/scripts/lab/lab';
import { labSshTarget } from '@/scripts/lab/ssh-target';
import {
  HostKeyChangedError,
  HostKeyUnknownError,
  pinnedKeyPolicy,
  SshPool,
  type SshTarget,
  SshTimeoutError,
  SudoPasswordRequiredError,
} from '@/server/ssh';
import { LAB_KEY_DIRS } from './hosts';

let aio: LabHost;
let compute: LabHost;
let empty: LabHost;
const pool = new SshPool({
  agentSocket: undefined,
  sshConfigText: null,
  maxChannels: 4,
  keyDirs: LAB_KEY_DIRS,
});

const lab = (name: string): LabHost => {
  const h = readLabState()?.hosts.find((x) => x.name === name);
  if (!h) throw new Error(`lab host ${name} is not up`);
  return h;
};

const rootTarget = labSshTarget;

beforeAll(async () => {
  await labUp(['openstack-aio', 'compute', 'empty']);
  aio = lab('openstack-aio');
  compute = lab('compute');
  empty = lab('empty');
});
afterAll(() => pool.closeAll());

describe('ssh pool against lab hosts', () => {
  it('connects with a key and reports the host key the lab generated', async () => {
    const r = await pool.exec(rootTarget(aio), 'id -un; ovs-vsctl br-exists br-int && echo has-br-int');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('root\nhas-br-int\n');
    expect(r.bytes).toBe(Buffer.byteLength(r.stdout));
    const { hostKey } = await pool.session(rootTarget(aio));
    expect(hostKey.fingerprint).toBe(aio.hostKeyFingerprint);
  });

  it('refuses an unknown host key until it is pinned, then works', async () => {
    const unknown = { ...rootTarget(compute, 'tofu'), hostKeys: pinnedKeyPolicy([]) };
    const err = await pool.exec(unknown, 'true').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostKeyUnknownError);
    const { fingerprint, keyType, endpoint } = err as HostKeyUnknownError;
    expect(fingerprint).toBe(compute.hostKeyFingerprint);
    expect(endpoint).toBe(`${compute.address}:${compute.port}`);
    const pinned = { ...unknown, hostKeys: pinnedKeyPolicy([{ endpoint, fingerprint, keyType }]) };
    expect((await pool.exec(pinned, 'hostname')).code).toBe(0);
  });

  it('keeps one pooled session and bounds concurrent channels', async () => {
    const t = rootTarget(aio, 'parallel');
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => pool.exec(t, `sleep 0.3; echo ${i}`)),
    );
    expect(results.map((r) => Number(r.stdout))).toEqual(Array.from({ length: 12 }, (_, i) => i));
    // 12 commands over 4 channels need at least 3 rounds of 0.3 s.
    expect(performance.now() - started).toBeGreaterThan(900);
  });

  it('times a command out, kills its channel, and the session stays usable', async () => {
    const t = rootTarget(aio, 'timeout');
    await pool.exec(t, 'true');
    const started = performance.now();
    const err = await pool.exec(t, 'sleep 30', { timeoutMs: 500 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshTimeoutError);
    expect((err as Error).message).toMatch(/timed out after 500 ms/);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect((await pool.exec(t, 'echo still-here')).stdout).toBe('still-here\n');
  });

  it('reconnects by itself after the pooled session is dropped', async () => {
    const t = rootTarget(compute, 'drop');
    const before = await pool.exec(t, 'echo $SSH_CONNECTION');
    const clientPort = before.stdout.split(' ')[1];
    // Kill exactly the sshd process serving this session (found by our client port), by pid.
    const killed = await labHostExec('compute', [
      'sh',
      '-c',
      `pid=$(ss -Htnp state established "( sport = :22 and dport = :${clientPort} )" | sed -n 's/.*pid=\\([0-9]*\\).*/\\1/p' | head -n1); kill "$pid" && echo "$pid"`,
    ]);
    expect(killed.stdout.trim()).toMatch(/^\d+$/);
    await new Promise((r) => setTimeout(r, 300));
    const after = await pool.exec(t, 'echo $SSH_CONNECTION');
    expect(after.code).toBe(0);
    expect(after.stdout.split(' ')[1]).not.toBe(clientPort);
  });

  it('passes stdin through and quotes sudo commands for non-root users', async () => {
    const t: SshTarget = {
      ...rootTarget(aio, 'sudo'),
      user: aio.users.sudo.user,
      auth: { method: 'key', keyPath: aio.users.sudo.keyPath },
      useSudo: true,
    };
    const r = await pool.exec(t, "id -un; printf '%s\\n' \"it's $(echo quoted)\"; cat", { stdin: 'piped' });
    expect(r.stdout).toBe("root\nit's quoted\npiped");
  });

  it('explains a sudo that needs a password', async () => {
    const t: SshTarget = {
      ...rootTarget(aio, 'sudo-pw'),
      user: aio.users.sudoPassword.user,
      auth: { method: 'key', keyPath: aio.users.sudoPassword.keyPath },
      useSudo: true,
    };
    const err = await pool.exec(t, 'true').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SudoPasswordRequiredError);
    expect((err as Error).message).toContain(
      `sudo on openstack-aio requires a password for ${aio.users.sudoPassword.user}; configure NOPASSWD`,
    );
  });

  it('reaches a host through a jump host, checking both host keys', async () => {
    const t: SshTarget = { ...rootTarget(compute, 'jump'), jumpHost: `root@${aio.address}` };
    const r = await pool.exec(t, 'cat /proc/sys/kernel/hostname; echo $SSH_CONNECTION');
    // The target sees the connection coming from the jump host's address.
    expect(r.stdout.split('\n')[1]?.split(' ')[0]).toBe(aio.address);
  });

  it('refuses a rotated host key and shows both fingerprints', async () => {
    const t = { ...rootTarget(empty, 'rotate'), hostKeys: pinnedKeyPolicy([]) };
    const first = (await pool.exec(t, 'true').catch((e: unknown) => e)) as HostKeyUnknownError;
    const pins = [{ endpoint: first.endpoint, fingerprint: first.fingerprint, keyType: first.keyType }];
    const pinned = { ...t, hostKeys: pinnedKeyPolicy(pins) };
    await pool.exec(pinned, 'true');
    pool.close(pinned.id);
    const { before, after } = await labHostRotateHostKey('empty');
    expect(before).toBe(first.fingerprint);
    const err = await pool.exec(pinned, 'true').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostKeyChangedError);
    expect((err as Error).message).toContain(before);
    expect((err as Error).message).toContain(after);
    expect((err as Error).message).toMatch(/trust it again/);
    // The lab rewrote its known_hosts, so the known_hosts policy accepts the new key.
    expect((await pool.exec(rootTarget(lab('empty'), 'rotated'), 'true')).code).toBe(0);
  });
});
