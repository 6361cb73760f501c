import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures.test-helper';
import { parseTraceText, type TraceNode } from './trace-text';

/** A tree as indented `kind text` lines: the shape OVS built, independent of its print layout. */
const shape = (nodes: TraceNode[], depth = 0): string[] =>
  nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.kind} ${n.text}`, ...shape(n.children, depth + 1)]);

describe('parseTraceText', () => {
  it('the seed: br-ex hangs under br-int’s NORMAL although OVS prints it flush left', () => {
    const { passes, errors } = parseTraceText(fixture('aio-broadcast.trace.txt'));
    expect(errors).toEqual([]);
    expect(passes).toHaveLength(1);
    expect(shape(passes[0]?.nodes ?? [])).toEqual([
      'bridge br-int',
      '  table 0. priority 0',
      '    action NORMAL',
      '    detail no learned MAC for destination, flooding',
      '    bridge br-ex',
      '      table 0. in_port=2,dl_vlan=1, priority 4',
      '        action pop_vlan',
      '        action NORMAL',
      '        detail no learned MAC for destination, flooding',
    ]);
    expect(passes[0]).toMatchObject({
      resume: null,
      flow: 'in_port=2,vlan_tci=0x0000,dl_src=fa:16:3e:00:00:01,dl_dst=ff:ff:ff:ff:ff:ff,dl_type=0x0000',
      finalFlow: null,
      megaflow: 'recirc_id=0,eth,in_port=2,dl_src=fa:16:3e:00:00:01,dl_dst=ff:ff:ff:ff:ff:ff,dl_type=0x0000',
      datapathActions: '8,7,6,1,push_vlan(vid=1,pcp=0),3,pop_vlan,4',
      trailer: [],
    });
  });

  it('a peer bridge followed by more actions is indented, and the actions return to the first bridge', () => {
    const [pass] = parseTraceText(fixture('scratch-nested-output.trace.txt')).passes;
    expect(shape(pass?.nodes ?? [])).toEqual([
      'bridge br-a',
      '  table 0. icmp,in_port=2, priority 50',
      '    action mod_vlan_vid:7',
      '    action output:3',
      '    bridge br-b',
      '      table 0. in_port=3,dl_vlan=7, priority 10',
      '        action strip_vlan',
      '        action output:1',
      '    action strip_vlan',
      '    action resubmit(,5)',
      '    table 5. priority 1, cookie 0x2a',
      '      action output:1',
    ]);
  });

  it('group buckets, warnings and errors', () => {
    const [group] = parseTraceText(fixture('scratch-group.trace.txt')).passes;
    expect(shape(group?.nodes[0]?.children[0]?.children ?? []).slice(0, 1)).toEqual(['action output:3']);
    const bridgeB = group?.nodes[0]?.children[0]?.children[1];
    expect(shape(bridgeB?.children ?? [])).toEqual([
      'table 0. arp,in_port=3, priority 5',
      '  action group:1',
      '  bucket bucket 0',
      '    action output:1',
      '  bucket bucket 1',
      '    action output:2',
    ]);
    const [refused] = parseTraceText(fixture('kvm-disallowed.trace.txt')).passes;
    expect(shape(refused?.nodes[0]?.children[0]?.children ?? [])).toEqual([
      'action NORMAL',
      'error dropping VLAN 20 tagged packet received on port vnet0 configured as VLAN 10 access port',
      'warn disallowed VLAN VID for this input port, dropping',
    ]);
  });

  it('a recirculation is a second pass with its resume line, thaw and the table it resumes at', () => {
    const { passes, errors } = parseTraceText(fixture('scratch-ct.trace.txt'));
    expect(errors).toEqual([]);
    expect(passes.map((p) => p.datapathActions)).toEqual(['ct(zone=1),recirc(0x1)', 'ct(commit,zone=1),1']);
    expect(passes[1]?.resume).toBe(
      'recirc(0x1) - resume conntrack with default ct_state=trk|new (use --ct-next to customize)',
    );
    expect(passes[1]?.finalFlow).toMatch(/^recirc_id=0x1,eth,udp,in_port=2,/);
    expect(shape(passes[1]?.nodes ?? []).slice(0, 4)).toEqual([
      'bridge br-a',
      '  thaw thaw',
      '    thaw Resuming from table 3',
      '  table 3. ct_state=+new+trk,udp, priority 10',
    ]);
  });

  it('keeps a failed translation’s line, and reports text that is no trace', () => {
    const failed = parseTraceText(
      `${fixture('aio-drop-brex.trace.txt').trimEnd()}\nTranslation failed (Recursion too deep), packet is dropped.\n`,
    );
    expect(failed.passes[0]?.trailer).toEqual([
      'Translation failed (Recursion too deep), packet is dropped.',
    ]);
    expect(parseTraceText('br-nope: unknown bridge\n').errors).toEqual(['br-nope: unknown bridge']);
    expect(parseTraceText('').errors).toEqual(['empty output']);
  });
});
