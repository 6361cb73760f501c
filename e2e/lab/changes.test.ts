/**
 * The change engine against a real lab host: every edit kind applied, checked on the host with
 * plain ovs-vsctl / ip (not Patchbay's model), then undone with the inverse plan and the host
 * checked back at its base.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectHost } from '@/server/collect/collect-host';
import { parseChangesFile } from '@/server/core/changes/changes-file';
import { modelObjects } from '@/server/core/changes/objects';
import { checkScope, inScope, scopeFingerprint } from '@/server/core/changes/scope';
import {
  apply,
  expectAt,
  HOST,
  onChangesHost,
  onHost,
  planEdits,
  pool,
  read,
  restore,
  target,
} from './changes-helpers';
import { labHost } from './hosts';

const baseOf = onChangesHost();

interface Case {
  name: string;
  edits: unknown[];
  /** Checked on the host directly after the apply. */
  check: () => Promise<void>;
}

const CASES: Case[] = [
  {
    name: 'add-bridge',
    edits: [
      { op: 'add-bridge', name: 'br-new', failMode: 'secure', protocols: ['OpenFlow10', 'OpenFlow13'] },
    ],
    check: async () => {
      expect(await onHost('ovs-vsctl', 'get', 'Bridge', 'br-new', 'fail_mode')).toBe('secure');
      expect(await onHost('ovs-vsctl', 'get', 'Bridge', 'br-new', 'datapath_type')).toBe('netdev');
    },
  },
  {
    name: 'delete-bridge',
    edits: [{ op: 'delete-bridge', name: 'br-int' }],
    check: async () => expect(await onHost('ovs-vsctl', 'list-br')).not.toContain('br-int'),
  },
  {
    name: 'add-port (internal, tag)',
    edits: [{ op: 'add-port', bridge: 'br-int', name: 'p5', type: 'internal', tag: 5 }],
    check: async () => {
      expect(await onHost('ovs-vsctl', 'get', 'Port', 'p5', 'tag')).toBe('5');
      expect(await onHost('ovs-vsctl', 'get', 'Interface', 'p5', 'type')).toBe('internal');
    },
  },
  {
    name: 'add-port (vxlan)',
    edits: [
      {
        op: 'add-port',
        bridge: 'br-int',
        name: 'vx9',
        type: 'vxlan',
        options: { remote_ip: '192.0.2.99', key: '42' },
      },
    ],
    check: async () =>
      expect(await onHost('ovs-vsctl', 'get', 'Interface', 'vx9', 'options')).toMatch(
        /key="?42"?.*remote_ip="?192\.0\.2\.99/,
      ),
  },
  {
    name: 'delete-port',
    edits: [{ op: 'delete-port', name: 'tap1' }],
    check: async () => expect(await onHost('ovs-vsctl', 'list-ports', 'br-int')).not.toContain('tap1'),
  },
  {
    name: 'set-port (tag, trunks, vlan mode)',
    edits: [{ op: 'set-port', name: 'tap1', tag: 7, trunks: [10, 20], vlanMode: 'native-untagged' }],
    check: async () => {
      expect(await onHost('ovs-vsctl', 'get', 'Port', 'tap1', 'tag')).toBe('7');
      expect(await onHost('ovs-vsctl', 'get', 'Port', 'tap1', 'trunks')).toBe('[10, 20]');
      expect(await onHost('ovs-vsctl', 'get', 'Port', 'tap1', 'vlan_mode')).toBe('native-untagged');
    },
  },
  {
    name: 'set-port (clear tag)',
    edits: [{ op: 'set-port', name: 'tap1', tag: null }],
    check: async () => expect(await onHost('ovs-vsctl', 'get', 'Port', 'tap1', 'tag')).toBe('[]'),
  },
  {
    name: 'add-patch',
    edits: [
      { op: 'add-patch', bridge: 'br-int', port: 'int-to-ex', peerBridge: 'br-ex', peerPort: 'ex-to-int' },
    ],
    check: async () => {
      expect(await onHost('ovs-vsctl', 'get', 'Interface', 'int-to-ex', 'options:peer')).toBe('ex-to-int');
      expect(await onHost('ovs-vsctl', 'get', 'Interface', 'ex-to-int', 'options:peer')).toBe('int-to-ex');
    },
  },
  {
    name: 'set-interface',
    edits: [{ op: 'set-interface', name: 'tap1', mtuRequest: 1400, externalIds: { 'iface-id': 'abc-1' } }],
    check: async () => {
      expect(await onHost('ovs-vsctl', 'get', 'Interface', 'tap1', 'mtu_request')).toBe('1400');
      expect(await onHost('ovs-vsctl', 'get', 'Interface', 'tap1', 'external_ids:iface-id')).toBe('abc-1');
    },
  },
  {
    name: 'add-flow',
    edits: [
      {
        op: 'add-flow',
        bridge: 'br-ex',
        table: 0,
        priority: 5,
        match: 'in_port=qg-1,dl_vlan=1',
        actions: 'strip_vlan,NORMAL',
      },
    ],
    check: async () =>
      expect(await onHost('ovs-ofctl', '--names', 'dump-flows', 'br-ex')).toMatch(
        /priority=5,in_port="?qg-1"?,dl_vlan=1 actions=strip_vlan,NORMAL/,
      ),
  },
  {
    name: 'delete-flow',
    edits: [{ op: 'delete-flow', bridge: 'br-ex', table: 0, priority: 2, match: 'in_port=qg-1' }],
    check: async () => expect(await onHost('ovs-ofctl', 'dump-flows', 'br-ex')).not.toContain('priority=2'),
  },
  {
    name: 'add-namespace',
    edits: [{ op: 'add-namespace', name: 'ns-new' }],
    check: async () => expect(await onHost('ip', 'netns', 'list')).toContain('ns-new'),
  },
  {
    name: 'add-veth into namespaces',
    edits: [
      { op: 'add-namespace', name: 'ns-v' },
      { op: 'add-veth', name: 'va0', peer: 'vb0', peerNamespace: 'ns-v' },
    ],
    check: async () => {
      expect(await onHost('ip', '-br', 'link', 'show', 'va0')).toContain('va0@');
      expect(await onHost('ip', '-n', 'ns-v', '-br', 'link', 'show', 'vb0')).toContain('vb0@');
    },
  },
  {
    name: 'move-link',
    edits: [{ op: 'move-link', name: 'eth1', to: 'router1' }],
    check: async () =>
      expect(await onHost('ip', '-n', 'router1', '-br', 'link', 'show', 'eth1')).toContain('eth1'),
  },
  {
    name: 'set-link (down, mtu, mac)',
    edits: [{ op: 'set-link', name: 'eth1', up: false, mtu: 1400, mac: '02:00:00:00:00:42' }],
    check: async () => {
      const text = await onHost('ip', 'link', 'show', 'eth1');
      expect(text).toContain('mtu 1400');
      expect(text).toContain('02:00:00:00:00:42');
      expect(text).not.toMatch(/<[^>]*\bUP\b/);
    },
  },
  {
    name: 'delete-namespace',
    edits: [{ op: 'delete-namespace', name: 'router1' }],
    check: async () => expect(await onHost('ip', 'netns', 'list')).not.toContain('router1'),
  },
  {
    name: 'add-address / add-route',
    edits: [
      { op: 'add-address', namespace: 'router1', link: 'qg-1', address: '10.66.0.1/24' },
      { op: 'add-route', namespace: 'router1', dst: '10.77.0.0/16', via: '10.66.0.254', metric: 5 },
    ],
    check: async () => {
      expect(await onHost('ip', '-n', 'router1', 'addr', 'show', 'qg-1')).toContain('10.66.0.1/24');
      expect(await onHost('ip', '-n', 'router1', 'route', 'show', '10.77.0.0/16')).toContain(
        'via 10.66.0.254',
      );
    },
  },
  {
    name: 'delete-route / delete-address',
    edits: [
      { op: 'delete-route', namespace: 'router1', dst: 'default', via: '203.0.113.1' },
      { op: 'delete-address', namespace: 'router1', link: 'qg-1', address: '203.0.113.5/24' },
    ],
    check: async () => {
      expect(await onHost('ip', '-n', 'router1', 'route', 'show', 'default')).toBe('');
      expect(await onHost('ip', '-n', 'router1', 'addr', 'show', 'qg-1')).not.toContain('203.0.113.5');
    },
  },
];

describe('every edit kind on a lab host, and back', { timeout: 120_000 }, () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const { plan } = await planEdits(c.edits, baseOf());
      expect(plan.steps.length).toBeGreaterThan(0);
      const report = await apply(plan);
      expect(report.outcome, report.message).toBe('applied');
      expect(report.verify).toEqual([]);
      await c.check();
      await restore(baseOf());
    });
  }

  it("the seed's own change: ovs-vsctl add-port br-ex eth1, from a YAML changes file", async () => {
    const file = join(tmpdir(), `pb-changes-${process.pid}.yaml`);
    writeFileSync(file, 'edits:\n  - op: add-port\n    bridge: br-ex\n    name: eth1\n    type: system\n');
    const parsed = parseChangesFile((await import('node:fs')).readFileSync(file, 'utf8'));
    expect(parsed.ok).toBe(true);
    const { plan } = await planEdits(parsed.ok ? parsed.edits : [], baseOf());
    expect(plan.steps.map((s) => s.text).join('\n')).toContain('eth1');
    const report = await apply(plan);
    expect(report.outcome, report.message).toBe('applied');
    expect(await onHost('ovs-vsctl', 'port-to-br', 'eth1')).toBe('br-ex');
    await restore(baseOf());
  });

  it('flow changes on one bridge commit as one OpenFlow bundle (the bridge speaks 1.4), undone as one', async () => {
    const { plan } = await planEdits(
      [
        { op: 'delete-flow', bridge: 'br-ex', table: 0, priority: 2, match: 'in_port=qg-1' },
        { op: 'add-flow', bridge: 'br-ex', priority: 7, match: 'dl_vlan=7', actions: 'drop' },
        {
          op: 'add-flow',
          bridge: 'br-ex',
          priority: 8,
          match: 'in_port=qg-1,dl_vlan=8',
          actions: 'mod_vlan_vid:9,NORMAL',
        },
      ],
      baseOf(),
    );
    expect(plan.steps.map((s) => s.bundle)).toEqual(['OpenFlow14', 'OpenFlow14', 'OpenFlow14']);
    const report = await apply(plan);
    expect(report.outcome, report.message).toBe('applied');
    expect(report.units).toHaveLength(1);
    expect(report.units[0]?.commands[0]?.argv).toContain('--bundle');
    const flows = await onHost('ovs-ofctl', '--names', 'dump-flows', 'br-ex');
    expect(flows).not.toContain('priority=2,');
    expect(flows).toContain('priority=7,dl_vlan=7 actions=drop');
    expect(flows).toMatch(/priority=8,in_port="?qg-1"?,dl_vlan=8 actions=mod_vlan_vid:9,NORMAL/);
    await restore(baseOf());
    expect(await onHost('ovs-ofctl', 'dump-flows', 'br-ex')).toContain('priority=2,');
  });

  it("an apply's scoped read of the host holds exactly what a full read holds in its scope", async () => {
    const { plan } = await planEdits(
      [
        { op: 'add-flow', bridge: 'br-ex', priority: 7, match: 'dl_vlan=7', actions: 'drop' },
        { op: 'add-address', namespace: 'router1', link: 'qg-1', address: '10.66.0.1/24' },
      ],
      baseOf(),
    );
    const scope = checkScope(plan.diff);
    expect(scope).toEqual({ ovsdb: true, flows: ['br-ex'], netns: true, namespaces: ['', 'router1'] });
    const [part, full] = [(await collectHost(pool, target(), { scope })).model, await read()];
    expect(part.errors).toEqual([]);
    const inside = (m: typeof full) => modelObjects(m).filter((o) => inScope(o, scope));
    expect(inside(part)).toEqual(inside(full));
    expect(scopeFingerprint(part, scope)).toBe(plan.scopeFingerprint);
    // Outside the scope: the uplink namespace is listed but not read.
    expect(part.namespaces.find((n) => n.name === 'uplink')?.links).toEqual([]);
    expect(full.namespaces.find((n) => n.name === 'uplink')?.links.length).toBeGreaterThan(0);
  });

  it('applies through sudo -n as a non-root user (bundle, OVSDB and kernel steps), and back', async () => {
    const lab = labHost(HOST);
    const user = lab.users.sudo;
    const asUser = {
      ...target(),
      id: 'changes-sudo',
      user: user.user,
      auth: { method: 'key' as const, keyPath: user.keyPath },
      useSudo: true,
    };
    const { plan } = await planEdits(
      [
        { op: 'set-port', name: 'tap1', tag: 21 },
        { op: 'add-flow', bridge: 'br-ex', priority: 7, match: 'dl_vlan=7', actions: 'drop' },
        { op: 'add-namespace', name: 'ns-sudo' },
      ],
      baseOf(),
    );
    const report = await apply(plan, { target: asUser });
    expect(report.outcome, report.message).toBe('applied');
    expect(report.verify).toEqual([]);
    expect(await onHost('ovs-vsctl', 'get', 'Port', 'tap1', 'tag')).toBe('21');
    expect(await onHost('ip', 'netns', 'list')).toContain('ns-sudo');
    expect(await onHost('ovs-ofctl', 'dump-flows', 'br-ex')).toContain('dl_vlan=7');
    await restore(baseOf());
  });

  it('leaves the host exactly at its base after all of the above', async () => {
    await expectAt(baseOf());
    expect(HOST).toBe('changes');
  });
});
