import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  labHostExec,
  labHostRotateHostKey,
  labHostStartSshd,
  labHostStopSshd,
  labStatus,
} from '@/scripts/lab/lab';
import { compileScenario, readScenarioDocument } from '@/scripts/lab/scenario';
import type { Scenario } from '@/scripts/lab/scenario-schema';
import { labHost } from './hosts';

const exec = promisify(execFile);

/** Run a shell command on a lab host over real SSH, trusting only the lab's known_hosts. */
async function ssh(name: string, command: string, user: 'root' | 'sudo' | 'sudoPassword' = 'root') {
  const h = labHost(name);
  const u = h.users[user];
  const args = [
    '-i',
    u.keyPath,
    '-o',
    `UserKnownHostsFile=${h.knownHostsPath}`,
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'IdentitiesOnly=yes',
    '-p',
    String(h.port),
    `${u.user}@${h.address}`,
    command,
  ];
  try {
    const r = await exec('ssh', args, { timeout: 30_000 });
    return { stdout: r.stdout, stderr: r.stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; code?: number };
    return {
      stdout: err.stdout ?? '',
      stderr: err.stderr ?? '',
      code: typeof err.code === 'number' ? err.code : 255,
    };
  }
}

function declared(name: string): Scenario {
  const h = labHost(name);
  return compileScenario(readScenarioDocument(h.scenario), h.address, () => '0.0.0.0');
}

describe('lab hosts', () => {
  it('are healthy and each has its own host key', async () => {
    const status = await labStatus();
    for (const name of ['openstack-aio', 'compute', 'empty'])
      expect(status.find((h) => h.name === name)).toMatchObject({ sshd: true, ovsdb: true });
    expect(new Set(status.map((h) => h.hostKeyFingerprint)).size).toBe(status.length);
  });

  it('`lab status` prints each host key fingerprint, to compare before trusting it', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/lab/cli.ts', 'status']);
    for (const h of await labStatus()) {
      const line = stdout.split('\n').find((l) => l.startsWith(`${h.name} `));
      expect(line).toContain(`hostkey=${h.hostKeyFingerprint}`);
    }
  });

  it('openstack-aio: ovs-vsctl shows every declared bridge, port and patch peer', async () => {
    const r = await ssh('openstack-aio', 'ovs-vsctl show');
    expect(r.code).toBe(0);
    for (const b of declared('openstack-aio').bridges) {
      expect(r.stdout).toContain(`Bridge ${b.name}`);
      for (const p of b.ports) {
        expect(r.stdout).toContain(`Port ${p.name}`);
        if (p.type === 'patch') expect(r.stdout).toContain(`options: {peer=${p.peer}}`);
      }
    }
  });

  it('openstack-aio: sees only its own namespaces; qrouter has its default route and rule', async () => {
    const names = declared('openstack-aio').namespaces.map((n) => n.name);
    const list = await ssh('openstack-aio', 'ip netns list');
    expect(
      list.stdout
        .split('\n')
        .map((l) => l.split(' ')[0])
        .filter(Boolean)
        .sort(),
    ).toEqual([...names].sort());
    const qrouter = names.find((n) => n.startsWith('qrouter-'));
    expect(names.some((n) => n.startsWith('qdhcp-'))).toBe(true);
    const route = await ssh('openstack-aio', `ip netns exec ${qrouter} ip route`);
    expect(route.stdout).toMatch(/^default via 203\.0\.113\.254 dev qg-/m);
    const rule = await ssh('openstack-aio', `ip netns exec ${qrouter} ip rule`);
    expect(rule.stdout).toMatch(/from 192\.0\.2\.0\/24 lookup 100/);
  });

  it('openstack-aio: br-ex strips VLAN 1 from the patch port', async () => {
    const r = await ssh('openstack-aio', 'ovs-ofctl dump-flows br-ex');
    expect(r.stdout).toMatch(/priority=4,in_port=\S+,dl_vlan=1 actions=strip_vlan,NORMAL/);
    expect(r.stdout).toMatch(/priority=2,in_port=\S+ actions=drop/);
  });

  it('compute: vm1 pings vm2 through OVS br-int', async () => {
    const vm1 = declared('compute')
      .bridges.flatMap((b) => b.ports)
      .find((p) => p.type === 'veth' && p.peerNamespace === 'vm1');
    // OpenFlow port stats are read live (the Interface statistics column lags by seconds).
    const rxPackets = async () =>
      Number(
        /rx pkts=(\d+)/.exec((await ssh('compute', `ovs-ofctl dump-ports br-int ${vm1?.name}`)).stdout)?.[1],
      );
    const before = await rxPackets();
    const ping = await ssh('compute', 'ip netns exec vm1 ping -c 3 -i 0.2 -W 2 192.0.2.12');
    expect(ping.stdout).toContain('3 received');
    // The echo requests entered OVS on vm1's tap: the ping crossed the switch.
    expect((await rxPackets()) - before).toBeGreaterThanOrEqual(3);
  });

  it('compute: vxlan tunnel points at the network node', async () => {
    const r = await ssh('compute', 'ovs-vsctl --bare --columns=options find Interface type=vxlan');
    expect(r.stdout).toContain(`remote_ip=${labHost('openstack-aio').address}`);
    expect(r.stdout).toContain(`local_ip=${labHost('compute').address}`);
  });

  it('empty: OVS answers with no bridges', async () => {
    const r = await ssh('empty', 'ovs-vsctl list-br; echo rc=$?');
    expect(r.stdout.trim()).toBe('rc=0');
  });

  it('sudo user runs sudo -n; the password user is refused clearly', async () => {
    const ok = await ssh('empty', 'sudo -n id -u', 'sudo');
    expect(ok.stdout.trim()).toBe('0');
    const refused = await ssh('empty', 'sudo -n id -u', 'sudoPassword');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/password is required/);
  });

  it('labHostExec enters the host; sshd stops and starts', async () => {
    const r = await labHostExec('empty', ['hostname']);
    expect(r.stdout.trim()).toBe('empty');
    await labHostStopSshd('empty');
    expect((await ssh('empty', 'true')).code).not.toBe(0);
    await labHostStartSshd('empty');
    expect((await ssh('empty', 'true')).code).toBe(0);
  });

  it('a rotated host key is refused by a client that pinned the old one', async () => {
    const h = labHost('empty');
    const { readFileSync, writeFileSync, mkdtempSync } = await import('node:fs');
    const pinned = `${mkdtempSync('/tmp/lab-kh-')}/known_hosts`;
    writeFileSync(pinned, readFileSync(h.knownHostsPath));
    const { before, after } = await labHostRotateHostKey('empty');
    expect(after).not.toBe(before);
    const refused = await exec('ssh', [
      '-i',
      h.rootKeyPath,
      '-o',
      `UserKnownHostsFile=${pinned}`,
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=yes',
      `root@${h.address}`,
      'true',
    ]).catch((e: { stderr: string }) => e);
    expect('stderr' in refused ? refused.stderr : '').toMatch(
      /HOST IDENTIFICATION HAS CHANGED|Host key verification failed/,
    );
    expect((await ssh('empty', 'true')).code).toBe(0);
  });
});
