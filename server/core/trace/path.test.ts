import { describe, expect, it } from 'vitest';
import { flowsOf, traced } from './fixtures.test-helper';
import type { TraceFate, TraceHop } from './types';

const AIO = 'openstack-aio';
const hopLine = (h: TraceHop) =>
  `${h.bridge} ${h.table} ${h.priority} [${h.match}] ${h.actions.join(',')} ${h.vlan}→${h.vlanAfter}`;
const outputs = (fate: TraceFate) =>
  fate.kind === 'output'
    ? fate.ports.map((p) => `${p.bridge}/${p.port}${p.iface ? `(${p.iface})` : ''} ${p.vlan}`)
    : [];

describe('the seed: a broadcast from a VLAN-1 port of br-int', () => {
  const path = traced('aio-broadcast', AIO, 'br-int');

  it('enters br-int untagged, where NORMAL puts it in the port’s VLAN 1', () => {
    expect(path.entry).toEqual({
      bridge: 'br-int',
      port: 'qvo3c4d5e6f-7a',
      vlan: 'untagged',
      portId: 'port:br-int/qvo3c4d5e6f-7a',
      element: 'openstack-aio|port:br-int/qvo3c4d5e6f-7a',
    });
    expect(path.hops[0]).toMatchObject({ bridge: 'br-int', inPort: 'qvo3c4d5e6f-7a', normalVlan: 1 });
  });

  it('crosses the patch pair tagged 1', () => {
    expect(path.crossings).toEqual([
      {
        kind: 'patch',
        afterHop: 0,
        from: { bridge: 'br-int', port: 'int-br-ex' },
        to: { bridge: 'br-ex', port: 'phy-br-ex' },
        vlan: 1,
        edge: 'patch:openstack-aio|port:br-ex/phy-br-ex~openstack-aio|port:br-int/int-br-ex',
      },
    ]);
    expect(path.bridges).toEqual(['br-int', 'br-ex']);
  });

  it('matches the strip_vlan rule at br-ex priority 4, which untags it', () => {
    expect(path.hops.map(hopLine)).toEqual([
      'br-int 0 0 [] NORMAL untagged→untagged',
      'br-ex 0 4 [in_port=phy-br-ex,dl_vlan=1] pop_vlan,NORMAL 1→untagged',
    ]);
    expect(path.hops[1]).toMatchObject({ changes: ['pop_vlan'], inPort: 'phy-br-ex', dropped: false });
    expect(path.hops[1]?.notes).toEqual(['no learned MAC for destination, flooding']);
  });

  it('leaves the physical port untagged; br-int’s own ports get what their VLAN mode says', () => {
    expect(path.fate.kind).toBe('output');
    expect(outputs(path.fate)).toEqual([
      'br-ex/qg-a1b2c3d4-e5 untagged',
      'br-ex/eth1 untagged',
      'br-ex/br-ex untagged',
      'br-int/tap7d2e9b1a-0c untagged',
      'br-int/br-int 1',
      'br-int/qr-5f3a1c2e-4b untagged',
    ]);
    expect(path.passes.map((p) => p.datapathActions)).toEqual([
      '8,7,6,1,push_vlan(vid=1,pcp=0),3,pop_vlan,4',
    ]);
  });

  it('names the flows by the ids the model gives them', () => {
    const ids = new Set(flowsOf(AIO).map((f) => f.id));
    expect(path.hops.map((h) => h.flowId)).toEqual(['flow:br-int/0/0/811c9dc5', 'flow:br-ex/0/4/5ba66bcb']);
    for (const h of path.hops) expect(ids.has(h.flowId ?? '')).toBe(true);
  });

  it('lists the graph elements crossed, in path order', () => {
    expect(path.elements).toEqual([
      'openstack-aio|port:br-int/qvo3c4d5e6f-7a',
      'openstack-aio|br:br-int',
      'openstack-aio|port:br-int/int-br-ex',
      'patch:openstack-aio|port:br-ex/phy-br-ex~openstack-aio|port:br-int/int-br-ex',
      'openstack-aio|port:br-ex/phy-br-ex',
      'openstack-aio|br:br-ex',
      'openstack-aio|port:br-ex/qg-a1b2c3d4-e5',
      'openstack-aio|port:br-ex/eth1',
      'openstack-aio|port:br-ex/br-ex',
      'openstack-aio|port:br-int/tap7d2e9b1a-0c',
      'openstack-aio|port:br-int/br-int',
      'openstack-aio|port:br-int/qr-5f3a1c2e-4b',
    ]);
    expect(path.warnings).toEqual([]);
  });

  it('without OVSDB data the VLAN through NORMAL is unknown, and says so', () => {
    const bare = traced('aio-broadcast', AIO, 'br-int', null);
    expect(bare.crossings[0]?.vlan).toBe('unknown');
    expect(bare.hops[1]?.vlan).toBe('unknown');
    expect(bare.warnings).toEqual(['no OVSDB data: the VLAN NORMAL switches in is unknown']);
    // The datapath still says exactly what leaves where.
    expect(outputs(bare.fate)).toEqual(outputs(traced('aio-broadcast', AIO, 'br-int').fate));
  });
});

describe('unicast', () => {
  it('to a MAC learned behind the patch pair: one port out of br-ex', () => {
    const path = traced('aio-unicast-patch', AIO, 'br-int');
    expect(path.crossings.map((c) => `${c.from.port}→${c.to.port} ${c.vlan}`)).toEqual([
      'int-br-ex→phy-br-ex 1',
    ]);
    expect(outputs(path.fate)).toEqual(['br-ex/qg-a1b2c3d4-e5 untagged']);
    expect(path.hops.map((h) => h.notes[0])).toEqual([
      'forwarding to learned port',
      'forwarding to learned port',
    ]);
  });

  it('to a MAC learned on the same bridge: no crossing', () => {
    const path = traced('aio-unicast-local', AIO, 'br-int');
    expect(path.crossings).toEqual([]);
    expect(outputs(path.fate)).toEqual(['br-int/tap7d2e9b1a-0c untagged']);
  });

  it('inbound from the physical port: br-int tags it 1 (mod_vlan_vid) and NORMAL delivers it untagged', () => {
    const path = traced('aio-inbound', AIO, 'br-ex');
    expect(path.crossings.map((c) => `${c.from.port}→${c.to.port} ${c.vlan}`)).toEqual([
      'phy-br-ex→int-br-ex untagged',
    ]);
    expect(path.hops[1]).toMatchObject({
      bridge: 'br-int',
      priority: 3,
      match: 'in_port=int-br-ex,vlan_tci=0x0000/0x1fff',
      changes: ['push_vlan:0x8100', 'set_field:4097->vlan_vid'],
      vlan: 'untagged',
      vlanAfter: 1,
      normalVlan: 1,
    });
    expect(outputs(path.fate)).toEqual(['br-int/qvo3c4d5e6f-7a untagged']);
  });

  it('on kvm: a tagged packet on a native-untagged port, popped for the access port', () => {
    const path = traced('kvm-unicast', 'kvm', 'ovsbr0');
    expect(path.entry?.vlan).toBe(30);
    expect(path.hops[0]?.normalVlan).toBe(30);
    expect(outputs(path.fate)).toEqual(['ovsbr0/mgmt0 untagged']);
  });
});

describe('drops', () => {
  it('a VLAN br-int does not expect from br-ex: dropped by priority 2, named', () => {
    const path = traced('aio-drop-vlan', AIO, 'br-int');
    expect(path.entry?.vlan).toBe(5);
    expect(path.fate).toEqual({
      kind: 'drop',
      hop: 0,
      reason: 'dropped by br-int table 0 priority 2 (in_port=int-br-ex): drop',
    });
    expect(path.hops[0]).toMatchObject({
      dropped: true,
      flowId: expect.stringMatching(/^flow:br-int\/0\/2\//),
    });
    expect(new Set(flowsOf(AIO).map((f) => f.id)).has(path.hops[0]?.flowId ?? '')).toBe(true);
  });

  it('untagged from br-int into br-ex: dropped by br-ex priority 2', () => {
    expect(traced('aio-drop-brex', AIO, 'br-ex').fate).toEqual({
      kind: 'drop',
      hop: 0,
      reason: 'dropped by br-ex table 0 priority 2 (in_port=phy-br-ex): drop',
    });
  });

  it('NORMAL refusing a tagged packet on an access port', () => {
    const path = traced('kvm-disallowed', 'kvm', 'ovsbr0');
    expect(path.fate).toEqual({
      kind: 'drop',
      hop: 0,
      reason:
        'NORMAL on ovsbr0 dropped it: dropping VLAN 20 tagged packet received on port vnet0 configured as VLAN 10 access port',
    });
    expect(path.hops[0]?.normalVlan).toBeNull();
  });

  it('a table miss on a secure bridge', () => {
    const path = traced('scratch-table-miss', 'scratch', 'br-a');
    expect(path.hops[0]).toMatchObject({
      kind: 'miss',
      table: 0,
      priority: null,
      flowId: null,
      notes: ['No match.'],
    });
    expect(path.fate).toEqual({ kind: 'drop', hop: 0, reason: 'no rule matched in br-a table 0' });
  });

  it('the tunnel bridge’s default drop, from a tunnel port', () => {
    const path = traced('compute-tun-drop', 'compute', 'br-tun');
    expect(path.entry?.port).toBe('vxlan-c6120002');
    expect(path.fate).toEqual({ kind: 'drop', hop: 0, reason: 'dropped by br-tun table 0 priority 0: drop' });
  });
});

describe('resubmit, rewrites, bonds, groups', () => {
  it('br-int → br-tun, resubmit(,2), NORMAL; failed tunnel outputs are noted', () => {
    const path = traced('compute-tunnel', 'compute', 'br-int');
    expect(path.hops.map(hopLine)).toEqual([
      'br-int 0 0 [] NORMAL untagged→untagged',
      'br-tun 0 1 [in_port=patch-int] resubmit(,2) 1→1',
      'br-tun 2 0 [] NORMAL 1→1',
    ]);
    expect(path.crossings.map((c) => `${c.from.port}→${c.to.port} ${c.vlan}`)).toEqual([
      'patch-tun→patch-int 1',
    ]);
    expect(path.hops[2]?.notes.filter((n) => n === 'native tunnel routing failed')).toHaveLength(2);
    expect(outputs(path.fate)).toEqual([
      'br-tun/br-tun 1',
      'br-int/br-int 1',
      'br-int/tap6e7f8a9b-0c untagged',
    ]);
    const ids = new Set(flowsOf('compute').map((f) => f.id));
    for (const h of path.hops) expect(ids.has(h.flowId ?? '')).toBe(true);
  });

  it('mod_vlan_vid then NORMAL: the bond member that carries it is named', () => {
    const path = traced('kvm-modvlan', 'kvm', 'ovsbr0');
    expect(path.hops[0]).toMatchObject({ vlan: 'untagged', vlanAfter: 30, normalVlan: 30 });
    expect(outputs(path.fate)).toEqual([
      'ovsbr0/mgmt0 untagged',
      'ovsbr0/bond0(uplink1) 30',
      'ovsbr0/vnet1 30',
      'ovsbr0/ovsbr0 30',
    ]);
    expect(path.elements).toContain('kvm|iface:uplink1');
    expect(path.passes[0]?.finalFlow).toMatch(/dl_vlan=30/);
    expect(new Set(flowsOf('kvm').map((f) => f.id)).has(path.hops[0]?.flowId ?? '')).toBe(true);
  });

  it('an output to a patch port with actions after it: the peer bridge nests, then br-a goes on', () => {
    const path = traced('scratch-nested-output', 'scratch', 'br-a');
    expect(path.hops.map(hopLine)).toEqual([
      'br-a 0 50 [icmp,in_port=a2] mod_vlan_vid:7,output:pa,strip_vlan,resubmit(,5) untagged→untagged',
      'br-b 0 10 [in_port=pb,dl_vlan=7] strip_vlan,output:b1 7→untagged',
      'br-a 5 1 [] output:a1 untagged→untagged',
    ]);
    expect(path.hops[2]?.cookie).toBe('0x2a');
    expect(path.crossings.map((c) => `${c.from.port}→${c.to.port} ${c.vlan} after ${c.afterHop}`)).toEqual([
      'pa→pb 7 after 0',
    ]);
    expect(outputs(path.fate)).toEqual(['br-b/b1 untagged', 'br-a/a1 untagged']);
  });

  it('a group: each bucket’s actions under the rule that chose the group', () => {
    const path = traced('scratch-group', 'scratch', 'br-a');
    expect(path.hops[1]?.actions).toEqual(['group:1', 'bucket 0: output:b1', 'bucket 1: output:b2']);
    expect(outputs(path.fate)).toEqual(['br-b/b1 untagged', 'br-b/b2 untagged']);
  });
});

describe('controller, conntrack, tunnels', () => {
  it('CONTROLLER: the fate says so, and that no controller is configured', () => {
    const path = traced('scratch-controller', 'scratch', 'br-a');
    expect(path.fate).toEqual({
      kind: 'controller',
      hop: 0,
      reason:
        'sent to the controller by br-a table 0 priority 100 (tcp,in_port=a2,tp_dst=80); br-a has no controller configured, so it goes nowhere',
    });
  });

  it('ct(table=3): two passes, the second resumes at table 3 and outputs', () => {
    const path = traced('scratch-ct', 'scratch2', 'br-a');
    expect(path.passes.map((p) => p.resume?.split(' - ')[0] ?? null)).toEqual([null, 'recirc(0x1)']);
    expect(path.hops.map((h) => `${h.pass}: ${h.table} ${h.priority}`)).toEqual(['0: 0 40', '1: 3 10']);
    expect(path.hops[1]?.inPort).toBe('a2');
    expect(outputs(path.fate)).toEqual(['br-a/a1 untagged']);
    expect(path.fate.kind === 'output' && path.fate.ports[0]?.pass).toBe(1);
  });

  it('a native tunnel: encapsulated by vx0, out of the underlay bridge’s port', () => {
    const path = traced('scratch-tunnel', 'scratch2', 'br-tun');
    expect(path.crossings).toEqual([
      {
        kind: 'tunnel',
        afterHop: 0,
        from: { bridge: 'br-tun', port: 'vx0' },
        to: { bridge: 'br-phy', port: 'br-phy' },
        vlan: 'untagged',
        edge: null,
      },
    ]);
    expect(path.hops[0]?.changes).toEqual(['load:0x64->NXM_NX_TUN_ID[]']);
    expect(path.fate).toMatchObject({
      kind: 'output',
      ports: [
        {
          bridge: 'br-phy',
          port: 'p0',
          vlan: 'untagged',
          tunnel: { port: 'vx0', bridge: 'br-tun', remoteIp: '198.51.100.2' },
        },
      ],
    });
  });
});
