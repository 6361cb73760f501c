import { describe, expect, it } from 'vitest';
import { fixtureModel, host, link, run } from '../lint.test-helper';
import { subnetOverlap } from './subnet-overlap';

describe('subnet-overlap', () => {
  it('reports a subnet inside another one on a different link, and the same subnet twice', () => {
    const m = host();
    link(m, 'r', 'a', { addresses: ['10.0.0.1/16'] });
    link(m, 'r', 'b', { addresses: ['10.0.5.1/24'] });
    link(m, 'r', 'c', { addresses: ['192.0.2.1/24', '2001:db8::1/64'] });
    link(m, 'r', 'd', { addresses: ['192.0.2.200/24', '2001:db8:1::1/64'] });
    expect(run(subnetOverlap, m).map((f) => [f.severity, f.title, f.objects])).toEqual([
      [
        'warning',
        '10.0.0.0/16 on a overlaps 10.0.5.0/24 on b in namespace r',
        ['ns:r', 'link:r/a', 'link:r/b'],
      ],
      [
        'warning',
        '192.0.2.0/24 on c is also 192.0.2.0/24 on d in namespace r',
        ['ns:r', 'link:r/c', 'link:r/d'],
      ],
    ]);
  });

  it('accepts secondary addresses on one link, host and point-to-point addresses, link-local, other namespaces and VRFs', () => {
    const m = host();
    link(m, 'r', 'a', { addresses: ['10.0.0.1/16', '10.0.9.1/24', 'fe80::1/64'] });
    link(m, 'r', 'vip', { kind: 'dummy', addresses: ['10.0.0.99/32'] });
    link(m, 'r', 'b', { addresses: ['fe80::2/64'] });
    link(m, 's', 'a', { addresses: ['10.0.5.1/24'] });
    link(m, 'r', 'blue', { kind: 'vrf' });
    const inVrf = link(m, 'r', 'c', { master: 'blue', addresses: ['10.0.5.1/24'] });
    expect(run(subnetOverlap, m)).toEqual([]);
    inVrf.master = undefined;
    expect(run(subnetOverlap, m).map((f) => f.objects)).toEqual([['ns:r', 'link:r/a', 'link:r/c']]);
  });

  it('finds the overlapping networks of vm-router on the kvm capture', () => {
    expect(run(subnetOverlap, fixtureModel('kvm')).map((f) => [f.title, f.objects])).toEqual([
      [
        '198.51.100.0/24 on eth0 overlaps 198.51.100.128/25 on wan0 in namespace vm-router',
        ['ns:vm-router', 'link:vm-router/eth0', 'link:vm-router/wan0'],
      ],
    ]);
  });

  it.each(['openstack', 'compute', 'aio'] as const)('finds nothing on the %s capture', (name) => {
    expect(run(subnetOverlap, fixtureModel(name))).toEqual([]);
  });
});
