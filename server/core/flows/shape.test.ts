import { describe, expect, it } from 'vitest';
import { parseActions } from '../parsers/ofctl-actions';
import { actionShape, actionSlots } from './shape';

const shape = (text: string) => actionShape(parseActions(text));
const slots = (text: string) => actionSlots(parseActions(text));

describe('actionShape', () => {
  it('abstracts values but keeps where the packet goes', () => {
    expect(shape('mod_vlan_vid:1,resubmit(,60)')).toBe('mod_vlan_vid:*,resubmit(,60)');
    expect(shape('strip_vlan,load:0x3e9->NXM_NX_TUN_ID[],output:"vxlan-1",NORMAL')).toBe(
      'strip_vlan,load:*,output:"vxlan-1",normal',
    );
    expect(shape('goto_table:2')).toBe('goto_table:2');
    expect(shape('enqueue:1:2')).toBe('enqueue:1:2');
  });

  it('shows nested lists and the table ct continues in', () => {
    expect(shape('ct(commit,zone=NXM_NX_REG6[0..15],exec(load:0x1->NXM_NX_CT_MARK[])),resubmit(,73)')).toBe(
      'ct(*,exec(load:*)),resubmit(,73)',
    );
    expect(shape('ct(table=31,zone=NXM_NX_REG6[0..15],nat)')).toBe('ct(table=31,*)');
    expect(shape('ct(table=31)')).toBe('ct(table=31)');
    expect(shape('clone(mod_vlan_vid:5,output:"patch-tun"),write_actions(output:2)')).toBe(
      'clone(mod_vlan_vid:*,output:"patch-tun"),write_actions(output:2)',
    );
    expect(shape('bundle(eth_src,0,hrw,ofport,members:4,8)')).toBe('bundle(*,members(4,8))');
    expect(shape('decap(),decap(packet_type(ns=0,type=0x800))')).toBe('decap,decap:*');
  });
});

describe('actionSlots', () => {
  it('keys values by action, counting repeats and naming nested ones under their parent', () => {
    expect(slots('load:0x1->NXM_NX_REG5[],load:0x2->NXM_NX_REG6[],output:3')).toEqual([
      { key: 'load', value: '0x1->NXM_NX_REG5[]' },
      { key: 'load#2', value: '0x2->NXM_NX_REG6[]' },
    ]);
    expect(slots('ct(commit,zone=5,exec(set_field:0x1->ct_mark)),clone(mod_vlan_vid:5,output:1)')).toEqual([
      { key: 'ct', value: 'commit,zone=5' },
      { key: 'ct.set_field', value: '0x1->ct_mark' },
      { key: 'clone.mod_vlan_vid', value: '5' },
    ]);
  });
});
