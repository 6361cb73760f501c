import { describe, expect, it } from 'vitest';
import type { HostModel } from '../../model/schema';
import {
  bridge,
  brief,
  fixtureModel,
  host,
  iface,
  link,
  linkIn,
  patch,
  port,
  run,
  veth,
} from '../lint.test-helper';
import { dupMac } from './dup-mac';
import { dupMacHost } from './dup-mac-host';

/** Two VMs behind veths on br0: vm-a in VLAN `a`, vm-b in VLAN `b`. */
function twoVms(vlanA: number, vlanB: number, bridgeB = 'br0'): HostModel {
  const m = host();
  bridge(m, 'br0');
  if (bridgeB !== 'br0') {
    bridge(m, bridgeB);
    patch(m, ['br0', 'to-br1'], [bridgeB, 'to-br0']);
  }
  veth(m, ['', 'vm-a'], ['a', 'eth0']);
  veth(m, ['', 'vm-b'], ['b', 'eth0']);
  port(m, 'br0', 'vm-a', { tag: vlanA });
  port(m, bridgeB, 'vm-b', { tag: vlanB });
  linkIn(m, 'b', 'eth0').mac = linkIn(m, 'a', 'eth0').mac ?? '';
  return m;
}

describe('dup-mac and dup-mac-host on hand-made hosts', () => {
  it('reports one MAC on two VMs of one VLAN as an error, and only there', () => {
    const m = twoVms(10, 10);
    const mac = linkIn(m, 'a', 'eth0').mac;
    expect(brief(run(dupMac, m))).toEqual([
      {
        rule: 'dup-mac',
        title: `MAC ${mac} is used by eth0 (a) and eth0 (b) in VLAN 10 on br0`,
        objects: ['link:a/eth0', 'link:b/eth0'],
      },
    ]);
    expect(run(dupMac, m)[0]?.severity).toBe('error');
    expect(run(dupMacHost, m)).toEqual([]);
  });

  it('follows a VLAN across patch-joined bridges', () => {
    const m = twoVms(10, 10, 'br1');
    expect(run(dupMac, m).map((f) => f.title)).toEqual([
      `MAC ${linkIn(m, 'a', 'eth0').mac} is used by eth0 (a) and eth0 (b) in VLAN 10 on br0, br1`,
    ]);
  });

  it('reports the same MAC in two VLANs as a host-wide warning', () => {
    const m = twoVms(10, 20);
    expect(run(dupMac, m)).toEqual([]);
    const host = run(dupMacHost, m);
    expect(brief(host)).toEqual([
      {
        rule: 'dup-mac-host',
        title: `MAC ${linkIn(m, 'a', 'eth0').mac} is used by eth0 (a) and eth0 (b)`,
        objects: ['link:a/eth0', 'link:b/eth0'],
      },
    ]);
    expect(host[0]?.severity).toBe('warning');
  });

  it('counts the MAC a guest uses (attached-mac) against the other devices of its VLAN', () => {
    const m = twoVms(10, 10);
    linkIn(m, 'b', 'eth0').mac = '02:aa:00:00:00:01';
    port(m, 'br0', 'tap-c', { tag: 10, type: 'tap', externalIds: { 'attached-mac': '02:AA:00:00:00:01' } });
    expect(brief(run(dupMac, m))).toEqual([
      {
        rule: 'dup-mac',
        title: 'MAC 02:aa:00:00:00:01 is used by the guest behind tap-c and eth0 (b) in VLAN 10 on br0',
        objects: ['iface:tap-c', 'link:b/eth0'],
      },
    ]);
  });

  it('still tells apart two ports of one bridge, though the bridge may share a MAC with either', () => {
    const m = host();
    link(m, '', 'brq', { kind: 'bridge', mac: '02:00:00:00:bb:01' });
    link(m, '', 'tap1', { master: 'brq', mac: '02:00:00:00:bb:01' });
    link(m, '', 'tap2', { master: 'brq', mac: '02:00:00:00:bb:01' });
    bridge(m, 'br0');
    link(m, '', 'br0', { kind: 'openvswitch', mac: '02:00:00:00:cc:01' });
    link(m, 'r1', 'qr-1', { kind: 'openvswitch', mac: '02:00:00:00:cc:01' });
    link(m, 'r2', 'qr-2', { kind: 'openvswitch', mac: '02:00:00:00:cc:01' });
    port(m, 'br0', 'qr-1', { type: 'internal', tag: 3 });
    port(m, 'br0', 'qr-2', { type: 'internal', tag: 3 });
    expect(brief(run(dupMac, m))).toEqual([
      {
        rule: 'dup-mac',
        title: 'MAC 02:00:00:00:bb:01 is used by tap1 and tap2 in Linux bridge brq',
        objects: ['link:/tap1', 'link:/tap2'],
      },
      {
        rule: 'dup-mac',
        title: 'MAC 02:00:00:00:cc:01 is used by qr-1 (r1) and qr-2 (r2) in VLAN 3 on br0',
        objects: ['link:r1/qr-1', 'link:r2/qr-2'],
      },
    ]);
    expect(run(dupMacHost, m)).toEqual([]);
  });

  it('accepts the MACs Linux and OVS share on purpose, and not more', () => {
    const m = host();
    const shared = '02:00:00:00:aa:01';
    // A bond puts its MAC on its members, a VLAN sub-interface keeps its parent's.
    link(m, '', 'bond0', { kind: 'bond', mac: shared });
    link(m, '', 'eno1', { master: 'bond0', slaveKind: 'bond', mac: shared });
    link(m, '', 'eno2', { master: 'bond0', slaveKind: 'bond', mac: shared });
    link(m, '', 'bond0.100', { kind: 'vlan', link: 'bond0', vlanId: 100, mac: shared });
    // A Linux bridge takes a port's MAC.
    link(m, '', 'brq', { kind: 'bridge', mac: '02:00:00:00:bb:01' });
    link(m, '', 'tap1', { master: 'brq', mac: '02:00:00:00:bb:01' });
    // OVS gives the bridge's own port the MAC of a physical port.
    bridge(m, 'ovs0');
    link(m, '', 'ovs0', { kind: 'openvswitch', mac: '02:00:00:00:cc:01' });
    link(m, '', 'eth5', { mac: '02:00:00:00:cc:01' });
    port(m, 'ovs0', 'eth5');
    // Not station addresses: all-zero and multicast.
    link(m, '', 'gre0', { kind: 'gre', mac: '00:00:00:00:00:00' });
    link(m, 'x', 'gre0', { kind: 'gre', mac: '00:00:00:00:00:00' });
    link(m, '', 'm1', { mac: '01:00:5e:00:00:01' });
    link(m, 'x', 'm1', { mac: '01:00:5e:00:00:01' });
    expect(run(dupMac, m)).toEqual([]);
    expect(run(dupMacHost, m)).toEqual([]);
    // The bridge port taking the bond's MAC is not one of those cases.
    linkIn(m, '', 'tap1').mac = shared;
    expect(run(dupMacHost, m).map((f) => f.objects)).toEqual([
      ['link:/bond0', 'link:/bond0.100', 'link:/eno1', 'link:/eno2', 'link:/tap1'],
    ]);
  });
});

describe('dup-mac and dup-mac-host on the lab captures', () => {
  it.each(['openstack', 'compute', 'kvm', 'aio'] as const)('finds nothing on %s', (name) => {
    const m = fixtureModel(name);
    expect(run(dupMac, m)).toEqual([]);
    expect(run(dupMacHost, m)).toEqual([]);
  });

  it('finds a VM taking another guest’s MAC on the compute host', () => {
    const m = fixtureModel('compute');
    // tap3f2e1d0c-ba's guest uses fa:16:3e:01:02:03; vm2 (VLAN 1 too) now does as well.
    linkIn(m, 'vm2', 'eth0').mac = iface(m, 'tap3f2e1d0c-ba').externalIds['attached-mac'] ?? '';
    expect(brief(run(dupMac, m))).toEqual([
      {
        rule: 'dup-mac',
        title:
          'MAC fa:16:3e:01:02:03 is used by the guest behind tap3f2e1d0c-ba and eth0 (vm2) in VLAN 1 on br-int, br-tun',
        objects: ['iface:tap3f2e1d0c-ba', 'link:vm2/eth0'],
      },
    ]);
  });

  it('tells a clash across VLANs on the kvm host from one inside a VLAN', () => {
    const m = fixtureModel('kvm');
    // vm-web sits in VLAN 10 (vnet0), vm-router's eth0 in native VLAN 20 (vnet1).
    linkIn(m, 'vm-web', 'eth0').mac = linkIn(m, 'vm-router', 'eth0').mac ?? '';
    expect(run(dupMac, m)).toEqual([]);
    expect(brief(run(dupMacHost, m))).toEqual([
      {
        rule: 'dup-mac-host',
        title: 'MAC 52:54:00:6b:3c:02 is used by eth0 (vm-router) and eth0 (vm-web)',
        objects: ['link:vm-router/eth0', 'link:vm-web/eth0'],
      },
    ]);
  });
});
