import { describe, expect, it } from 'vitest';
import { canonicalize, sameTopology, stripCounters } from './canonical';
import { SCHEMA_VERSION } from './constants';
import type { Flow, HostModel } from './schema';

function flow(priority: number, nPackets: number): Flow {
  return {
    id: `flow:br-int/0/${priority}/x`,
    bridge: 'br-int',
    table: 0,
    priority,
    cookie: '0x0',
    match: [],
    actions: [{ type: 'normal', raw: 'NORMAL' }],
    raw: `cookie=0x0, duration=1.5s, table=0, n_packets=${nPackets}, n_bytes=0, idle_age=3, priority=${priority} actions=NORMAL`,
    counters: { nPackets, nBytes: 0, durationS: 1.5 },
    idleAge: 3,
    flags: [],
  };
}

function model(collectedAt: string, flows: Flow[], rxPackets: number): HostModel {
  return {
    schemaVersion: SCHEMA_VERSION,
    host: 'h1',
    collectedAt,
    hostname: 'h1',
    ovs: {
      system: {
        uuid: 'u',
        ovsVersion: '3.1.0',
        dbVersion: null,
        systemId: null,
        externalIds: {},
        otherConfig: {},
      },
      bridges: [
        {
          id: 'br:br-int',
          uuid: 'b',
          name: 'br-int',
          datapathType: 'netdev',
          datapathId: null,
          failMode: 'secure',
          protocols: [],
          stpEnable: false,
          controllers: [],
          externalIds: { z: '1', a: '2' },
          otherConfig: {},
          ports: ['port:br-int/b', 'port:br-int/a'],
          flows,
        },
      ],
      ports: [],
      interfaces: [
        {
          id: 'iface:a',
          uuid: 'i',
          name: 'a',
          port: null,
          bridge: null,
          type: 'internal',
          options: {},
          ofport: 1,
          ofportRequest: null,
          error: null,
          macInUse: null,
          mac: null,
          mtu: 1500,
          mtuRequest: null,
          adminState: 'up',
          linkState: 'up',
          linkSpeed: null,
          ifindex: 3,
          externalIds: {},
          status: {},
          statistics: { rx_packets: rxPackets },
        },
      ],
    },
    namespaces: [
      { id: 'ns:q', name: 'q', isRoot: false, netnsid: 0, peers: [], links: [], routes: [], rules: [] },
      { id: 'ns:', name: '', isRoot: true, netnsid: null, peers: [], links: [], routes: [], rules: [] },
    ],
    errors: [],
  };
}

describe('canonical form', () => {
  it('treats reads that differ only in counters and order as the same topology', () => {
    const a = model('2024-01-01T00:00:00Z', [flow(1, 5), flow(2, 7)], 10);
    const b = model('2024-01-01T00:01:00Z', [flow(2, 70), flow(1, 50)], 99);
    expect(sameTopology(a, b)).toBe(true);
  });

  it('sees a changed flow as a different topology', () => {
    const a = model('t', [flow(1, 5)], 1);
    const b = model('t', [flow(3, 5)], 1);
    expect(sameTopology(a, b)).toBe(false);
  });

  it('puts the root namespace first, sorts map keys and flows by table then priority', () => {
    const c = canonicalize(model('t', [flow(1, 0), flow(5, 0)], 0));
    expect(c.namespaces.map((n) => n.name)).toEqual(['', 'q']);
    expect(Object.keys(c.ovs?.bridges[0]?.externalIds ?? {})).toEqual(['a', 'z']);
    expect(c.ovs?.bridges[0]?.ports).toEqual(['port:br-int/a', 'port:br-int/b']);
    expect(c.ovs?.bridges[0]?.flows?.map((f) => f.priority)).toEqual([5, 1]);
  });

  it('removes counters, ages, statistics and collectedAt', () => {
    const s = stripCounters(model('t', [flow(1, 5)], 1));
    expect('collectedAt' in s).toBe(false);
    const f = s.ovs?.bridges[0]?.flows?.[0];
    expect(f?.counters).toBeUndefined();
    expect(f?.idleAge).toBeUndefined();
    expect(f?.raw).toBe('cookie=0x0, table=0, priority=1 actions=NORMAL');
    expect(s.ovs?.interfaces[0]?.statistics).toBeUndefined();
  });
});
