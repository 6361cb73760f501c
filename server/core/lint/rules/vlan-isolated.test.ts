import { describe, expect, it } from 'vitest';
import { bridge, fixtureModel, host, link, patch, port, run } from '../lint.test-helper';
import { vlanIsolated } from './vlan-isolated';

const ALONE = 'port vm-a is alone in VLAN 10 on br0 and nothing carries VLAN 10 off the bridge';

/** br0 (NORMAL unless flows are given) with vm-a alone in VLAN 10 and uplink eth1 trunking VLAN 20. */
function lonely(flows?: string[] | null) {
  const m = host();
  bridge(m, 'br0', flows);
  port(m, 'br0', 'vm-a', { tag: 10 });
  port(m, 'br0', 'eth1', { trunks: [20] });
  return m;
}
const titles = (m: ReturnType<typeof host>) => run(vlanIsolated, m).map((f) => f.title);

describe('vlan-isolated', () => {
  it('reports a port alone in a VLAN no trunk carries', () => {
    expect(run(vlanIsolated, lonely()).map((f) => [f.severity, f.title, f.objects, f.fix])).toEqual([
      ['warning', ALONE, ['br:br0', 'port:br0/vm-a'], undefined],
    ]);
  });

  it('accepts a trunk listing the VLAN, a port carrying all VLANs, a patch port or a second member', () => {
    const trunk = lonely();
    const eth1 = trunk.ovs?.ports.find((p) => p.name === 'eth1');
    if (eth1) eth1.trunks = [10, 20];
    expect(titles(trunk)).toEqual([]);
    const uplink = lonely();
    port(uplink, 'br0', 'eth2');
    expect(titles(uplink)).toEqual([]);
    const patched = lonely();
    bridge(patched, 'br1');
    patch(patched, ['br0', 'to-br1'], ['br1', 'to-br0']);
    expect(titles(patched)).toEqual([]);
    const pair = lonely();
    port(pair, 'br0', 'vm-b', { tag: 10 });
    expect(titles(pair)).toEqual([]);
  });

  it('counts an internal port only with a VLAN sub-interface for the VLAN on it', () => {
    const m = lonely();
    link(m, '', 'br0', { kind: 'openvswitch' });
    const sub = link(m, '', 'br0.20', { kind: 'vlan', link: 'br0', vlanId: 20 });
    expect(titles(m)).toEqual([ALONE]);
    sub.vlanId = 10;
    expect(titles(m)).toEqual([]);
  });

  it('accepts flows that take the VLAN elsewhere or rewrite traffic into it', () => {
    const normal = 'priority=0 actions=NORMAL';
    expect(titles(lonely([normal, 'priority=5,dl_vlan=10 actions=output:eth1']))).toEqual([]);
    expect(titles(lonely([normal, 'priority=5,in_port=vm-a actions=mod_vlan_vid:20,NORMAL']))).toEqual([]);
    expect(
      titles(lonely([normal, 'priority=5,in_port=eth1,dl_vlan=20 actions=mod_vlan_vid:10,NORMAL'])),
    ).toEqual([]);
    expect(titles(lonely([normal, 'priority=5,in_port=vm-a actions=NORMAL']))).toEqual([ALONE]);
  });

  it('stays quiet where the flows are unknown or forward without NORMAL', () => {
    expect(titles(lonely(null))).toEqual([]);
    expect(titles(lonely(['priority=1,in_port=eth1 actions=output:vm-a']))).toEqual([]);
  });

  it.each(['openstack', 'compute', 'kvm', 'aio'] as const)('finds nothing on the %s capture', (name) => {
    expect(run(vlanIsolated, fixtureModel(name))).toEqual([]);
  });

  it('on the lab openstack host, only the patch to br-ex carries VLAN 2 of qvo9e8d7c6b-5a', () => {
    const m = fixtureModel('aio');
    const brInt = m.ovs?.bridges.find((b) => b.name === 'br-int');
    if (!brInt) throw new Error('fixture changed');
    brInt.ports = brInt.ports.filter((id) => id !== 'port:br-int/int-br-ex');
    expect(run(vlanIsolated, m).map((f) => [f.title, f.objects])).toEqual([
      [
        'port qvo9e8d7c6b-5a is alone in VLAN 2 on br-int and nothing carries VLAN 2 off the bridge',
        ['br:br-int', 'port:br-int/qvo9e8d7c6b-5a'],
      ],
    ]);
  });
});
