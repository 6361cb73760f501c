import { describe, expect, it } from 'vitest';
import { ofportNames } from '@/server/core/flows/port-names';
import { parseCollection } from '@/server/core/parse-host';
import { fixture } from '@/server/core/parsers/fixtures.test-helper';
import { parseFlowLine } from '@/server/core/parsers/ofctl-flows';
import { actionTextParts, matchText, partsText, tableTitle } from './flow-text';

// A fixed capture: on br-int, port 1 is int-br-ex, 2 patch-tun, 7 tapvm1-aa.
const model = parseCollection(fixture('openstack-aio.collect.txt'), { host: 'aio', collectedAt: '' });
const names = ofportNames(model, 'br-int');
const flow = (text: string) => {
  const f = parseFlowLine(text, 'br-int', { acl: 70 });
  if (!f) throw new Error(`not a flow: ${text}`);
  return f;
};
const jump = (key: string, title: string) => ({ key, title });

describe('actionTextParts', () => {
  it('names ports in every action, nested ones included (clone, write_actions, ct exec, bundle)', () => {
    const f = flow(
      'table=0, priority=1,in_port=1 actions=clone(mod_vlan_vid:5,output:2),write_actions(output:7),' +
        'ct(commit,zone=5,exec(load:0x1->NXM_NX_CT_MARK[])),bundle(eth_src,0,hrw,ofport,members:1,2),' +
        'enqueue:2:1,output(port=7,max_len=100),IN_PORT,LOCAL,7',
    );
    expect(partsText(actionTextParts(f, names))).toBe(
      'clone(mod_vlan_vid:5,output:patch-tun),write_actions(output:tapvm1-aa),' +
        'ct(commit,zone=5,exec(load:0x1->NXM_NX_CT_MARK[])),bundle(eth_src,0,hrw,ofport,members:int-br-ex,patch-tun),' +
        'enqueue:patch-tun:1,output(port=tapvm1-aa,max_len=100),IN_PORT,LOCAL,tapvm1-aa',
    );
    expect(matchText(f, names)).toBe('in_port=int-br-ex');
  });

  it('makes every resubmit, goto_table and ct(table=) a jump, nested ones included', () => {
    const f = flow(
      'table=5, priority=1 actions=mod_vlan_vid:1,resubmit(2,60),ct(commit,table=72,zone=5),' +
        'clone(goto_table:73),resubmit:2,resubmit(,acl),goto_table:"ls_in"',
    );
    expect(actionTextParts(f, names)).toEqual([
      { text: 'mod_vlan_vid:1,' },
      { text: 'resubmit(patch-tun,60)', jump: jump('60', 'table 60') },
      { text: ',ct(commit,' },
      { text: 'table=72', jump: jump('72', 'table 72') },
      { text: ',zone=5),clone(' },
      { text: 'goto_table:73', jump: jump('73', 'table 73') },
      { text: '),' },
      // resubmit:PORT searches the flow's own table again.
      { text: 'resubmit:patch-tun', jump: jump('5', 'table 5') },
      { text: ',' },
      { text: 'resubmit(,acl)', jump: jump('70', 'table 70 (acl)') },
      { text: ',' },
      { text: 'goto_table:ls_in', jump: jump('name:ls_in', 'table ls_in') },
    ]);
  });

  it('shows the values a block does not share as *, keyed the way actionSlots keys them', () => {
    const f = flow(
      'priority=1 actions=load:0x5->NXM_NX_REG5[],load:0x1->NXM_NX_REG6[],' +
        'ct(commit,table=72,zone=5,exec(set_field:0x1->ct_mark)),clone(mod_vlan_vid:5,output:2),resubmit(,71)',
    );
    const varying = new Set(['load', 'ct', 'ct.set_field', 'clone.mod_vlan_vid']);
    expect(partsText(actionTextParts(f, names, (key) => varying.has(key)))).toBe(
      'load:*,load:0x1->NXM_NX_REG6[],ct(*,table=72,exec(set_field:*)),clone(mod_vlan_vid:*,output:patch-tun),resubmit(,71)',
    );
  });

  it('reads an empty action list as drop and leaves registers and unknown numbers alone', () => {
    expect(partsText(actionTextParts(flow('priority=1 actions='), names))).toBe('drop');
    expect(
      partsText(actionTextParts(flow('priority=1 actions=output:NXM_NX_REG0[0..15],output:99'), names)),
    ).toBe('output:NXM_NX_REG0[0..15],output:99');
  });
});

describe('tableTitle', () => {
  it('names a table by number, with its Flow_Table name, or by the name alone when unresolved', () => {
    expect([tableTitle(0, undefined), tableTitle(70, 'acl'), tableTitle(-1, 'ls_in')]).toEqual([
      'table 0',
      'table 70 (acl)',
      'table ls_in',
    ]);
  });
});
