import { describe, expect, it } from 'vitest';
import { parseFlows } from '../parsers/ofctl-flows';
import { cookieGroups } from './cookies';
import { packetHeat } from './heat';

const { flows } = parseFlows(
  [
    ' cookie=0xa, table=0, n_packets=10, n_bytes=0, priority=1,in_port=1 actions=resubmit(,20)',
    ' cookie=0x0, table=0, n_packets=30, n_bytes=0, priority=0 actions=NORMAL',
    ' cookie=0x0a, table=20, n_packets=4, n_bytes=0, priority=5,ip actions=output:2',
    ' cookie=0x0a, table=20, n_packets=6, n_bytes=0, priority=9,arp actions=output:2',
    ' cookie=0x1f, table=20, n_packets=0, n_bytes=0, priority=1 actions=drop',
  ].join('\n'),
  'br0',
);

describe('cookieGroups', () => {
  it('groups flows by cookie value, in cookie order, each in evaluation order', () => {
    const groups = cookieGroups(flows);
    expect(groups.map((g) => [g.cookie, g.tables, g.nPackets])).toEqual([
      ['0x0', [0], 30],
      ['0xa', [0, 20], 20],
      ['0x1f', [20], 0],
    ]);
    expect(groups[1]?.flows.map((f) => [f.table, f.priority])).toEqual([
      [0, 1],
      [20, 9],
      [20, 5],
    ]);
  });
});

describe('packetHeat', () => {
  it("gives each flow its share of its own table's packets", () => {
    const heat = packetHeat(flows);
    expect(flows.map((f) => heat.get(f.id))).toEqual([0.25, 0.75, 0.4, 0.6, 0]);
  });

  it('keeps tables the bridge could not resolve apart by name', () => {
    const named = parseFlows(
      ' table=ls_in, n_packets=1, n_bytes=0, priority=1 actions=drop\n table=ls_out, n_packets=3, n_bytes=0, priority=1 actions=drop',
      'br0',
    ).flows;
    expect([...packetHeat(named).values()]).toEqual([1, 1]);
  });

  it('gives 0 when a table counted nothing or flows were dumped without counters', () => {
    const bare = parseFlows(
      ' table=3, priority=1 actions=drop\n table=3, priority=2 actions=drop',
      'br0',
    ).flows;
    expect([...packetHeat(bare).values()]).toEqual([0, 0]);
  });
});
