import { describe, expect, it } from 'vitest';
import { parseIpRoutes } from '../parsers/ip-routes';
import { pasteFixture } from './fixtures.test-helper';
import { parseIpRouteText } from './ip-route';
import { splitPaste } from './split';

const sections = splitPaste(
  `${pasteFixture('lab-openstack-aio.txt')}\n${pasteFixture('lab-openstack-aio-json.txt')}`,
);
const output = (typed: string) => sections.find((x) => x.command.typed === typed)?.text ?? '';

describe('parseIpRouteText', () => {
  it('gives what ip -json route gives for the same host', () => {
    const text = parseIpRouteText(output('ip route'), '', 'inet');
    expect(text).toEqual({ items: parseIpRoutes(output('sudo ip -j route'), '', 'inet').items, errors: [] });
  });

  it('reads IPv6 routes with metrics, and every table with route types', () => {
    const { items, errors } = parseIpRouteText(output('sudo ip -6 route show table all'), '', 'inet6');
    expect(errors).toEqual([]);
    expect(items.slice(0, 2).map((r) => r.id)).toEqual([
      'route:/main/inet6/fe80::/64/256',
      'route:/main/inet6/fe80::/64/256#2',
    ]);
    expect(items.find((r) => r.dst === '::1')).toEqual({
      id: 'route:/local/inet6/::1/0',
      family: 'inet6',
      table: 'local',
      type: 'local',
      dst: '::1',
      dev: 'lo',
      protocol: 'kernel',
      metric: 0,
      flags: [],
    });
    expect(items.filter((r) => r.type === 'multicast')).toHaveLength(4);
  });

  it('reads gateways, flags, multipath next hops and unreachable routes; takes the family from addresses', () => {
    const text = [
      'default via 10.0.0.1 dev eth0 proto dhcp src 10.0.0.5 metric 100 onlink',
      '10.9.0.0/16 proto static metric 20',
      '\tnexthop via 10.0.0.2 dev eth0 weight 1',
      '\tnexthop via 10.0.0.3 dev eth1 weight 1 dead',
      'unreachable 10.8.0.0/16 metric 1024',
      'default via inet6 fe80::1 dev eth0 proto ra metric 1024 expires 1797sec hoplimit 64 pref medium',
    ].join('\n');
    const { items, errors } = parseIpRouteText(text, 'ns1');
    expect(errors).toEqual([]);
    expect(items).toEqual([
      {
        id: 'route:ns1/main/inet/default/100',
        family: 'inet',
        table: 'main',
        type: 'unicast',
        dst: 'default',
        gateway: '10.0.0.1',
        dev: 'eth0',
        protocol: 'dhcp',
        prefsrc: '10.0.0.5',
        metric: 100,
        flags: ['onlink'],
      },
      {
        id: 'route:ns1/main/inet/10.9.0.0/16/20',
        family: 'inet',
        table: 'main',
        type: 'unicast',
        dst: '10.9.0.0/16',
        protocol: 'static',
        metric: 20,
        flags: [],
        nexthops: [
          { gateway: '10.0.0.2', dev: 'eth0' },
          { gateway: '10.0.0.3', dev: 'eth1' },
        ],
      },
      {
        id: 'route:ns1/main/inet/10.8.0.0/16/1024',
        family: 'inet',
        table: 'main',
        type: 'unreachable',
        dst: '10.8.0.0/16',
        metric: 1024,
        flags: [],
      },
      {
        id: 'route:ns1/main/inet6/default/1024',
        family: 'inet6',
        table: 'main',
        type: 'unicast',
        dst: 'default',
        gateway: 'fe80::1',
        dev: 'eth0',
        protocol: 'ra',
        metric: 1024,
        flags: [],
      },
    ]);
  });

  it('reports what it cannot read, such as the addresses the article lost, and reads the rest', () => {
    const text = [
      'default via dev qg-0c4c9d04-f0 dev qr-da3efe6d-a2  proto kernel  scope link  src dev qg-0c4c9d04-f0',
      '192.0.2.0/24 dev qr-1 proto kernel scope link src 192.0.2.1',
      'Error: any valid prefix is expected rather than "foo".',
    ].join('\n');
    const { items, errors } = parseIpRouteText(text, '');
    expect(items.map((r) => r.dst)).toEqual(['192.0.2.0/24']);
    expect(errors).toEqual([
      'via needs an address, got "dev": default via dev qg-0c4c9d04-f0 dev qr-da3efe6d-a2  proto kernel  scope link  src dev qg-0c4c9d04-f0',
      'not ip route output: Error: any valid prefix is expected rather than "foo".',
    ]);
  });
});
