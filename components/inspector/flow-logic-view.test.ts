import { describe, expect, it } from 'vitest';
import { ofportNames } from '@/server/core/flows/port-names';
import type { Flow } from '@/server/core/model';
import { parseCollection } from '@/server/core/parse-host';
import { fixture } from '@/server/core/parsers/fixtures.test-helper';
import { parseFlows } from '@/server/core/parsers/ofctl-flows';
import { keepFlows, logicSections } from './flow-logic-view';

// A fixed capture (not the example topology, which is re-captured whenever the lab changes).
const model = parseCollection(fixture('openstack-aio.collect.txt'), { host: 'aio', collectedAt: '' });
const flowsOf = (bridge: string): Flow[] => model.ovs?.bridges.find((b) => b.name === bridge)?.flows ?? [];
const sectionsOf = (bridge: string) => logicSections(flowsOf(bridge), ofportNames(model, bridge));

describe('logicSections on the captured br-tun', () => {
  const sections = sectionsOf('br-tun');

  it('is one section per table, with the chain of tables each continues to and comes from', () => {
    expect(
      sections.map((s) => [
        s.key,
        s.title,
        s.flowCount,
        s.nPackets,
        s.next.map((j) => j.key),
        s.from.map((j) => j.key),
      ]),
    ).toEqual([
      ['0', 'table 0', 2, 36, ['2', '4'], []],
      ['2', 'table 2', 1, 0, ['20'], ['0']],
      ['4', 'table 4', 1, 0, ['10'], ['0']],
      // learn(table=20,…) writes a flow into table 20; it does not send the packet there.
      ['10', 'table 10', 1, 0, [], ['4']],
      ['20', 'table 20', 1, 0, ['22'], ['2']],
      ['22', 'table 22', 2, 0, [], ['20']],
    ]);
  });

  it("shows each block's match and actions with port names and its jumps followable", () => {
    expect(sections[0]?.blocks.map((b) => [b.match, b.actions])).toEqual([
      ['priority=1,in_port=patch-int', [{ text: 'goto_table:2', jump: { key: '2', title: 'table 2' } }]],
      ['priority=1,in_port=vxlan-c6120002', [{ text: 'resubmit(,4)', jump: { key: '4', title: 'table 4' } }]],
    ]);
    expect(sections[0]?.blocks.map((b) => b.flows.map((f) => [f.nPackets, f.heat, f.heatLabel]))).toEqual([
      [[36, 1, "100% of table 0's packets"]],
      [[0, 0, "0% of table 0's packets"]],
    ]);
  });
});

describe('logicSections on flows printed with port numbers', () => {
  // br-int of the same capture: port 1 is int-br-ex, 2 patch-tun, 7 tapvm1-aa.
  const flows = parseFlows(
    [
      ' table=0, n_packets=300, n_bytes=0, priority=3,in_port=1,vlan_tci=0x0000/0x1fff actions=mod_vlan_vid:1,resubmit(,60)',
      ' table=0, n_packets=1, n_bytes=0, priority=3,in_port=7,vlan_tci=0x0000/0x1fff actions=mod_vlan_vid:2,resubmit(,60)',
      ' table=0, n_packets=699, n_bytes=0, priority=0 actions=NORMAL',
      ' table=60, n_packets=0, n_bytes=0, priority=5,ip actions=clone(output:2),resubmit(,acl)',
      ' table=acl, n_packets=0, n_bytes=0, priority=1 actions=resubmit(,ls_in),resubmit(,94)',
      ' table=ls_in, n_packets=0, n_bytes=0, priority=1 actions=resubmit(,0)',
    ].join('\n'),
    'br-int',
    { acl: 70 },
  ).flows;
  const sections = logicSections(flows, ofportNames(model, 'br-int'));

  it('folds flows of one shape, the shared values once and the varying ones per flow, by name', () => {
    const vlan = sections[1]?.blocks[0];
    expect(vlan?.match).toBe('priority=3,in_port=*,vlan_tci=0x0000/0x1fff');
    expect(vlan?.actions).toEqual([
      { text: 'mod_vlan_vid:*,' },
      { text: 'resubmit(,60)', jump: { key: '60', title: 'table 60' } },
    ]);
    expect(vlan?.columns).toEqual([
      { key: 'in_port', label: 'in_port' },
      { key: 'actions.mod_vlan_vid', label: 'mod_vlan_vid' },
    ]);
    expect(vlan?.flows.map((f) => [f.values, f.heatLabel])).toEqual([
      [['int-br-ex', '1'], "30% of table 0's packets"],
      [['tapvm1-aa', '2'], "<1% of table 0's packets"],
    ]);
    expect(sections[2]?.blocks[0]?.actions.map((p) => p.text)).toEqual([
      'clone(output:patch-tun),',
      'resubmit(,acl)',
    ]);
  });

  it('keys tables by number, or by name when the bridge does not resolve it, and links both ways', () => {
    expect(sections.map((s) => [s.key, s.title, s.next.map((j) => j.key), s.from.map((j) => j.key)])).toEqual(
      [
        ['name:ls_in', 'table ls_in', ['0'], ['70']],
        ['0', 'table 0', ['60'], ['name:ls_in']],
        ['60', 'table 60', ['70'], ['0']],
        // Table 94 has no flows: listed as a jump, but no section to land in.
        ['70', 'table 70 (acl)', ['name:ls_in', '94'], ['60']],
      ],
    );
  });

  it('keeps only the flows a filter keeps, dropping emptied blocks and sections', () => {
    const kept = keepFlows(sections, (id) => id === flows[1]?.id);
    expect(kept.map((s) => [s.key, s.blocks.map((b) => b.flows.map((f) => f.values))])).toEqual([
      ['0', [[['tapvm1-aa', '2']]]],
    ]);
    expect(kept[0]?.flowCount).toBe(3);
  });
});
