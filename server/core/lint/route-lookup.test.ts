import { describe, expect, it } from 'vitest';
import type { Rule } from '../model/schema';
import { fixtureModel, host, link, ns, route } from './lint.test-helper';
import { egressLinks } from './route-lookup';

const rule = (priority: number, selector: Rule['selector'], table: string, action = 'lookup'): Rule => ({
  id: `rule:${priority}`,
  family: 'inet',
  priority,
  selector,
  action,
  table,
});

function router() {
  const m = host();
  for (const name of ['eth0', 'eth1', 'eth2', 'wan']) link(m, '', name);
  route(m, '', { dst: 'default', gateway: '203.0.113.1', dev: 'eth0', metric: 100 });
  route(m, '', { dst: 'default', gateway: '203.0.113.9', dev: 'eth1', metric: 200 });
  route(m, '', { dst: '10.0.0.0/8', dev: 'eth1' });
  route(m, '', { dst: '10.1.0.0/16', dev: 'eth2' });
  route(m, '', { dst: '10.9.9.9', dev: 'eth2' });
  route(m, '', { dst: '10.66.0.0/16', type: 'unreachable' });
  route(m, '', { dst: 'default', dev: 'wan', table: '100' });
  route(m, '', { dst: '10.1.0.0/16', type: 'throw', table: '100' });
  return m;
}
const names = (links: { name: string }[] | null) => links?.map((l) => l.name) ?? null;
const root = (m: ReturnType<typeof host>) => ns(m, '');

describe('egressLinks', () => {
  it('takes the longest prefix, then the lowest metric, without rules as with the default ones', () => {
    const m = router();
    expect(names(egressLinks(root(m), '10.1.2.3'))).toEqual(['eth2']);
    expect(names(egressLinks(root(m), '10.9.9.9'))).toEqual(['eth2']);
    expect(names(egressLinks(root(m), '10.2.0.1'))).toEqual(['eth1']);
    expect(names(egressLinks(root(m), '192.0.2.1'))).toEqual(['eth0']);
    expect(egressLinks(root(m), '10.66.1.1')).toEqual([]);
    root(m).rules = [rule(0, { src: 'all' }, 'local'), rule(32766, { src: 'all' }, 'main')];
    expect(names(egressLinks(root(m), '192.0.2.1'))).toEqual(['eth0']);
  });

  it('follows source rules when the source is known, and a throw route to the next rule', () => {
    const m = router();
    root(m).rules = [
      rule(0, { src: 'all' }, 'local'),
      rule(1000, { src: '192.0.2.0', srclen: 24 }, '100'),
      rule(32766, { src: 'all' }, 'main'),
    ];
    expect(names(egressLinks(root(m), '198.51.100.1', '192.0.2.5'))).toEqual(['wan']);
    expect(names(egressLinks(root(m), '10.1.0.1', '192.0.2.5'))).toEqual(['eth2']);
    expect(names(egressLinks(root(m), '198.51.100.1', '203.0.113.5'))).toEqual(['eth0']);
    expect(egressLinks(root(m), '198.51.100.1')).toBeNull();
  });

  it('gives up on rules that match more than addresses, and on blocking rules answers none', () => {
    const m = router();
    root(m).rules = [rule(100, { src: 'all', fwmark: '0x1' }, '100'), rule(32766, { src: 'all' }, 'main')];
    expect(egressLinks(root(m), '192.0.2.1')).toBeNull();
    root(m).rules = [rule(100, { src: 'all' }, '', 'blackhole')];
    expect(egressLinks(root(m), '192.0.2.1')).toEqual([]);
  });

  it('returns every device of a multipath route, and none without a route', () => {
    const m = host();
    link(m, '', 'eth0');
    link(m, '', 'eth1');
    route(m, '', { dst: '2001:db8::/32', nexthops: [{ dev: 'eth0' }, { dev: 'eth1' }] });
    expect(names(egressLinks(root(m), '2001:db8::5'))).toEqual(['eth0', 'eth1']);
    expect(egressLinks(root(m), '2001:db9::5')).toEqual([]);
    expect(egressLinks(root(m), 'not-an-address')).toBeNull();
  });

  it('routes the lab captures as their kernels do', () => {
    const kvm = fixtureModel('kvm');
    const router = ns(kvm, 'vm-router');
    expect(names(egressLinks(router, '192.0.2.1', '198.51.100.1'))).toEqual(['eth0']);
    // fwmark rule 1100 sits between: lint cannot know the mark of a packet from 198.51.100.129.
    expect(egressLinks(router, '192.0.2.1', '198.51.100.129')).toBeNull();
    expect(names(egressLinks(ns(fixtureModel('compute'), ''), '198.18.0.4'))).toEqual(['underlay0']);
  });
});
