import { describe, expect, it } from 'vitest';
import { parseIpLinks } from '../parsers/ip-links';
import { pasteFixture } from './fixtures.test-helper';
import { parseIpAddrText } from './ip-addr';
import { splitPaste } from './split';

const sections = splitPaste(
  `${pasteFixture('lab-openstack-aio.txt')}\n${pasteFixture('lab-openstack-aio-json.txt')}`,
);
const output = (typed: string) => {
  const s = sections.find((x) => x.command.typed === typed);
  if (!s) throw new Error(`no ${typed}`);
  return s.text;
};
/** The lab host's `ip netns`: the root namespace's nsids. */
const NSIDS = new Map([
  ['outside', 3],
  ['instance-2', 2],
  ['instance-1', 1],
  ['qdhcp-2a9b8c7d-6e5f-4a3b-8c1d-0e9f8a7b6c5d', 5],
  ['qrouter-8c1f6a0e-3d2b-4e5f-9a7c-1b2d3e4f5a6b', 4],
]);

describe('parseIpAddrText', () => {
  it('gives what ip -json address gives for the same host', () => {
    const text = parseIpAddrText(output('ip addr'), '', NSIDS);
    expect(text.errors).toEqual([]);
    expect(text.items).toHaveLength(8);
    expect(text.items).toEqual(parseIpLinks(output('sudo ip -j addr'), '').items);
  });

  it('reads link kinds from -d lines as ip -json -d link gives them', () => {
    const text = parseIpAddrText(output('sudo ip -d addr'), '', NSIDS);
    const json = parseIpLinks(output('sudo ip -j -d link'), '');
    const withoutAddresses = (links: typeof json.items) => links.map(({ addresses: _, ...l }) => l);
    expect(withoutAddresses(text.items)).toEqual(withoutAddresses(json.items));
    expect(text.items.map((l) => l.kind)).toEqual([
      'device',
      'veth',
      'veth',
      'veth',
      'veth',
      'tun',
      'tun',
      'tun',
    ]);
  });

  it('reads links of a named namespace without naming peers by another namespace', () => {
    const ns = 'qrouter-8c1f6a0e-3d2b-4e5f-9a7c-1b2d3e4f5a6b';
    const { items } = parseIpAddrText(output(`ip netns exec ${ns} ip addr`), ns, NSIDS);
    expect(items.map((l) => l.id)).toEqual([
      `link:${ns}/lo`,
      `link:${ns}/qr-5f3a1c2e-4b`,
      `link:${ns}/qg-a1b2c3d4-e5`,
    ]);
    expect(items[1]?.addresses).toEqual([
      {
        id: `addr:${ns}/qr-5f3a1c2e-4b/192.0.2.1/24`,
        family: 'inet',
        local: '192.0.2.1',
        prefixlen: 24,
        scope: 'global',
        label: 'qr-5f3a1c2e-4b',
      },
      {
        id: `addr:${ns}/qr-5f3a1c2e-4b/fe80::f816:3eff:fe11:2201/64`,
        family: 'inet6',
        local: 'fe80::f816:3eff:fe11:2201',
        prefixlen: 64,
        scope: 'link',
      },
    ]);
    const peerByName = parseIpAddrText(
      '3: qvb1@if9: <BROADCAST,UP> mtu 1500 state UP\n    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff link-netns outside',
      'instance-1',
      NSIDS,
    ).items[0];
    expect(peerByName).not.toHaveProperty('linkIndex');
    expect(peerByName).not.toHaveProperty('linkNetnsid');
  });

  it('reads secondary, dynamic, peer and aliased addresses, masters, vlans, vxlans and statistics', () => {
    const text = [
      '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq master ovs-system state UP group default qlen 1000',
      '    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff promiscuity 1 minmtu 68 maxmtu 9000',
      '    openvswitch_slave addrgenmode eui64 numtxqueues 4',
      '    altname enp1s0',
      '    RX:  bytes packets errors dropped  missed   mcast',
      '       123456     789      0       0       0       0',
      '    inet 10.0.0.5/24 brd 10.0.0.255 scope global dynamic noprefixroute eth0',
      '       valid_lft 86000sec preferred_lft 86000sec',
      '    inet 10.0.0.6/24 brd 10.0.0.255 scope global secondary eth0:1',
      '3: tun0: <POINTOPOINT,UP> mtu 1400 qdisc fq_codel state UNKNOWN group default qlen 500',
      '    link/none ',
      '    inet 10.8.0.1 peer 10.8.0.2/32 scope global tun0',
      '4: eth0.10@eth0: <BROADCAST,UP> mtu 1500 qdisc noqueue state UP',
      '    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff promiscuity 0',
      '    vlan protocol 802.1Q id 10 <REORDER_HDR> addrgenmode eui64',
      '5: vx42: <BROADCAST,UP> mtu 1450 qdisc noqueue state UNKNOWN',
      '    link/ether 9a:00:00:00:00:42 brd ff:ff:ff:ff:ff:ff promiscuity 0',
      '    vxlan id 42 remote 192.0.2.2 local 192.0.2.1 dev eth0 srcport 0 0 dstport 4789 ttl auto',
    ].join('\n');
    const { items, errors } = parseIpAddrText(text, '', new Map());
    expect(errors).toEqual([]);
    const [eth0, tun0, vlan, vxlan] = items;
    expect(eth0).toMatchObject({ master: 'ovs-system', slaveKind: 'openvswitch', kind: 'device', mtu: 1500 });
    expect(eth0?.addresses).toEqual([
      {
        id: 'addr:/eth0/10.0.0.5/24',
        family: 'inet',
        local: '10.0.0.5',
        prefixlen: 24,
        broadcast: '10.0.0.255',
        scope: 'global',
        label: 'eth0',
        dynamic: true,
      },
      {
        id: 'addr:/eth0/10.0.0.6/24',
        family: 'inet',
        local: '10.0.0.6',
        prefixlen: 24,
        broadcast: '10.0.0.255',
        scope: 'global',
        label: 'eth0:1',
      },
    ]);
    expect(tun0).toMatchObject({ linkType: 'none', flags: ['POINTOPOINT', 'UP'] });
    expect(tun0).not.toHaveProperty('mac');
    expect(tun0?.addresses[0]).toMatchObject({ local: '10.8.0.1', address: '10.8.0.2', prefixlen: 32 });
    expect(vlan).toMatchObject({ kind: 'vlan', link: 'eth0', vlanId: 10, vlanProtocol: '802.1Q' });
    expect(vxlan).toMatchObject({
      kind: 'vxlan',
      vxlan: { id: 42, remote: '192.0.2.2', local: '192.0.2.1', dev: 'eth0', dstport: 4789 },
    });
  });

  it('reports lines that are not ip output and keeps the links it could read', () => {
    const { items, errors } = parseIpAddrText(
      'Device "eth9" does not exist.\n1: lo: <LOOPBACK,UP> mtu 65536 state UNKNOWN\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1 bogus',
      '',
      new Map(),
    );
    expect(errors).toEqual(['not ip address output: Device "eth9" does not exist.']);
    expect(items.map((l) => l.name)).toEqual(['lo']);
    expect(items[0]?.addresses).toMatchObject([{ local: '127.0.0.1', prefixlen: 32 }]);
  });
});
