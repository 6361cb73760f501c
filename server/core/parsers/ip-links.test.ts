import { describe, expect, it } from 'vitest';
import { fixture, fixturePart } from './fixtures.test-helper';
import { parseIpLinks } from './ip-links';

const QROUTER = 'qrouter-5f1c7b2e-8a41-4d3b-9c2a-0e6f1d2b3c4d';

describe('parseIpLinks (real captures)', () => {
  it('reads a veth end in a VM namespace with its peer index and netnsid', () => {
    const { items, errors } = parseIpLinks(fixturePart('openstack-aio.collect.txt', 'links', 'vm1'), 'vm1');
    expect(errors).toEqual([]);
    const eth0 = items.find((l) => l.name === 'eth0');
    expect(eth0).toMatchObject({
      id: 'link:vm1/eth0',
      kind: 'veth',
      mac: 'fa:16:3e:aa:bb:cc',
      linkNetnsid: 0,
      operstate: 'UP',
    });
    expect(eth0?.linkIndex).toBeTypeOf('number');
    expect(eth0?.addresses.map((a) => `${a.family} ${a.local}/${a.prefixlen} ${a.scope}`)).toEqual([
      'inet 192.0.2.20/24 global',
      'inet6 fe80::f816:3eff:feaa:bbcc/64 link',
    ]);
    expect(eth0?.addresses[0]?.id).toBe('addr:vm1/eth0/192.0.2.20/24');
  });

  it('reads OVS internal ports moved into a qrouter namespace as tap links with addresses', () => {
    const { items } = parseIpLinks(fixturePart('openstack-aio.collect.txt', 'links', QROUTER), QROUTER);
    const qr = items.find((l) => l.name === 'qr-0a1b2c3d-4e');
    expect(qr).toMatchObject({ kind: 'tun', tunType: 'tap', mac: 'fa:16:3e:11:22:33' });
    expect(qr?.addresses.map((a) => a.local)).toContain('192.0.2.1');
  });

  it('reads root-namespace vxlan, Linux bridge membership and same-namespace veth peers', () => {
    const { items } = parseIpLinks(fixturePart('openstack-aio.collect.txt', 'links'), '');
    const byName = new Map(items.map((l) => [l.name, l]));
    expect(byName.get('vxlan100')).toMatchObject({
      kind: 'vxlan',
      slaveKind: 'bridge',
      master: 'brq-test',
      vxlan: { id: 100, remote: '198.51.100.9', local: '198.18.0.1', dstport: 4789, dev: 'underlay0' },
    });
    expect(byName.get('brq-test')?.kind).toBe('bridge');
    expect(byName.get('eth1')).toMatchObject({ kind: 'veth', link: 'uplink0' });
    expect(byName.get('lo')).toMatchObject({ kind: 'device', linkType: 'loopback' });
  });
});

describe('parseIpLinks (hand-written kinds the lab cannot create)', () => {
  const { items, errors } = parseIpLinks(fixture('ip-links-kinds.json'), '');
  const byName = new Map(items.map((l) => [l.name, l]));

  it('reads bond, bond slaves, vlan, dummy, macvlan, gre and openvswitch kinds', () => {
    expect(byName.get('bond0')).toMatchObject({ kind: 'bond', bondMode: '802.3ad' });
    expect(byName.get('eno2')).toMatchObject({ kind: 'device', slaveKind: 'bond', master: 'bond0' });
    expect(byName.get('bond0.100')).toMatchObject({
      kind: 'vlan',
      vlanId: 100,
      vlanProtocol: '802.1Q',
      link: 'bond0',
    });
    expect(byName.get('dummy0')?.kind).toBe('dummy');
    expect(byName.get('macvlan0')).toMatchObject({ kind: 'macvlan', mode: 'bridge' });
    expect(byName.get('gre1')?.addresses[0]).toMatchObject({ local: '192.0.2.9', address: '192.0.2.10' });
    expect(byName.get('ovs-system')?.kind).toBe('openvswitch');
    expect(byName.get('tap3f2e1d0c-ba')).toMatchObject({
      kind: 'tun',
      slaveKind: 'openvswitch',
      master: 'ovs-system',
    });
    expect(byName.get('vxlan_sys_4789')?.vxlan).toEqual({ id: 0, dstport: 4789 });
  });

  it('keeps readable entries and reports the unreadable one', () => {
    expect(byName.has('not-a-link')).toBe(true);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('broken-entry-without-ifindex');
  });

  it('reports text that is not JSON instead of throwing', () => {
    expect(parseIpLinks('1: lo: <LOOPBACK,UP>', '').errors[0]).toMatch(/not JSON/);
  });
});
