import { describe, expect, it } from 'vitest';
import { fixturePart } from './fixtures.test-helper';
import { parseOvsdb } from './ovsdb';
import { mapOf, optional, setOf } from './ovsdb-values';

describe('OVSDB values', () => {
  it('decodes sets, single values, empty sets, maps and uuids', () => {
    expect(setOf(['set', [2, 3]])).toEqual([2, 3]);
    expect(setOf(5)).toEqual([5]);
    expect(setOf(['set', []])).toEqual([]);
    expect(setOf(['uuid', 'abc'])).toEqual(['abc']);
    expect(optional(['set', []])).toBeNull();
    expect(
      mapOf([
        'map',
        [
          ['peer', 'x'],
          ['n', 1],
        ],
      ]),
    ).toEqual({ peer: 'x', n: 1 });
    expect(mapOf(['set', []])).toEqual({});
    expect(setOf({ weird: true })).toEqual([]);
  });
});

describe('parseOvsdb (openstack-aio capture)', () => {
  const { ovs, errors } = parseOvsdb(fixturePart('openstack-aio.collect.txt', 'ovsdb'));

  it('reads bridges with fail mode, protocols and controller', () => {
    expect(errors).toEqual([]);
    const brInt = ovs?.bridges.find((b) => b.name === 'br-int');
    expect(brInt).toMatchObject({
      id: 'br:br-int',
      failMode: 'secure',
      datapathType: 'netdev',
      protocols: ['OpenFlow10', 'OpenFlow13'],
      flows: null,
    });
    expect(brInt?.controllers).toEqual([
      expect.objectContaining({
        target: 'tcp:127.0.0.1:6633',
        connectionMode: 'out-of-band',
        isConnected: false,
      }),
    ]);
    expect(brInt?.ports).toContain('port:br-int/qr-0a1b2c3d-4e');
    expect(ovs?.bridges.map((b) => b.name).sort()).toEqual(['br-ex', 'br-int', 'br-tun']);
  });

  it('reads access tags, trunks and bonds', () => {
    const qr = ovs?.ports.find((p) => p.id === 'port:br-int/qr-0a1b2c3d-4e');
    expect(qr).toMatchObject({ tag: 1, trunks: [], bridge: 'br-int', interfaces: ['iface:qr-0a1b2c3d-4e'] });
    const bond = ovs?.ports.find((p) => p.name === 'bond0');
    expect(bond).toMatchObject({ bondMode: 'active-backup', lacp: 'off', trunks: [2, 3], tag: null });
    expect([...(bond?.interfaces ?? [])].sort()).toEqual(['iface:ethb1', 'iface:ethb2']);
  });

  it('reads interface types, options, errors and external ids', () => {
    const byName = new Map(ovs?.interfaces.map((i) => [i.name, i]));
    expect(byName.get('int-br-ex')).toMatchObject({
      type: 'patch',
      options: { peer: 'phy-br-ex' },
      error: null,
    });
    expect(byName.get('patch-dangling')?.error).toContain('No usable peer');
    expect(byName.get('vxlan-c6120002')).toMatchObject({
      type: 'vxlan',
      options: expect.objectContaining({ remote_ip: '198.18.0.2', local_ip: '198.18.0.1', key: 'flow' }),
    });
    expect(byName.get('eth1')?.type).toBe('system');
    expect(byName.get('tapvm1-aa')?.externalIds).toMatchObject({
      'iface-id': '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      'attached-mac': 'fa:16:3e:aa:bb:cc',
    });
    expect(byName.get('qr-0a1b2c3d-4e')).toMatchObject({
      port: 'port:br-int/qr-0a1b2c3d-4e',
      bridge: 'br-int',
    });
    // The userspace datapath loses sight of an internal port moved into a namespace.
    expect(byName.get('qr-0a1b2c3d-4e')).toMatchObject({ macInUse: null, linkState: 'down' });
    expect(byName.get('eth1')).toMatchObject({ macInUse: '8a:42:e4:18:74:58', ifindex: 11 });
    expect(typeof byName.get('br-int')?.statistics?.rx_packets).toBe('number');
  });
});

describe('parseOvsdb on bad input', () => {
  it('reports instead of throwing', () => {
    expect(parseOvsdb('not json').errors[0]).toMatch(/not JSON/);
    expect(parseOvsdb('{"a":1}')).toMatchObject({ ovs: null, errors: ['unexpected transact answer shape'] });
    const partial = parseOvsdb('[{"rows":[]},{"error":"unknown table","details":"Bridge"}]');
    expect(partial.ovs?.bridges).toEqual([]);
    expect(partial.errors).toContain('Bridge: unknown table (Bridge)');
  });
});
