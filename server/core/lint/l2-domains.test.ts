import { describe, expect, it } from 'vitest';
import type { Port } from '../model/schema';
import { lintContext } from './context';
import { nativeVlan } from './l2-domains';
import { bridge, fixtureModel, host, link, port, veth } from './lint.test-helper';

const p = (tag: number | null, trunks: number[], vlanMode: string | null) =>
  ({ tag, trunks, vlanMode }) as Port;

describe('nativeVlan', () => {
  it.each([
    [p(5, [], null), 5],
    [p(5, [], 'access'), 5],
    [p(0, [], null), 'untagged'],
    [p(null, [], null), 'untagged'],
    [p(null, [10, 20], null), null],
    [p(null, [0, 10], 'trunk'), 'untagged'],
    [p(20, [20, 30], 'native-untagged'), 20],
    [p(20, [30], 'native-tagged'), 20],
    [p(7, [], 'dot1q-tunnel'), 7],
  ])('%j → %j', (port, vlan) => {
    expect(nativeVlan(port)).toEqual(vlan);
  });
});

describe('l2Domains', () => {
  it('joins an OVS VLAN to the Linux bridge a veth leads to (OpenStack hybrid plugging)', () => {
    const m = host();
    bridge(m, 'br-int');
    link(m, '', 'qbr1', { kind: 'bridge' });
    veth(m, ['', 'qvo1'], ['', 'qvb1'], { b: { master: 'qbr1' } });
    link(m, '', 'tap1', { master: 'qbr1' });
    port(m, 'br-int', 'qvo1', { tag: 3 });
    veth(m, ['', 'vm-b'], ['b', 'eth0']);
    port(m, 'br-int', 'vm-b', { tag: 4 });
    expect(lintContext(m).l2.domains.map((d) => [d.label, d.devices])).toEqual([
      ['VLAN 3 on br-int', ['link:/qbr1', 'link:/qvb1', 'link:/qvo1', 'link:/tap1']],
      ['VLAN 4 on br-int', ['link:/vm-b', 'link:b/eth0']],
    ]);
  });

  it('finds the domains of the lab openstack host, br-int and br-ex joined by their patch pair', () => {
    const { l2 } = lintContext(fixtureModel('aio'));
    expect(l2.bridgeGroup.get('br-int')).toEqual(['br-ex', 'br-int']);
    expect(l2.domains.map((d) => d.label)).toEqual([
      'untagged traffic on br-ex, br-int',
      'VLAN 1 on br-ex, br-int',
      'VLAN 2 on br-ex, br-int',
    ]);
    expect(l2.domains[1]?.devices).toEqual([
      'link:/qvo3c4d5e6f-7a',
      'link:instance-1/qvb3c4d5e6f-7a',
      'link:qdhcp-2a9b8c7d-6e5f-4a3b-8c1d-0e9f8a7b6c5d/tap7d2e9b1a-0c',
      'link:qrouter-8c1f6a0e-3d2b-4e5f-9a7c-1b2d3e4f5a6b/qr-5f3a1c2e-4b',
    ]);
  });
});
