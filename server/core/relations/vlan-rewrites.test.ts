import { describe, expect, it } from 'vitest';
import type { HostModel } from '../model/schema';
import { parseCollection } from '../parse-host';
import { fixture } from '../parsers/fixtures.test-helper';
import { parseFlowLine } from '../parsers/ofctl-flows';
import { describeVlanRewrite, vlanMatchOf, vlanRewrites } from './vlan-rewrites';

const flow = (text: string) => {
  const f = parseFlowLine(` cookie=0x0, duration=1.0s, table=0, n_packets=0, n_bytes=0, ${text}`, 'br-x');
  if (!f) throw new Error(`not a flow: ${text}`);
  return f;
};
const hostWith = (...lines: string[]): HostModel =>
  ({
    ovs: { bridges: [{ name: 'br-x', flows: lines.map(flow) }] },
  }) as unknown as HostModel;

describe('vlanMatchOf', () => {
  it.each([
    ['priority=4,in_port=2,dl_vlan=1', 1],
    ['priority=4,dl_vlan=0xffff', 'untagged'],
    ['priority=3,vlan_tci=0x0000/0x1fff', 'untagged'],
    ['priority=3,vlan_tci=0x1000/0x1000', 'tagged'],
    ['priority=3,vlan_tci=0x1005/0x1fff', 5],
    ['priority=3,vlan_vid=0x1007', 7],
    ['priority=3,vlan_tci=0x0005/0x0fff', 'any'],
    ['priority=1,ip,nw_dst=192.0.2.0/24', 'any'],
  ])('%s → %s', (match, expected) => {
    expect(vlanMatchOf(flow(`${match} actions=NORMAL`).match)).toBe(expected);
  });
});

describe('vlanRewrites', () => {
  it("finds br-ex's strip_vlan: VLAN 1 from phy-br-ex leaves untagged through NORMAL", () => {
    const [r, ...rest] = vlanRewrites(
      hostWith(
        'priority=1 actions=NORMAL',
        'priority=4,in_port="phy-br-ex",dl_vlan=1 actions=strip_vlan,NORMAL',
      ),
    );
    expect(rest).toEqual([]);
    expect(r).toMatchObject({
      bridge: 'br-x',
      inPort: 'phy-br-ex',
      match: 1,
      result: 'untagged',
      steps: [{ kind: 'strip' }, { kind: 'output', port: 'NORMAL' }],
    });
    expect(r && describeVlanRewrite(r)).toBe('VLAN 1 → untagged');
  });

  it('reads every way of writing a VID: mod_vlan_vid, set_field, load, move, push_vlan', () => {
    const rs = vlanRewrites(
      hostWith(
        'priority=3,in_port="int-br-ex",vlan_tci=0x0000/0x1fff actions=mod_vlan_vid:1,resubmit(,60)',
        'priority=3,in_port=5 actions=push_vlan:0x8100,set_field:4099->vlan_vid,output:7',
        'priority=3,in_port=6,dl_vlan=9 actions=load:0x1002->NXM_OF_VLAN_TCI[],output:"eth 1"',
        'priority=3,in_port=8,dl_vlan=9 actions=load:0->NXM_OF_VLAN_TCI[],IN_PORT',
        'priority=3,in_port=9 actions=move:NXM_NX_REG0[0..11]->NXM_OF_VLAN_TCI[0..11],NORMAL',
      ),
    );
    expect(rs.map((r) => [r.inPort, describeVlanRewrite(r)])).toEqual([
      ['int-br-ex', 'untagged → VLAN 1'],
      ['5', 'any → VLAN 3'],
      ['6', 'VLAN 9 → VLAN 2'],
      ['8', 'VLAN 9 → untagged'],
      ['9', 'any → VLAN (from a field)'],
    ]);
    expect(rs[0]?.steps).toEqual([
      { kind: 'set', vlan: 1 },
      { kind: 'resubmit', table: 60 },
    ]);
    expect(rs[2]?.steps.at(-1)).toEqual({ kind: 'output', port: 'eth 1' });
  });

  it('keeps a clone() apart (it rewrites a copy) and ignores actions inside learn() and ct()', () => {
    const rs = vlanRewrites(
      hostWith(
        'priority=90,ct_state=+new+trk,tcp actions=ct(commit,zone=5,exec(set_field:0x1->ct_mark)),clone(mod_vlan_vid:5,output:"patch-tun"),resubmit(,40)',
        'priority=5,tun_id=0x3e9 actions=learn(table=20,NXM_OF_VLAN_TCI[0..11],load:0->NXM_OF_VLAN_TCI[],output:OXM_OF_IN_PORT[])',
      ),
    );
    expect(rs).toHaveLength(1);
    expect(rs[0]).toMatchObject({
      id: expect.stringMatching(/#2$/),
      match: 'any',
      result: 5,
      steps: [
        { kind: 'set', vlan: 5 },
        { kind: 'output', port: 'patch-tun' },
      ],
    });
  });

  it('sees VLAN steps inside write_actions (run when the pipeline ends) and outputs of a bundle', () => {
    const rs = vlanRewrites(
      hostWith(
        'priority=3,in_port=5,dl_vlan=9 actions=write_actions(strip_vlan,output:"eth 1"),goto_table:1',
        'priority=3,in_port=6 actions=mod_vlan_vid:7,bundle(eth_src,0,hrw,ofport,members:4,8)',
        'priority=3,in_port=7 actions=output(port=2,max_len=100),push_vlan:0x8100',
      ),
    );
    expect(rs.map((r) => [r.inPort, describeVlanRewrite(r), r.steps])).toEqual([
      [
        '5',
        'VLAN 9 → untagged',
        [{ kind: 'resubmit', table: 1 }, { kind: 'strip' }, { kind: 'output', port: 'eth 1' }],
      ],
      [
        '6',
        'any → VLAN 7',
        [
          { kind: 'set', vlan: 7 },
          { kind: 'output', port: '4' },
          { kind: 'output', port: '8' },
        ],
      ],
      ['7', 'any → VLAN 0', [{ kind: 'output', port: '2' }, { kind: 'push' }]],
    ]);
  });

  it("finds both halves of the lab openstack-aio host's VLAN translation", () => {
    const model = parseCollection(fixture('lab-openstack-aio.v2.collect.txt'), {
      host: 'aio',
      collectedAt: 't',
    });
    const rs = vlanRewrites(model).map((r) => [r.bridge, r.inPort, describeVlanRewrite(r)]);
    expect(rs).toContainEqual(['br-ex', 'phy-br-ex', 'VLAN 1 → untagged']);
    expect(rs).toContainEqual(['br-int', 'int-br-ex', 'untagged → VLAN 1']);
  });
});
