import { describe, expect, it } from 'vitest';
import type { HostModel } from '../../model/schema';
import { bridge, brief, fixtureModel, host, link, linkIn, port, run, veth } from '../lint.test-helper';
import { dupIp } from './dup-ip';

function twoVms(vlanA: number, vlanB: number): HostModel {
  const m = host();
  bridge(m, 'br0');
  veth(m, ['', 'vm-a'], ['a', 'eth0'], { b: { addresses: ['192.0.2.5/24', 'fe80::1/64'] } });
  veth(m, ['', 'vm-b'], ['b', 'eth0'], { b: { addresses: ['192.0.2.5/24', 'fe80::1/64'] } });
  port(m, 'br0', 'vm-a', { tag: vlanA });
  port(m, 'br0', 'vm-b', { tag: vlanB });
  return m;
}

describe('dup-ip', () => {
  it('reports one address on two VMs of one VLAN (link-local addresses aside)', () => {
    const found = run(dupIp, twoVms(10, 10));
    expect(brief(found)).toEqual([
      {
        rule: 'dup-ip',
        title: '192.0.2.5 is on eth0 (a) and eth0 (b) in VLAN 10 on br0',
        objects: ['link:a/eth0', 'link:b/eth0'],
      },
    ]);
    expect(found[0]?.severity).toBe('error');
  });

  it('accepts one address in two VLANs', () => {
    expect(run(dupIp, twoVms(10, 20))).toEqual([]);
  });

  it('sees a Linux bridge as one L2 domain', () => {
    const m = host();
    link(m, '', 'brq', { kind: 'bridge' });
    veth(m, ['', 'tap1'], ['c', 'eth0'], { a: { master: 'brq' }, b: { addresses: ['198.51.100.7/24'] } });
    veth(m, ['', 'tap2'], ['d', 'eth0'], { a: { master: 'brq' }, b: { addresses: ['198.51.100.7/24'] } });
    expect(run(dupIp, m).map((f) => f.title)).toEqual([
      '198.51.100.7 is on eth0 (c) and eth0 (d) in Linux bridge brq',
    ]);
    linkIn(m, 'd', 'eth0').master = undefined;
    linkIn(m, '', 'tap2').master = undefined;
    expect(run(dupIp, m)).toEqual([]);
  });

  it.each(['openstack', 'compute', 'kvm', 'aio'] as const)('finds nothing on the %s capture', (name) => {
    expect(run(dupIp, fixtureModel(name))).toEqual([]);
  });

  it('finds the DHCP port taking a VM address on the lab openstack host', () => {
    const m = fixtureModel('aio');
    const qdhcp = m.namespaces.find((n) => n.name.startsWith('qdhcp-'));
    const address = qdhcp?.links
      .find((l) => l.name === 'tap7d2e9b1a-0c')
      ?.addresses.find((a) => a.family === 'inet');
    if (!qdhcp || !address) throw new Error('fixture changed');
    address.local = '192.0.2.10';
    expect(brief(run(dupIp, m))).toEqual([
      {
        rule: 'dup-ip',
        title: `192.0.2.10 is on qvb3c4d5e6f-7a (instance-1) and tap7d2e9b1a-0c (${qdhcp.name}) in VLAN 1 on br-ex, br-int`,
        objects: ['link:instance-1/qvb3c4d5e6f-7a', `link:${qdhcp.name}/tap7d2e9b1a-0c`],
      },
    ]);
  });
});
