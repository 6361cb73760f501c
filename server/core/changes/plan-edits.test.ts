import { describe, expect, it } from 'vitest';
import type { HostModel } from '../model/schema';
import { applyEdits } from './apply-edits';
import { plan } from './plan';
import { load, removePort, texts } from './plan.test-helper';
import type { Plan } from './types';

/** Edits → desired model (applyEdits) → plan: the pipeline every change goes through. */
function planEdits(current: HostModel, edits: unknown[]): { desired: HostModel; plan: Plan } {
  const r = applyEdits(current, edits);
  if (!r.ok) throw new Error(`edits refused: ${JSON.stringify(r.errors)}`);
  return { desired: r.desired, plan: plan(current, r.desired) };
}

const LENIENT = new Set(['--if-exists', '--may-exist']);
const norm = (cmds: string[][]) => cmds.map((c) => c.filter((a) => !LENIENT.has(a)));

describe('plan from edits', () => {
  it('plans the seed change `ovs-vsctl add-port br-ex eth1` as exactly that', () => {
    const current = load('openstack');
    removePort(current, 'eth1');
    const { plan: p } = planEdits(current, [
      { op: 'add-port', bridge: 'br-ex', name: 'eth1', type: 'system' },
    ]);
    expect(p.steps.map((s) => [s.text, s.forward])).toEqual([
      ['+ port br-ex/eth1', [['add-port', 'br-ex', 'eth1']]],
    ]);
    expect(p.warnings).toEqual([]);
  });

  it('plans a namespace with a veth into OVS, an internal port moved in, addresses and routes, in order', () => {
    const current = load('aio');
    const { desired, plan: p } = planEdits(current, [
      { op: 'add-namespace', name: 'ns1' },
      { op: 'add-port', bridge: 'br-int', name: 'p5', type: 'internal', tag: 5 },
      { op: 'move-link', name: 'p5', to: 'ns1' },
      { op: 'set-link', namespace: 'ns1', name: 'p5', up: true },
      { op: 'set-link', namespace: 'ns1', name: 'lo', up: true },
      { op: 'add-address', namespace: 'ns1', link: 'p5', address: '10.9.0.2/24' },
      { op: 'add-route', namespace: 'ns1', dst: 'default', via: '10.9.0.1' },
      { op: 'add-veth', name: 'va', peer: 'vb', peerNamespace: 'ns1' },
      { op: 'add-port', bridge: 'br-int', name: 'va', type: 'system' },
      {
        op: 'add-flow',
        bridge: 'br-ex',
        table: 0,
        priority: 5,
        match: 'in_port=phy-br-ex,dl_vlan=9',
        actions: 'drop',
      },
      { op: 'delete-flow', bridge: 'br-ex', table: 0, priority: 2, match: 'in_port=phy-br-ex' },
      { op: 'add-bridge', name: 'br-new', failMode: 'secure', protocols: ['OpenFlow13'] },
      { op: 'add-patch', bridge: 'br-new', port: 'pa', peerBridge: 'br-int', peerPort: 'pb' },
    ]);
    expect(p.warnings).toEqual([]);
    expect(texts(p)).toEqual([
      '- flow br-ex table=0 priority=2 in_port=phy-br-ex actions=drop',
      '+ namespace ns1',
      '+ veth root/va ↔ ns1/vb',
      '+ bridge br-new fail_mode=secure datapath_type=netdev protocols=OpenFlow13',
      '+ port br-int/p5 tag=5 internal',
      '+ port br-int/pb patch peer=pa',
      '+ port br-int/va',
      '+ port br-new/pa patch peer=pb',
      '+ link ns1/lo (made by ip netns) up',
      '+ link ns1/p5 (made by OVS) up',
      '+ address ns1/p5 10.9.0.2/24',
      '+ route ns1 default via 10.9.0.1 dev p5',
      '+ flow br-ex table=0 priority=5 in_port=phy-br-ex,dl_vlan=9 actions=drop',
    ]);
    expect(p.steps.find((s) => s.text.startsWith('+ veth'))?.forward).toEqual([
      ['ip', 'link', 'add', 'va', 'type', 'veth', 'peer', 'name', 'vb', 'netns', 'ns1'],
    ]);
    // And back: the inverses, in reverse order.
    const back = plan(desired, current);
    expect(back.steps).toHaveLength(p.steps.length);
    const reversed = p.steps.toReversed();
    back.steps.forEach((b, i) => {
      expect(norm(b.forward)).toEqual(norm(reversed[i]?.inverse ?? []));
    });
  });

  it('deletes a namespace: its veth pairs once each (peers elsewhere too), routes and addresses first, no unplannable rules', () => {
    const { plan: p } = planEdits(load('kvm'), [{ op: 'delete-namespace', name: 'switch' }]);
    expect(p.warnings.map((w) => w.code)).toEqual(['DELETES_NAMESPACE_WITH_LINKS']);
    expect(texts(p)).toEqual([
      '- route vm-router default via 198.51.100.130 dev wan0',
      '- route vm-router table 200 default via 198.51.100.130 dev wan0',
      '- address vm-router/wan0 198.51.100.129/25',
      '- address switch/wan0-peer 198.51.100.130/25',
      '- link switch/lo (deleted by ip netns)',
      '- veth switch/wan0-peer ↔ vm-router/wan0',
      '- veth root/uplink1 ↔ switch/swp2',
      '- veth root/uplink0 ↔ switch/swp1',
      '- namespace switch',
    ]);
  });

  it('moves a veth end between namespaces in one step', () => {
    const { plan: p } = planEdits(load('kvm'), [
      { op: 'move-link', name: 'swp1', from: 'switch', to: 'vm-web' },
    ]);
    expect(p.steps.map((s) => [s.text, s.forward])).toEqual([
      [
        '~ link swp1 switch → vm-web',
        [['ip', '-n', 'switch', 'link', 'set', 'dev', 'swp1', 'netns', 'vm-web']],
      ],
    ]);
  });

  it('deletes a bridge with a router leg: the leg comes back to the root before OVS deletes it', () => {
    const { plan: p } = planEdits(load('aio'), [{ op: 'delete-bridge', name: 'br-ex' }]);
    expect(p.warnings.map((w) => w.code)).toEqual(['DELETES_BRIDGE_WITH_PORTS']);
    const at = (prefix: string) => texts(p).findIndex((t) => t.startsWith(prefix));
    expect(at('- route qrouter-')).toBeLessThan(at('- address qrouter-'));
    expect(at('- address qrouter-')).toBeLessThan(
      at('- link qrouter-8c1f6a0e-3d2b-4e5f-9a7c-1b2d3e4f5a6b/qg-a1b2c3d4-e5'),
    );
    expect(at('- link qrouter-')).toBeLessThan(at('- port br-ex/qg-a1b2c3d4-e5'));
    expect(at('- port br-ex/qg-a1b2c3d4-e5')).toBeLessThan(at('- bridge br-ex'));
  });

  it('changes a tag, an interface and a link through set-* edits', () => {
    const { plan: p } = planEdits(load('kvm'), [
      { op: 'set-port', name: 'vnet0', tag: 12 },
      { op: 'set-interface', name: 'gnv0', options: { remote_ip: '198.18.1.251' } },
      { op: 'set-link', namespace: 'vm-web', name: 'eth0', mtu: 1400 },
    ]);
    expect(p.steps.map((s) => [s.text, s.forward])).toEqual([
      [
        '~ link vm-web/eth0 mtu 1500 → 1400',
        [['ip', '-n', 'vm-web', 'link', 'set', 'dev', 'eth0', 'mtu', '1400']],
      ],
      [
        '~ interface gnv0 options:remote_ip 198.18.1.250 → 198.18.1.251',
        [['set', 'Interface', 'gnv0', 'options:remote_ip=198.18.1.251']],
      ],
      ['~ port ovsbr0/vnet0 tag 10 → 12', [['set', 'Port', 'vnet0', 'tag=12']]],
    ]);
  });
});
