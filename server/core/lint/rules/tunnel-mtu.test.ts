import { describe, expect, it } from 'vitest';
import type { HostModel } from '../../model/schema';
import {
  bridge,
  fixtureModel,
  flowOf,
  host,
  iface,
  link,
  linkIn,
  port,
  route,
  run,
  veth,
} from '../lint.test-helper';
import { tunnelMtu } from './tunnel-mtu';

/**
 * br-tun with a tunnel to 10.0.0.2 over eth0 (MTU 1500) and two VMs: vm-a in VLAN 5, vm-b in
 * VLAN 6 (MTU 9000, both ends). `flows` are br-tun's.
 */
function tunnelHost(
  type: string,
  opts: { vmMtu?: number; flows?: string[]; remote?: string } = {},
): HostModel {
  const m = host();
  const remote = opts.remote ?? '10.0.0.2';
  link(m, '', 'eth0', { addresses: ['10.0.0.1/24', 'fd00::1/64'] });
  route(m, '', { dst: '10.0.0.0/24', dev: 'eth0' });
  route(m, '', { dst: 'fd00::/64', dev: 'eth0' });
  bridge(m, 'br-tun', opts.flows);
  const mtu = opts.vmMtu ?? 1500;
  veth(m, ['', 'vm-a'], ['a', 'eth0'], { a: { mtu }, b: { mtu } });
  veth(m, ['', 'vm-b'], ['b', 'eth0'], { a: { mtu: 9000 }, b: { mtu: 9000 } });
  port(m, 'br-tun', 'vm-a', { tag: 5 });
  port(m, 'br-tun', 'vm-b', { tag: 6 });
  port(m, 'br-tun', 'tun0', {
    type,
    options: { remote_ip: remote, local_ip: remote.includes(':') ? 'fd00::1' : '10.0.0.1' },
  });
  return m;
}

const VLAN5_ONLY = ['priority=1,dl_vlan=5 actions=strip_vlan,output:tun0'];
const titles = (m: HostModel) => run(tunnelMtu, m).map((f) => f.title);

describe('tunnel-mtu on hand-made hosts', () => {
  it('counts what flows send into the tunnel: VLAN 5 at 1500 needs 1550 over vxlan', () => {
    const found = run(tunnelMtu, tunnelHost('vxlan', { flows: VLAN5_ONLY }));
    expect(found.map((f) => [f.severity, f.title, f.objects])).toEqual([
      [
        'warning',
        'vxlan tunnel tun0 needs an underlay MTU of 1550, eth0 has 1500',
        ['iface:tun0', 'link:/eth0', 'link:/vm-a'],
      ],
    ]);
    expect(found[0]?.explanation).toContain('Lower the MTU of the devices on the tunnelled network to 1450');
  });

  it('passes when the tunnelled VLAN fits, whatever other VLANs carry', () => {
    expect(titles(tunnelHost('vxlan', { vmMtu: 1450, flows: VLAN5_ONLY }))).toEqual([]);
    expect(titles(tunnelHost('vxlan', { flows: [] }))).toEqual([]);
  });

  it('under NORMAL every VLAN reaches the tunnel, the 9000-byte one included', () => {
    expect(titles(tunnelHost('vxlan', { vmMtu: 1450 }))).toEqual([
      'vxlan tunnel tun0 needs an underlay MTU of 9050, eth0 has 1500',
    ]);
  });

  it('counts the device a flow takes in_port from', () => {
    const m = tunnelHost('vxlan', { vmMtu: 1450, flows: ['priority=1,in_port=vm-b actions=output:tun0'] });
    expect(run(tunnelMtu, m).map((f) => f.objects)).toEqual([['iface:tun0', 'link:/eth0', 'link:/vm-b']]);
  });

  it('uses 50 bytes for geneve (the minimum), 38 for gre, 20 more over IPv6', () => {
    expect(titles(tunnelHost('geneve', { flows: VLAN5_ONLY }))).toEqual([
      'geneve tunnel tun0 needs an underlay MTU of 1550, eth0 has 1500',
    ]);
    expect(titles(tunnelHost('gre', { vmMtu: 1462, flows: VLAN5_ONLY }))).toEqual([]);
    expect(titles(tunnelHost('gre', { vmMtu: 1463, flows: VLAN5_ONLY }))).toEqual([
      'gre tunnel tun0 needs an underlay MTU of 1501, eth0 has 1500',
    ]);
    expect(titles(tunnelHost('vxlan', { vmMtu: 1450, flows: VLAN5_ONLY, remote: 'fd00::2' }))).toEqual([
      'vxlan tunnel tun0 needs an underlay MTU of 1520, eth0 has 1500',
    ]);
  });

  it('takes the device OVS reports, else the route, else the link holding local_ip; else says nothing', () => {
    const m = tunnelHost('vxlan', { flows: VLAN5_ONLY });
    link(m, '', 'jumbo', { mtu: 9000 });
    iface(m, 'tun0').status.tunnel_egress_iface = 'jumbo';
    expect(titles(m)).toEqual([]);
    delete iface(m, 'tun0').status.tunnel_egress_iface;
    iface(m, 'tun0').options.remote_ip = '192.0.2.9';
    expect(titles(m)).toEqual(['vxlan tunnel tun0 needs an underlay MTU of 1550, eth0 has 1500']);
    iface(m, 'tun0').options.local_ip = '10.9.9.9';
    expect(titles(m)).toEqual([]);
  });

  it('checks a kernel vxlan device against its dev', () => {
    const m = host();
    link(m, '', 'eth0');
    const vx = link(m, '', 'vx100', { kind: 'vxlan', vxlan: { id: 100, remote: '10.0.0.2', dev: 'eth0' } });
    expect(run(tunnelMtu, m).map((f) => [f.title, f.objects])).toEqual([
      ['vxlan tunnel vx100 needs an underlay MTU of 1550, eth0 has 1500', ['link:/vx100', 'link:/eth0']],
    ]);
    vx.mtu = 1450;
    expect(run(tunnelMtu, m)).toEqual([]);
  });
});

/**
 * The rule works out endpoints, NORMAL, VLAN membership and flows by output once per bridge and
 * shares them among the bridge's tunnels: each tunnel must still get its own feeders.
 */
describe('tunnel-mtu with several tunnels on one bridge', () => {
  const vxlan = (m: HostModel, name: string, extra: { tag?: number } = {}) =>
    port(m, 'br-tun', name, {
      type: 'vxlan',
      options: { remote_ip: '10.0.0.3', local_ip: '10.0.0.1' },
      ...extra,
    });
  const found = (m: HostModel) => run(tunnelMtu, m).map((f) => [f.title, f.objects]);

  it('under NORMAL a tunnel port in VLAN 5 gets VLAN 5 only; the trunk one gets every VLAN', () => {
    const m = tunnelHost('vxlan', { vmMtu: 1450 });
    vxlan(m, 'tun1', { tag: 5 });
    expect(found(m)).toEqual([
      [
        'vxlan tunnel tun0 needs an underlay MTU of 9050, eth0 has 1500',
        ['iface:tun0', 'link:/eth0', 'link:/vm-b'],
      ],
    ]);
    const m2 = tunnelHost('vxlan');
    vxlan(m2, 'tun1', { tag: 5 });
    vxlan(m2, 'tun2', { tag: 7 });
    expect(found(m2)).toEqual([
      [
        'vxlan tunnel tun0 needs an underlay MTU of 9050, eth0 has 1500',
        ['iface:tun0', 'link:/eth0', 'link:/vm-b'],
      ],
      [
        'vxlan tunnel tun1 needs an underlay MTU of 1550, eth0 has 1500',
        ['iface:tun1', 'link:/eth0', 'link:/vm-a'],
      ],
    ]);
  });

  it('finds the flows of each tunnel: by OpenFlow number, inside clone(), and none for a tunnel no flow feeds', () => {
    const m = tunnelHost('vxlan', { vmMtu: 1450, flows: [] });
    vxlan(m, 'tun1');
    const tun0 = iface(m, 'tun0').ofport;
    m.ovs?.bridges[0]?.flows?.push(
      flowOf('br-tun', `priority=2,in_port=vm-b actions=clone(output:${tun0})`),
      flowOf('br-tun', 'priority=1,dl_vlan=5 actions=strip_vlan,output:tun1'),
    );
    expect(found(m)).toEqual([
      [
        'vxlan tunnel tun0 needs an underlay MTU of 9050, eth0 has 1500',
        ['iface:tun0', 'link:/eth0', 'link:/vm-b'],
      ],
    ]);
    linkIn(m, '', 'vm-a').mtu = 1500;
    linkIn(m, 'a', 'eth0').mtu = 1500;
    expect(found(m).map(([title]) => title)).toEqual([
      'vxlan tunnel tun0 needs an underlay MTU of 9050, eth0 has 1500',
      'vxlan tunnel tun1 needs an underlay MTU of 1550, eth0 has 1500',
    ]);
  });

  it('of feeders with the same MTU it names the first by id, whatever their order on the bridge', () => {
    const m = tunnelHost('vxlan', { vmMtu: 9000 });
    veth(m, ['', 'vm-0'], ['z', 'eth0'], { a: { mtu: 9000 }, b: { mtu: 9000 } });
    port(m, 'br-tun', 'vm-0', { tag: 6 });
    vxlan(m, 'tun1', { tag: 5 });
    expect(found(m)).toEqual([
      [
        'vxlan tunnel tun0 needs an underlay MTU of 9050, eth0 has 1500',
        ['iface:tun0', 'link:/eth0', 'link:/vm-0'],
      ],
      [
        'vxlan tunnel tun1 needs an underlay MTU of 9050, eth0 has 1500',
        ['iface:tun1', 'link:/eth0', 'link:/vm-a'],
      ],
    ]);
  });
});

describe('tunnel-mtu on the lab captures', () => {
  it('openstack: br-tun sends VLAN 1 (VMs at 1500) into vxlan over a 1500 underlay; the kernel vxlan fits', () => {
    expect(run(tunnelMtu, fixtureModel('openstack')).map((f) => [f.title, f.objects])).toEqual([
      [
        'vxlan tunnel vxlan-c6120002 needs an underlay MTU of 1550, underlay0 has 1500',
        ['iface:vxlan-c6120002', 'link:/underlay0', 'link:/tapvm1-aa'],
      ],
    ]);
  });

  it('compute: vxlan and gre are fed VLAN 1, geneve by no flow', () => {
    expect(titles(fixtureModel('compute'))).toEqual([
      'gre tunnel gre-c6120003 needs an underlay MTU of 1538, underlay0 has 1500',
      'vxlan tunnel vxlan-c6120001 needs an underlay MTU of 1550, underlay0 has 1500',
    ]);
  });

  it('compute with the VMs at 1450 (as Neutron sets them for vxlan) passes', () => {
    const m = fixtureModel('compute');
    linkIn(m, '', 'tap3f2e1d0c-ba').mtu = 1450;
    linkIn(m, '', 'tap9d8c7b6a-54').mtu = 1450;
    expect(titles(m)).toEqual([]);
  });

  it('kvm: the geneve port of a NORMAL bridge carries everything, over eth0 (holding local_ip)', () => {
    expect(titles(fixtureModel('kvm'))).toEqual([
      'geneve tunnel gnv0 needs an underlay MTU of 1550, eth0 has 1500',
    ]);
  });

  it('aio has no tunnel', () => {
    expect(titles(fixtureModel('aio'))).toEqual([]);
  });
});
