import { describe, expect, it } from 'vitest';
import { fixturePart } from '../parsers/fixtures.test-helper';
import { parseFlows } from '../parsers/ofctl-flows';
import { logicTables } from './logic';

const flows = (text: string) => parseFlows(text, 'br-int', { acl: 70 }).flows;
const head = (table: number | string, packets: number) =>
  ` cookie=0x0, duration=1.0s, table=${table}, n_packets=${packets}, n_bytes=0, `;

// Neutron's OVS agent on a node with two physical networks: VLAN translation and per-port flows.
const BR_INT = [
  `${head(0, 30)}priority=3,in_port="int-br-ex",vlan_tci=0x0000/0x1fff actions=mod_vlan_vid:1,resubmit(,60)`,
  `${head(0, 10)}priority=3,in_port="int-br-vlan",vlan_tci=0x0000/0x1fff actions=mod_vlan_vid:2,resubmit(,60)`,
  `${head(0, 0)}priority=2,in_port="int-br-ex" actions=drop`,
  `${head(0, 0)}priority=5,in_port="int-br-vlan" actions=drop`,
  `${head(0, 60)}priority=0 actions=resubmit(,58)`,
  `${head(60, 5)}priority=100,in_port="tapvm1" actions=load:0x5->NXM_NX_REG5[],load:0x1->NXM_NX_REG6[],resubmit(,71)`,
  `${head(60, 15)}priority=100,in_port="tapvm2" actions=load:0x6->NXM_NX_REG5[],load:0x1->NXM_NX_REG6[],resubmit(,71)`,
  `${head(60, 0)}priority=100,in_port="tapvm3" actions=load:0x7->NXM_NX_REG5[],load:0x2->NXM_NX_REG6[],resubmit(,72)`,
  `${head('acl', 0)}priority=10,ip,nw_src=192.0.2.1 actions=output:2`,
  `${head('acl', 0)}priority=10,nw_src=192.0.2.2,ip actions=output:2`,
  `${head('ls_in_acl', 0)}priority=1 actions=drop`,
  `${head('ls_out_acl', 0)}priority=1 actions=drop`,
].join('\n');

describe('logicTables', () => {
  const tables = logicTables(flows(BR_INT));
  const table0 = tables[2];

  it('lists tables in order, named ones with their name, with their packets', () => {
    expect(tables.map((t) => [t.table, t.tableName, t.nPackets])).toEqual([
      [-1, 'ls_in_acl', 0],
      [-1, 'ls_out_acl', 0],
      [0, undefined, 100],
      [60, undefined, 20],
      [70, 'acl', 0],
    ]);
  });

  it("folds a table's flows into blocks of one match-field set and action shape, highest priority first", () => {
    expect(
      table0?.blocks.map((b) => [b.matchFields.join(','), b.actions, b.maxPriority, b.minPriority]),
    ).toEqual([
      ['in_port', 'drop', 5, 2],
      ['in_port,vlan_tci', 'mod_vlan_vid:*,resubmit(,60)', 3, 3],
      ['', 'resubmit(,58)', 0, 0],
    ]);
  });

  it('gives a block its shared values and each flow the values that differ', () => {
    const vlan = table0?.blocks[1];
    expect(vlan?.common).toEqual({
      priority: '3',
      vlan_tci: '0x0000/0x1fff',
    });
    expect(vlan?.varying).toEqual(['in_port', 'actions.mod_vlan_vid']);
    expect(vlan?.flows.map((f) => f.values)).toEqual([
      { in_port: 'int-br-ex', 'actions.mod_vlan_vid': '1' },
      { in_port: 'int-br-vlan', 'actions.mod_vlan_vid': '2' },
    ]);
    const drops = table0?.blocks[0];
    expect(drops?.varying).toEqual(['priority', 'in_port']);
    expect(drops?.flows.map((f) => f.flow.priority)).toEqual([5, 2]);
  });

  it('keeps flows that continue in different tables apart, like ovs-flowviz', () => {
    const ports = tables[3]?.blocks;
    expect(ports?.map((b) => [b.actions, b.flows.length])).toEqual([
      ['load:*,load:*,resubmit(,71)', 2],
      ['load:*,load:*,resubmit(,72)', 1],
    ]);
    expect(ports?.[0]?.varying).toEqual(['in_port', 'actions.load']);
    expect(ports?.[0]?.common['actions.load#2']).toBe('0x1->NXM_NX_REG6[]');
  });

  it('folds the same fields printed in another order, keeping the first order for display', () => {
    expect(tables[4]?.blocks.map((b) => [b.matchFields, b.flows.length])).toEqual([[['ip', 'nw_src'], 2]]);
  });

  it("gives each flow its share of the table's packets", () => {
    expect(table0?.blocks[1]?.flows.map((f) => f.heat)).toEqual([0.3, 0.1]);
    expect(tables[3]?.blocks[0]?.flows.map((f) => f.heat)).toEqual([0.25, 0.75]);
    expect(tables[4]?.blocks[0]?.flows.map((f) => f.heat)).toEqual([0, 0]);
    expect(tables[3]?.blocks[0]?.nPackets).toBe(20);
  });

  it('reads a real br-int: one block per distinct flow role', () => {
    const real = logicTables(
      parseFlows(fixturePart('openstack-aio.collect.txt', 'flows', 'br-int'), 'br-int').flows,
    );
    expect(real[0]?.blocks.map((b) => b.actions)).toEqual([
      'drop',
      'mod_vlan_vid:*,resubmit(,60)',
      'drop',
      'resubmit(,60)',
    ]);
    expect(real.map((t) => t.table)).toEqual([0, 60, 71, 72, 73, 82]);
  });
});
