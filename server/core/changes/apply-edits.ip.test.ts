import { describe, expect, it } from 'vitest';
import type { HostModel } from '../model/schema';
import { accepted, labModel, refusedWith } from './apply-edits.test-helper';
import { modelObjects } from './objects';

const aio = () => labModel('aio');
const kvm = () => labModel('kvm');
const QROUTER = 'qrouter-8c1f6a0e-3d2b-4e5f-9a7c-1b2d3e4f5a6b';
const object = (model: HostModel, id: string) => modelObjects(model).find((o) => o.id === id);

describe('add-address', () => {
  it('adds an IPv4 address as ip prints it (label, scope); no connected route is made up', () => {
    const { desired, summary } = accepted(aio(), [
      { op: 'add-address', namespace: 'outside', link: 'eth1-outside', address: '10.66.0.1/24' },
    ]);
    expect(summary).toEqual({ added: ['addr:outside/eth1-outside/10.66.0.1/24'], removed: [], changed: {} });
    const ns = desired.namespaces.find((n) => n.name === 'outside');
    expect(ns?.links.find((l) => l.name === 'eth1-outside')?.addresses.at(-1)).toEqual({
      id: 'addr:outside/eth1-outside/10.66.0.1/24',
      family: 'inet',
      local: '10.66.0.1',
      prefixlen: 24,
      scope: 'global',
      label: 'eth1-outside',
    });
    expect(ns?.routes.length).toBe(aio().namespaces.find((n) => n.name === 'outside')?.routes.length);
  });

  it('writes IPv6 the way ip prints it', () => {
    const { summary } = accepted(aio(), [
      { op: 'add-address', link: 'eth0', address: '2001:DB8:0:0::0001/64' },
    ]);
    expect(summary.added).toEqual(['addr:/eth0/2001:db8::1/64']);
  });

  it('to a link made by an earlier edit', () => {
    const { summary } = accepted(aio(), [
      { op: 'add-namespace', name: 'r1' },
      { op: 'add-veth', name: 'r1-a', peer: 'r1-b', namespace: 'r1' },
      { op: 'add-address', namespace: 'r1', link: 'r1-a', address: '192.0.2.77/28' },
    ]);
    expect(summary.added).toContain('addr:r1/r1-a/192.0.2.77/28');
  });

  it('refuses a bad CIDR, a missing link, a duplicate, link-local and multicast addresses', () => {
    for (const bad of [
      '10.0.0.1',
      '10.0.0.256/24',
      '10.0.0.1/33',
      'fe80::1/129',
      'x/24',
      '10.0.0.1/24; reboot',
    ])
      expect(
        refusedWith(aio(), [{ op: 'add-address', link: 'eth0', address: bad }], 0, 'address').message,
      ).toMatch(/is not an IPv4 or IPv6 address with a prefix length/);
    expect(
      refusedWith(aio(), [{ op: 'add-address', link: 'eth9', address: '10.0.0.1/24' }], 0, 'link').message,
    ).toMatch(/link eth9 does not exist in the root namespace \(links there: lo, eth0/);
    expect(
      refusedWith(
        aio(),
        [{ op: 'add-address', namespace: 'outside', link: 'eth1-outside', address: '203.0.113.254/24' }],
        0,
        'address',
      ).message,
    ).toBe('203.0.113.254/24 is already on eth1-outside in namespace outside');
    refusedWith(aio(), [{ op: 'add-address', link: 'eth0', address: 'fe80::5/64' }], 0, 'address');
    refusedWith(aio(), [{ op: 'add-address', link: 'eth0', address: '224.0.0.5/24' }], 0, 'address');
    refusedWith(
      aio(),
      [{ op: 'add-address', namespace: 'nope', link: 'eth0', address: '10.0.0.1/24' }],
      0,
      'namespace',
    );
  });
});

describe('delete-address', () => {
  it('removes the address; the last IPv4 address takes the IPv4 routes through the link with it', () => {
    const { summary } = accepted(aio(), [
      { op: 'delete-address', namespace: 'instance-1', link: 'qvb3c4d5e6f-7a', address: '192.0.2.10/24' },
    ]);
    expect(summary).toEqual({
      added: [],
      removed: ['addr:instance-1/qvb3c4d5e6f-7a/192.0.2.10/24', 'route:instance-1/main/inet/default'],
      changed: {},
    });
  });

  it('refuses an address that is not there, listing those that are', () => {
    expect(
      refusedWith(
        aio(),
        [{ op: 'delete-address', namespace: 'outside', link: 'eth1-outside', address: '203.0.113.1/24' }],
        0,
        'address',
      ).message,
    ).toMatch(
      /203.0.113.1\/24 is not on eth1-outside in namespace outside \(addresses there: 203.0.113.254\/24/,
    );
    refusedWith(aio(), [{ op: 'delete-address', link: 'eth0', address: 'nonsense' }], 0, 'address');
  });
});

describe('add-route', () => {
  it('via an on-link gateway: table main, proto boot, dev filled in as the kernel picks it', () => {
    const { desired, summary } = accepted(aio(), [
      { op: 'add-route', namespace: 'outside', dst: '10.0.0.0/8', via: '203.0.113.10' },
    ]);
    expect(summary).toEqual({ added: ['route:outside/main/inet/10.0.0.0/8'], removed: [], changed: {} });
    expect(object(desired, 'route:outside/main/inet/10.0.0.0/8')?.fields).toEqual({
      table: 'main',
      family: 'inet',
      type: 'unicast',
      dst: '10.0.0.0/8',
      via: '203.0.113.10',
      dev: 'eth1-outside',
      metric: null,
    });
  });

  it('default, host routes, numbered tables, metrics, IPv6 (metric 1024 by default), dev-only', () => {
    const { summary } = accepted(aio(), [
      { op: 'add-route', namespace: 'outside', dst: 'default', via: '203.0.113.1' },
      {
        op: 'add-route',
        namespace: 'outside',
        dst: '192.0.2.7/32',
        dev: 'eth1-outside',
        table: 100,
        metric: 5,
      },
      { op: 'add-address', namespace: 'outside', link: 'eth1-outside', address: '2001:db8:1::1/64' },
      { op: 'add-route', namespace: 'outside', dst: '2001:db8:2::/48', via: '2001:db8:1::fe' },
      { op: 'add-route', namespace: 'outside', dst: '0.0.0.0/0', via: '203.0.113.2', table: 254, metric: 10 },
    ]);
    expect(summary.added).toEqual([
      'addr:outside/eth1-outside/2001:db8:1::1/64',
      'route:outside/100/inet/192.0.2.7/5',
      'route:outside/main/inet/default',
      'route:outside/main/inet/default/10',
      'route:outside/main/inet6/2001:db8:2::/48/1024',
    ]);
  });

  it('uses a gateway made on-link by an earlier edit', () => {
    const { summary } = accepted(aio(), [
      { op: 'add-namespace', name: 'r1' },
      { op: 'add-veth', name: 'r1-a', peer: 'r1-b', namespace: 'r1' },
      { op: 'add-address', namespace: 'r1', link: 'r1-a', address: '192.0.2.77/28' },
      { op: 'set-link', namespace: 'r1', name: 'r1-a', up: true },
      { op: 'add-route', namespace: 'r1', dst: 'default', via: '192.0.2.78' },
    ]);
    expect(summary.added).toContain('route:r1/main/inet/default');
  });

  it('refuses a gateway that is not on-link (naming the prefixes there), or only through a down link', () => {
    expect(
      refusedWith(
        aio(),
        [{ op: 'add-route', namespace: 'outside', dst: '10.0.0.0/8', via: '10.1.1.1' }],
        0,
        'via',
      ).message,
    ).toBe(
      'gateway 10.1.1.1 is not on-link in namespace outside: no address there has a prefix containing it (prefixes: 127.0.0.1/8 on lo, 203.0.113.254/24 on eth1-outside); add an address in its subnet first, or route via a gateway inside one of these',
    );
    // On-link through another link than the one given.
    refusedWith(
      aio(),
      [{ op: 'add-route', namespace: QROUTER, dst: '10.0.0.0/8', via: '192.0.2.9', dev: 'qg-a1b2c3d4-e5' }],
      0,
      'via',
    );
    expect(
      refusedWith(
        aio(),
        [
          { op: 'add-namespace', name: 'r1' },
          { op: 'add-veth', name: 'r1-a', peer: 'r1-b', namespace: 'r1' },
          { op: 'add-address', namespace: 'r1', link: 'r1-a', address: '192.0.2.77/28' },
          { op: 'add-route', namespace: 'r1', dst: 'default', via: '192.0.2.78' },
        ],
        3,
        'via',
      ).message,
    ).toMatch(/only through r1-a, which is down .*set-link \{name: r1-a, up: true\}/);
    // The gateway is an address of the namespace itself.
    refusedWith(
      aio(),
      [{ op: 'add-route', namespace: 'outside', dst: '10.0.0.0/8', via: '203.0.113.254' }],
      0,
      'via',
    );
  });

  it('refuses bad destinations, a missing dev, duplicates, mixed families, the local table', () => {
    for (const dst of ['10.0.0.0', '10.0.0.0/33', 'everything', '10.0.0.0/8 via 1.2.3.4'])
      refusedWith(aio(), [{ op: 'add-route', namespace: 'outside', dst, via: '203.0.113.1' }], 0, 'dst');
    expect(
      refusedWith(
        aio(),
        [{ op: 'add-route', namespace: 'outside', dst: '10.1.2.3/8', via: '203.0.113.1' }],
        0,
        'dst',
      ).message,
    ).toBe('10.1.2.3/8 has host bits set; the network is 10.0.0.0/8');
    refusedWith(aio(), [{ op: 'add-route', namespace: 'outside', dst: '10.0.0.0/8', dev: 'eth0' }], 0, 'dev');
    expect(
      refusedWith(
        aio(),
        [{ op: 'add-route', namespace: QROUTER, dst: 'default', via: '203.0.113.254' }],
        0,
        'dst',
      ).message,
    ).toMatch(
      /already has a route default via 203.0.113.254 dev qg-a1b2c3d4-e5 in table main; delete-route it first/,
    );
    refusedWith(
      aio(),
      [{ op: 'add-route', namespace: 'outside', dst: '2001:db8::/32', via: '203.0.113.1' }],
      0,
      'via',
    );
    refusedWith(
      aio(),
      [{ op: 'add-route', namespace: 'outside', dst: '10.0.0.0/8', via: '203.0.113.1', table: 'local' }],
      0,
      'table',
    );
    refusedWith(aio(), [{ op: 'add-route', namespace: 'outside', dst: '10.0.0.0/8' }], 0, 'via');
    refusedWith(kvm(), [{ op: 'add-route', dst: '10.0.0.0/8', dev: 'ovsbr0' }], 0, 'dev');
  });
});

describe('delete-route', () => {
  it('removes the route that matches (table, dst, and via/dev/metric when given)', () => {
    const { summary } = accepted(kvm(), [
      { op: 'delete-route', namespace: 'vm-router', dst: 'default', table: 200 },
      { op: 'delete-route', namespace: 'vm-router', dst: '192.0.2.0/24', table: 100, via: '198.51.100.2' },
      { op: 'delete-route', namespace: 'vm-router', dst: 'default', via: '198.51.100.130' },
    ]);
    expect(summary).toEqual({
      added: [],
      removed: [
        'route:vm-router/100/inet/192.0.2.0/24',
        'route:vm-router/200/inet/default',
        'route:vm-router/main/inet/default',
      ],
      changed: {},
    });
  });

  it('refuses a route that is not there (listing the routes of that table), a kernel route, an ambiguous one', () => {
    expect(
      refusedWith(kvm(), [{ op: 'delete-route', namespace: 'vm-router', dst: '10.0.0.0/8' }], 0, 'dst')
        .message,
    ).toBe(
      'namespace vm-router has no route 10.0.0.0/8 in table main (routes there: default via 198.51.100.130 dev wan0)',
    );
    refusedWith(
      kvm(),
      [{ op: 'delete-route', namespace: 'vm-router', dst: 'default', via: '198.51.100.9' }],
      0,
      'dst',
    );
    expect(
      refusedWith(kvm(), [{ op: 'delete-route', namespace: 'vm-router', dst: '198.51.100.0/24' }], 0, 'dst')
        .message,
    ).toMatch(/made by the kernel for an address; delete-address/);
    const ambiguous = accepted(kvm(), [
      { op: 'add-route', namespace: 'vm-router', dst: '10.0.0.0/8', via: '198.51.100.2', metric: 1 },
      { op: 'add-route', namespace: 'vm-router', dst: '10.0.0.0/8', via: '198.51.100.130', metric: 2 },
    ]).desired;
    expect(
      refusedWith(ambiguous, [{ op: 'delete-route', namespace: 'vm-router', dst: '10.0.0.0/8' }], 0, 'dst')
        .message,
    ).toMatch(/2 routes match .*give via, dev or metric/);
    refusedWith(kvm(), [{ op: 'delete-route', namespace: 'vm-router', dst: '10.0.0.0/33' }], 0, 'dst');
  });
});
