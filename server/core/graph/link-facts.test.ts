import { describe, expect, it } from 'vitest';
import type { Address, Link, Namespace, Route } from '../model';
import { linkFacts } from './link-facts';

const address = (local: string, prefixlen: number, scope = 'global'): Address => ({
  id: `addr:ns/x/${local}/${prefixlen}`,
  family: local.includes(':') ? 'inet6' : 'inet',
  local,
  prefixlen,
  scope,
});
const link = (name: string, addresses: Address[] = []): Link => ({
  id: `link:ns/${name}`,
  ifindex: 1,
  name,
  kind: 'veth',
  flags: [],
  addresses,
});
const route = (r: Partial<Route> & { dst: string }): Route => ({
  id: `route:ns/${r.dst}`,
  family: 'inet',
  table: 'main',
  type: 'unicast',
  flags: [],
  ...r,
});
const ns = (links: Link[], routes: Route[]): Namespace =>
  ({ id: 'ns:ns', name: 'ns', isRoot: false, links, routes, rules: [] }) as unknown as Namespace;

describe('linkFacts', () => {
  it('shows the first global address and how many more, never link-local or host scope', () => {
    const facts = linkFacts(
      ns(
        [
          link('a', [address('fe80::1', 64, 'link'), address('10.0.0.1', 24), address('2001:db8::1', 64)]),
          link('b', [address('fe80::2', 64, 'link')]),
          link('lo', [address('127.0.0.1', 8, 'host')]),
        ],
        [],
      ),
    );
    expect(facts.get('link:ns/a')).toEqual(['10.0.0.1/24 +1']);
    expect(facts.has('link:ns/b')).toBe(false);
    expect(facts.has('link:ns/lo')).toBe(false);
  });

  it("marks the main table's default route on the link it leaves by, one line per next hop", () => {
    const facts = linkFacts(
      ns(
        [link('up'), link('alt'), link('p2p'), link('v6')],
        [
          route({ dst: 'default', gateway: '10.0.0.254', dev: 'up' }),
          // Another table's default is chosen by a rule: not "the" default route.
          route({ dst: 'default', gateway: '10.9.9.9', dev: 'alt', table: '100' }),
          route({ dst: '0.0.0.0/0', nexthops: [{ gateway: '10.0.1.1', dev: 'alt' }, { dev: 'p2p' }] }),
          route({ dst: 'default', family: 'inet6', gateway: 'fe80::1', dev: 'v6' }),
          route({ dst: 'default', type: 'unreachable' }),
        ],
      ),
    );
    expect(facts.get('link:ns/up')).toEqual(['default via 10.0.0.254']);
    expect(facts.get('link:ns/alt')).toEqual(['default via 10.0.1.1']);
    expect(facts.get('link:ns/p2p')).toEqual(['default route']);
    expect(facts.get('link:ns/v6')).toEqual(['default via fe80::1']);
  });
});
