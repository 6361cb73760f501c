/**
 * Lint against real hosts. `faulty` (scripts/lab/scenarios/faulty.yaml) is built with one real
 * fault per rule: each rule must fire there on exactly the objects the scenario broke, and on
 * none of openstack-aio, compute and kvm beyond the warnings their scenarios really deserve. The
 * CLI prints the same findings; the dup-mac and patch-dangling fixes go through `patchbay plan` and
 * `patchbay apply`, the host is re-read without those findings, and the engine puts the faults back.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDown, labHostExec, labUp, labUpMissing } from '@/scripts/lab/lab';
import { labSshTarget } from '@/scripts/lab/ssh-target';
import { applyPlan } from '@/server/changes';
import { collectHost } from '@/server/collect/collect-host';
import { diffModels } from '@/server/core/changes/diff';
import { plan as makePlan } from '@/server/core/changes/plan';
import { type Finding, type LintOptions, lintHost, RULES } from '@/server/core/lint';
import type { HostModel } from '@/server/core/model';
import { SshPool } from '@/server/ssh';
import { LAB_KEY_DIRS, labHost, labHosts } from './hosts';

const FAULTY = 'faulty';
const CLEAN = ['openstack-aio', 'compute', 'kvm'];
const BIN = join(process.cwd(), 'scripts', 'patchbay.mjs');
const dir = mkdtempSync(join(tmpdir(), 'pb-lint-'));
const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, keyDirs: LAB_KEY_DIRS });
let broughtUp: string[] = [];
/** Set while the faulty host differs from its scenario (a fix applied, not yet put back). */
let changed = false;

const read = async (name: string): Promise<HostModel> =>
  (await collectHost(pool, labSshTarget(labHost(name), `lint:${name}`), { timeoutMs: 60_000 })).model;

/** Every up lab host is known, so a tunnel to an address none of them owns is "unknown". */
const opts = (): LintOptions => ({
  knownHosts: labHosts().map((h) => ({ name: h.name, addresses: [h.address] })),
});

/** A finding as the tests compare it: severity, rule and objects (sorted: OVSDB orders bond members as it likes). */
const brief = (f: Finding) => `${f.severity} ${f.rule} ${[...f.objects].sort().join(' ')}`;

function cli(name: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const h = labHost(name);
  const [command = '', ...rest] = args;
  const argv = [
    BIN,
    command,
    `root@${h.address}`,
    '-i',
    h.rootKeyPath,
    '--known-hosts',
    h.knownHostsPath,
    ...rest,
  ];
  return new Promise((resolve) => {
    // An empty HOME keeps the operator's own ~/.ssh out of the test.
    const child = spawn(process.execPath, argv, { env: { ...process.env, HOME: dir, SSH_AUTH_SOCK: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const onFaulty = async (...argv: string[]) => {
  const r = await labHostExec(FAULTY, argv);
  return `${r.stdout}${r.stderr}`.trim();
};

beforeAll(async () => {
  broughtUp = await labUpMissing([FAULTY, ...CLEAN]);
}, 300_000);

afterAll(async () => {
  pool.closeAll();
  rmSync(dir, { recursive: true, force: true });
  // A test that stopped between a fix and its undo leaves the host changed: build it again.
  if (changed && !broughtUp.includes(FAULTY)) {
    await labDown([FAULTY]);
    await labUp([FAULTY]);
  }
  if (broughtUp.length) await labDown(broughtUp);
}, 300_000);

/**
 * What the faulty scenario broke, rule by rule: the findings lint must report, and no others.
 * tunnel-mtu also names the device feeding the tunnel its largest frames: any device of br-ex
 * (its uplink eth1 and the bridge's own port are both 1500), written here as BR_EX_DEVICE.
 */
const BR_EX_DEVICE = '<a device of br-ex>';
const FAULTS = [
  'error dup-ip link:twin-c/eth0 link:twin-d/eth0',
  'error dup-mac link:clone-a/eth0 link:clone-b/eth0',
  'error iface-error iface:eth2 port:br-ex/eth2',
  'error patch-dangling iface:patch-vm port:br-ex/patch-vm',
  'warning bond-degraded iface:uplink0 iface:uplink1 port:br-vm/bond0',
  'warning dup-mac-host link:lonely/eth0 link:mtu-a/m0',
  'warning flow-unknown-port br:br-ex flow:br-ex/<in_port=42>',
  'warning mtu-mismatch link:mtu-a/m0 link:mtu-b/m1',
  'warning port-down iface:uplink1 link:/uplink1 link:switch/swp2 port:br-vm/bond0',
  'warning port-down iface:vnet-f link:/vnet-f port:br-vm/vnet-f',
  'warning router-no-default link:router/qr-lan link:router/wan0 ns:router',
  'warning subnet-overlap link:overlap/ovl-lan link:overlap/ovl-wan ns:overlap',
  `warning tunnel-mtu ${[BR_EX_DEVICE, 'iface:vxlan-lost', 'link:/eth0'].sort().join(' ')}`,
  'warning vlan-isolated br:br-vm port:br-vm/vnet-e',
  'info tunnel-unknown-remote iface:vxlan-lost port:br-ex/vxlan-lost',
];

/** Fixes by finding: only these findings carry one (a mac is whatever lint derives: checked apart). */
const FIXES: Record<string, unknown[]> = {
  'error dup-mac link:clone-a/eth0 link:clone-b/eth0': [
    {
      op: 'set-link',
      namespace: 'clone-b',
      name: 'eth0',
      mac: expect.stringMatching(/^[0-9a-f][26ae](:[0-9a-f]{2}){5}$/),
    },
  ],
  'error patch-dangling iface:patch-vm port:br-ex/patch-vm': [
    { op: 'delete-port', name: 'patch-vm', bridge: 'br-ex' },
  ],
  'warning mtu-mismatch link:mtu-a/m0 link:mtu-b/m1': [
    { op: 'set-link', namespace: 'mtu-a', name: 'm0', mtu: 1500 },
  ],
  'warning port-down iface:uplink1 link:/uplink1 link:switch/swp2 port:br-vm/bond0': [
    { op: 'set-link', namespace: 'switch', name: 'swp2', up: true },
  ],
  'warning port-down iface:vnet-f link:/vnet-f port:br-vm/vnet-f': [
    { op: 'set-link', name: 'vnet-f', up: true },
  ],
};

/** The faulty host's findings in FAULTS' terms (the flow id and tunnel-mtu's feeding device abstracted). */
function asFaults(model: HostModel, findings: Finding[]): string[] {
  const exDevices = new Set(
    (model.ovs?.interfaces ?? [])
      .filter((i) => i.bridge === 'br-ex')
      .flatMap((i) => [`iface:${i.name}`, `link:/${i.name}`]),
  );
  exDevices.add('link:outside/eth1-outside');
  return findings.map((f) => {
    if (f.rule === 'flow-unknown-port') {
      const flow = model.ovs?.bridges.find((b) => b.name === 'br-ex')?.flows?.find((x) => x.inPort === '42');
      return brief({ ...f, objects: f.objects.map((o) => (o === flow?.id ? 'flow:br-ex/<in_port=42>' : o)) });
    }
    if (f.rule === 'tunnel-mtu') {
      const named = ['iface:vxlan-lost', 'link:/eth0'];
      const fed = f.objects.filter((o) => !named.includes(o));
      expect(fed, 'tunnel-mtu names one device of br-ex').toHaveLength(1);
      expect(exDevices.has(fed[0] ?? ''), `${fed[0]} is on br-ex`).toBe(true);
      return brief({ ...f, objects: [...named, BR_EX_DEVICE] });
    }
    return brief(f);
  });
}

describe('lint on the faulty lab host', { timeout: 120_000 }, () => {
  let base: HostModel;
  let findings: Finding[];
  beforeAll(async () => {
    base = await read(FAULTY);
    findings = lintHost(base, opts());
  });

  it('reads without part errors', () => {
    expect(base.errors).toEqual([]);
  });

  it('reports each fault the scenario built on exactly its objects, and nothing else', () => {
    expect(asFaults(base, findings)).toEqual(FAULTS);
  });

  it('every rule fires here, and each is silent on at least one of openstack-aio, compute and kvm', async () => {
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(RULES.map((r) => r.id)));
    const clean = await Promise.all(CLEAN.map(async (name) => lintHost(await read(name), opts())));
    for (const rule of RULES)
      expect(
        clean.some((list) => !list.some((f) => f.rule === rule.id)),
        `${rule.id} is silent somewhere`,
      ).toBe(true);
  });

  it('carries the documented fixes, and only there', () => {
    const faults = asFaults(base, findings);
    const fixes = Object.fromEntries(
      findings.flatMap((f, i) => (f.fix ? [[faults[i] ?? '', f.fix] as const] : [])),
    );
    expect(fixes).toEqual(FIXES);
  });

  it('proposes a MAC no device of the host uses, and the same one on every read', async () => {
    const fix = findings.find((f) => f.rule === 'dup-mac')?.fix?.[0];
    const mac = fix?.op === 'set-link' ? fix.mac : undefined;
    const used = base.namespaces.flatMap((n) => n.links.map((l) => l.mac));
    expect(used).not.toContain(mac);
    const again = lintHost(await read(FAULTY), opts()).find((f) => f.rule === 'dup-mac');
    expect(again?.fix).toEqual([fix]);
  });
});

describe('patchbay lint on the faulty lab host', { timeout: 120_000 }, () => {
  it('exits 1 and prints every finding with its explanation, objects, fixes and a summary', async () => {
    const model = await read(FAULTY);
    const expected = lintHost(model); // the CLI knows no other hosts: no tunnel-unknown-remote
    const r = await cli(FAULTY, ['lint']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const heads = r.stdout.split('\n').filter((l) => /^(error|warning|info) {2}/.test(l));
    expect(heads).toEqual(expected.map((f) => `${f.severity}  ${f.rule}  ${f.title}`));
    for (const f of expected) {
      expect(r.stdout).toContain(`  objects: ${f.objects.join(', ')}`);
      for (const edit of f.fix ?? []) expect(r.stdout).toContain(`  fix: ${JSON.stringify(edit)}`);
    }
    expect(r.stdout.trim().split('\n').at(-1)).toBe(
      `${labHost(FAULTY).address}: 4 errors, 10 warnings, 0 info`,
    );
  });

  it('--format json parses and holds the same findings', async () => {
    const model = await read(FAULTY);
    const r = await cli(FAULTY, ['lint', '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { host: string; findings: Finding[] };
    expect(out.host).toBe(labHost(FAULTY).address);
    expect(out.findings.map(brief)).toEqual(lintHost(model).map(brief));
    expect(out.findings.find((f) => f.rule === 'dup-mac')?.fix).toEqual(
      lintHost(model).find((f) => f.rule === 'dup-mac')?.fix,
    );
  });

  it('exits 0 on a host without error findings (openstack-aio)', async () => {
    const r = await cli('openstack-aio', ['lint']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${labHost('openstack-aio').address}: no findings`);
  });
});

describe('the dup-mac and patch-dangling fixes through the change engine', { timeout: 120_000 }, () => {
  it('plan and apply (patchbay plan/apply -f), the re-read host has neither finding, then the faults are put back', async () => {
    const base = await read(FAULTY);
    const before = lintHost(base, opts());
    const fixed = ['dup-mac', 'patch-dangling'];
    const edits = before.filter((f) => fixed.includes(f.rule)).flatMap((f) => f.fix ?? []);
    expect(edits.map((e) => e.op)).toEqual(['set-link', 'delete-port']);
    const mac = edits[0]?.op === 'set-link' ? edits[0].mac : '';
    const file = join(dir, 'fix.json');
    writeFileSync(file, JSON.stringify({ edits }));

    const planned = await cli(FAULTY, ['plan', '-f', file]);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toContain('br-ex/patch-vm');
    expect(planned.stdout).toContain(mac);

    changed = true;
    const applied = await cli(FAULTY, ['apply', '-f', file, '--yes']);
    expect(applied.stdout).toMatch(/^applied: /m);
    expect(applied.code, applied.stderr).toBe(0);
    // On the host itself, not through Patchbay's model.
    expect(await onFaulty('ovs-vsctl', 'list-ports', 'br-ex')).not.toMatch(/^patch-vm$/m);
    expect(await onFaulty('ip', '-n', 'clone-b', '-br', 'link', 'show', 'eth0')).toContain(mac);

    const after = await read(FAULTY);
    const now = lintHost(after, opts());
    expect(now.filter((f) => fixed.includes(f.rule))).toEqual([]);
    expect(now.map(brief)).toEqual(before.filter((f) => !fixed.includes(f.rule)).map(brief));

    // Back to the scenario's faults through the engine: the inverse plan.
    const report = await applyPlan({
      pool,
      target: labSshTarget(labHost(FAULTY), 'lint:undo'),
      plan: makePlan(after, base),
      who: 'test',
      guardSeconds: 8,
    });
    expect(report.outcome, report.message).toBe('applied');
    const restored = await read(FAULTY);
    const diff = diffModels(base, restored);
    expect([...diff.added, ...diff.removed, ...diff.changed.map((c) => c.after)].map((o) => o.id)).toEqual(
      [],
    );
    expect(asFaults(restored, lintHost(restored, opts()))).toEqual(FAULTS);
    expect(lintHost(restored, opts()).find((f) => f.rule === 'dup-mac')?.fix).toEqual([edits[0]]);
    expect(await onFaulty('ovs-vsctl', 'get', 'Interface', 'patch-vm', 'options:peer')).toBe('patch-ex');
    changed = false;
  });
});

/**
 * openstack-aio, compute and kvm: no error finding, and exactly the warnings (and infos) their
 * scenarios really deserve. compute's and kvm's tunnels carry 1500-byte frames (every device on
 * their bridges is 1500; Neutron would give a vxlan network 1450) over a 1500-byte underlay; kvm's
 * root namespace has addresses on eth0 and mgmt0 and no default route; kvm's vm-router has
 * 198.51.100.1/24 on eth0 and 198.51.100.129/25 on wan0. compute's vxlan-c6120099 and kvm's gnv0
 * point at addresses no lab host owns, on purpose (compute's tunnel to openstack-aio is known).
 * tunnel-mtu also names the device whose frames are largest: of equals, the first by id.
 */
const EXPECTED_CLEAN: Record<string, string[]> = {
  'openstack-aio': [],
  compute: [
    'warning tunnel-mtu iface:vxlan-c6120002 link:/br-int link:/eth0',
    'warning tunnel-mtu iface:vxlan-c6120099 link:/br-int link:/eth0',
    'info tunnel-unknown-remote iface:vxlan-c6120099 port:br-tun/vxlan-c6120099',
  ],
  kvm: [
    'warning router-no-default link:/eth0 link:/mgmt0 ns:',
    'warning subnet-overlap link:vm-router/eth0 link:vm-router/wan0 ns:vm-router',
    'warning tunnel-mtu iface:gnv0 link:/eth0 link:/mgmt0',
    'info tunnel-unknown-remote iface:gnv0 port:ovsbr0/gnv0',
  ],
};

describe.each(CLEAN)('lint on %s: no false positives', (name) => {
  it('no error, and only the known warnings', { timeout: 120_000 }, async () => {
    const findings = lintHost(await read(name), opts());
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.title)).toEqual([]);
    expect(findings.map(brief)).toEqual(EXPECTED_CLEAN[name]);
  });
});
