import { describe, expect, it } from 'vitest';
import type { Bridge, HostModel } from '@/server/core/model';
import { parseCollection } from '@/server/core/parse-host';
import { fixture } from '@/server/core/parsers/fixtures.test-helper';
import { parseFlows } from '@/server/core/parsers/ofctl-flows';
import { filterAndSort, filterRows, flowRows, flowTouchesPort } from './flow-rows';

// A fixed capture (not the example topology, which is re-captured whenever the lab changes).
const model = parseCollection(fixture('openstack-aio.collect.txt'), { host: 'aio', collectedAt: '' });
const bridge = (name: string): Bridge => {
  const b = model.ovs?.bridges.find((x) => x.name === name);
  if (!b) throw new Error(`no bridge ${name}`);
  return b;
};

describe('flowRows', () => {
  it('shows the br-ex strip_vlan flow with port names and highlights it for phy-br-ex', () => {
    const rows = flowRows(model, bridge('br-ex'), { name: 'phy-br-ex', ofport: 1 });
    const strip = rows.find((r) => r.actions.includes('strip_vlan'));
    expect(strip?.match).toContain('in_port=phy-br-ex');
    expect(strip?.touches).toBe(true);
    expect(rows.find((r) => r.match === '')?.touches).toBe(false);
  });

  it('replaces ofport numbers printed by ovs-ofctl with names', () => {
    const br = bridge('br-ex');
    const numbered: Bridge = {
      ...br,
      flows: [
        {
          id: 'flow:br-ex/0/5/x',
          bridge: 'br-ex',
          table: 0,
          priority: 5,
          cookie: '0x0',
          match: [{ field: 'in_port', value: '1' }],
          inPort: '1',
          actions: [{ type: 'output', raw: 'output:2', args: '2', port: '2' }],
          raw: 'priority=5,in_port=1 actions=output:2',
          flags: [],
        },
      ],
    };
    const names = new Map(
      (model.ovs?.interfaces ?? []).filter((i) => i.bridge === 'br-ex').map((i) => [i.ofport, i.name]),
    );
    const [row] = flowRows(model as HostModel, numbered, { name: names.get(2) ?? '', ofport: 2 });
    expect(row?.match).toBe(`in_port=${names.get(1)}`);
    expect(row?.actions).toBe(`output:${names.get(2)}`);
    expect(row?.touches).toBe(true);
  });

  it('names ports inside nested actions too, and keeps jumps to other tables followable', () => {
    const br = bridge('br-int');
    const [flow] = parseFlows(
      ' table=0, priority=5,in_port=1 actions=clone(output:2),ct(commit,exec(set_field:0x1->ct_mark)),bundle(eth_src,0,hrw,ofport,members:1,7),resubmit(,60)',
      'br-int',
    ).flows;
    if (!flow) throw new Error('no flow');
    const [row] = flowRows(model, { ...br, flows: [flow] }, { name: 'tapvm1-aa', ofport: 7 });
    expect(row?.match).toBe('in_port=int-br-ex');
    expect(row?.actions).toBe(
      'clone(output:patch-tun),ct(commit,exec(set_field:0x1->ct_mark)),bundle(eth_src,0,hrw,ofport,members:int-br-ex,tapvm1-aa),resubmit(,60)',
    );
    expect(row?.actionParts.at(-1)).toEqual({
      text: 'resubmit(,60)',
      jump: { key: '60', title: 'table 60' },
    });
    expect(row?.section).toBe('0');
    // A bundle member is traffic to the port.
    expect(row?.touches).toBe(true);
  });

  it('filters and sorts', () => {
    const rows = flowRows(model, bridge('br-int'), null);
    expect(
      filterAndSort(rows, 'int-br-ex', 'priority', true).every((r) => r.match.includes('int-br-ex')),
    ).toBe(true);
    expect(filterRows(rows, '  RESUBMIT(,60) ').map((r) => r.match)).toEqual([
      'in_port=int-br-ex,vlan_tci=0x0000/0x1fff',
      '',
    ]);
    expect(filterRows(rows, ' ')).toBe(rows);
    const byPackets = filterAndSort(rows, '', 'nPackets', true);
    expect(byPackets[0]?.nPackets).toBe(Math.max(...rows.map((r) => r.nPackets ?? -1)));
  });

  it('does not treat resubmit as traffic to a port', () => {
    const flow = bridge('br-int').flows?.find((f) => f.actions.some((a) => a.type === 'resubmit'));
    expect(flow).toBeDefined();
    if (flow) expect(flowTouchesPort(flow, { name: 'nonexistent', ofport: null })).toBe(false);
  });
});
