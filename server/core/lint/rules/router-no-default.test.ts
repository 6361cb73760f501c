import { describe, expect, it } from 'vitest';
import { fixtureModel, host, link, ns, route, run } from '../lint.test-helper';
import { routerNoDefault } from './router-no-default';

function router() {
  const m = host();
  link(m, 'r1', 'lan', { addresses: ['192.0.2.1/24', 'fe80::1/64'] });
  link(m, 'r1', 'wan', { addresses: ['198.51.100.2/24', 'fe80::2/64'] });
  link(m, 'r1', 'meta', { addresses: ['169.254.169.254/32'] });
  return m;
}

describe('router-no-default', () => {
  it('reports a namespace with addresses on two links and no default route', () => {
    const found = run(routerNoDefault, router());
    expect(found.map((f) => [f.severity, f.title, f.objects])).toEqual([
      [
        'warning',
        'namespace r1 has IPv4 addresses on 2 links but no IPv4 default route',
        ['ns:r1', 'link:r1/lan', 'link:r1/wan'],
      ],
    ]);
    expect(found[0]?.fix).toBeUndefined();
  });

  it('accepts a default route in any table, of any type', () => {
    const m = router();
    route(m, 'r1', { dst: 'default', gateway: '198.51.100.1', dev: 'wan', table: '100' });
    expect(run(routerNoDefault, m)).toEqual([]);
    ns(m, 'r1').routes = [];
    route(m, 'r1', { dst: 'default', type: 'unreachable' });
    expect(run(routerNoDefault, m)).toEqual([]);
  });

  it('looks at each family on its own, and ignores link-local, loopback and host-scope addresses', () => {
    const m = router();
    route(m, 'r1', { dst: 'default', gateway: '198.51.100.1', dev: 'wan' });
    expect(run(routerNoDefault, m)).toEqual([]);
    link(m, 'r1', 'lan6', { addresses: ['2001:db8:1::1/64'] });
    link(m, 'r1', 'wan6', { addresses: ['2001:db8:2::1/64'] });
    expect(run(routerNoDefault, m).map((f) => f.title)).toEqual([
      'namespace r1 has IPv6 addresses on 2 links but no IPv6 default route',
    ]);
    const one = host();
    link(one, 'h', 'eth0', { addresses: ['192.0.2.5/24'] });
    link(one, 'h', 'lo0', { linkType: 'loopback', addresses: ['192.0.2.99/32'] });
    expect(run(routerNoDefault, one)).toEqual([]);
  });

  it('finds the lab hosts whose root namespace has two networks and no default route', () => {
    expect(run(routerNoDefault, fixtureModel('openstack')).map((f) => [f.title, f.objects])).toEqual([
      [
        'the root namespace has IPv4 addresses on 2 links but no IPv4 default route',
        ['ns:', 'link:/br-ex', 'link:/underlay0'],
      ],
    ]);
    expect(run(routerNoDefault, fixtureModel('kvm')).map((f) => f.objects)).toEqual([
      ['ns:', 'link:/eth0', 'link:/mgmt0'],
    ]);
  });

  it('accepts the routers of the captures (qrouter and vm-router have defaults) and single-network hosts', () => {
    for (const name of ['compute', 'aio'] as const)
      expect(run(routerNoDefault, fixtureModel(name))).toEqual([]);
    const m = fixtureModel('aio');
    const qrouter = m.namespaces.find((n) => n.name.startsWith('qrouter-'));
    if (!qrouter) throw new Error('fixture changed');
    qrouter.routes = qrouter.routes.filter((r) => r.dst !== 'default');
    expect(run(routerNoDefault, m).map((f) => f.title)).toEqual([
      `namespace ${qrouter.name} has IPv4 addresses on 2 links but no IPv4 default route`,
    ]);
  });
});
