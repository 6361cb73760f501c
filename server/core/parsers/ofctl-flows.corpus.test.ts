import { describe, expect, it } from 'vitest';
import type { Flow, FlowAction } from '../model/schema';
import { fixture } from './fixtures.test-helper';
import { KNOWN_ACTIONS } from './ofctl-action-names';
import { parseAction } from './ofctl-actions';
import { parseFlowLine } from './ofctl-flows';

// tests/ofproto.at names tables 0..2 of br0 through Flow_Table rows `zero`, `one`, `two`.
const TABLES = { zero: 0, one: 1, two: 2 };

const lines = fixture('ovs-testsuite-flows.txt')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'));
const parsed = lines.map((line) => ({ line, flow: parseFlowLine(line, 'br0', TABLES) }));
const flows = parsed.flatMap((p) => (p.flow ? [p.flow] : []));

const deep = (actions: FlowAction[]): FlowAction[] => actions.flatMap((a) => [a, ...deep(a.nested ?? [])]);
const allActions = flows.flatMap((f) => deep(f.actions));
const actionsText = (line: string) =>
  line.slice(line.search(/(?:^|[\s,])actions=/)).replace(/^[\s,]*actions=/, '');

/** The fixture line containing `text`: exact assertions below read real ovs-ofctl output. */
function flowWith(text: string): Flow {
  const hit = parsed.find((p) => p.line.includes(text));
  if (!hit?.flow) throw new Error(`no parsed fixture line contains ${text}`);
  return hit.flow;
}
const actionWith = (text: string): FlowAction | undefined =>
  flowWith(text).actions.find((a) => a.raw.includes(text));

describe('the Open vSwitch test-suite corpus', () => {
  it('holds several hundred flows, every one of them a flow', () => {
    expect(lines.length).toBeGreaterThan(600);
    expect(parsed.filter((p) => p.flow === null).map((p) => p.line)).toEqual([]);
  });

  it('leaves nothing unparsed in any flow head', () => {
    expect(flows.filter((f) => f.unparsed !== undefined).map((f) => f.raw)).toEqual([]);
  });

  it('splits every action list into exactly the printed actions', () => {
    const rejoined = parsed.filter(
      (p) => p.flow && p.flow.actions.map((a) => a.raw).join(',') !== actionsText(p.line),
    );
    // `actions=` alone is parsed as one drop with an empty raw, which rejoins to ''.
    expect(rejoined.map((p) => p.line)).toEqual([]);
  });

  it('knows every action keyword, nested ones included', () => {
    expect([...new Set(allActions.map((a) => a.type).filter((t) => !KNOWN_ACTIONS.has(t)))]).toEqual([]);
  });

  it('reads every match field as a bare field name', () => {
    const fields = new Set(flows.flatMap((f) => f.match.map((m) => m.field)));
    expect([...fields].filter((f) => !/^[a-z][a-z0-9_]*$/.test(f))).toEqual([]);
  });

  it('gives only real ports: numbers, reserved ports or port names', () => {
    const ports = allActions.flatMap((a) => (a.port === undefined ? [] : [a.port]));
    expect(ports.length).toBeGreaterThan(150);
    expect([...new Set(ports)].filter((p) => !/^[A-Za-z0-9_]+$/.test(p))).toEqual([]);
  });

  it('gives every table jump its table', () => {
    const jumps = allActions.filter(
      (a) =>
        a.type === 'goto_table' ||
        (a.type === 'resubmit' && /,\s*[^,\s)]/.test(a.args ?? '')) ||
        (a.type === 'ct' && /(^|,)table=/.test(a.args ?? '')),
    );
    expect(jumps.length).toBeGreaterThan(40);
    expect(jumps.filter((a) => a.table === undefined).map((a) => a.raw)).toEqual([]);
  });

  it('nests the action lists of clone, write_actions and ct(exec), printed back exactly', () => {
    const nesting = allActions.filter((a) => ['clone', 'write_actions'].includes(a.type));
    const execs = allActions.filter((a) => a.type === 'ct' && a.args?.includes('exec('));
    expect(nesting.length).toBeGreaterThan(3);
    expect(execs.length).toBeGreaterThan(5);
    for (const a of nesting) expect(a.nested?.map((n) => n.raw).join(',')).toBe(a.args);
    for (const a of execs) {
      const exec = /exec\((.*)\)/.exec(a.args ?? '')?.[1];
      expect(a.nested?.map((n) => n.raw).join(',')).toBe(exec);
    }
  });
});

describe('output with arguments (gap a) and its siblings', () => {
  it('reads output(port=1,max_len=100) as port 1 keeping 100 bytes', () => {
    expect(actionWith('output(port=1,max_len=100)')).toEqual({
      type: 'output',
      raw: 'output(port=1,max_len=100)',
      args: 'port=1,max_len=100',
      port: '1',
      maxLen: 100,
    });
    expect(actionWith('output(port=LOCAL,max_len=123)')).toMatchObject({ port: 'LOCAL', maxLen: 123 });
  });

  it('gives output:FIELD no port: the port comes from a register', () => {
    const a = actionWith('output:NXM_NX_REG1[5..10]');
    expect(a).toEqual({ type: 'output', raw: 'output:NXM_NX_REG1[5..10]', args: 'NXM_NX_REG1[5..10]' });
    expect(parseAction('output:"p[1]"').port).toBe('p[1]');
  });

  it('reads the port of enqueue:PORT:QUEUE, a quoted name with a colon included', () => {
    expect(actionWith('enqueue:10:55')).toMatchObject({ type: 'enqueue', port: '10', args: '10:55' });
    expect(parseAction('enqueue:"vm:1":3').port).toBe('vm:1');
  });

  it('reads max_len of CONTROLLER:N and controller(…)', () => {
    expect(actionWith('CONTROLLER:1234')).toMatchObject({ type: 'controller', maxLen: 1234 });
    expect(actionWith('controller(reason=invalid_ttl,max_len=1234,id=5678,userdata')).toMatchObject({
      type: 'controller',
      maxLen: 1234,
    });
  });

  it('reads resubmit:PORT and resubmit(PORT,TABLE,ct)', () => {
    expect(actionWith('resubmit:5')).toMatchObject({ type: 'resubmit', port: '5' });
    expect(actionWith('resubmit(10,5,ct)')).toMatchObject({ port: '10', table: 5 });
  });

  it('treats a bare word that is no action as a port, like ovs-ofctl does', () => {
    expect(parseAction('p1')).toEqual({ type: 'output', raw: 'p1', port: 'p1' });
    expect(flowWith('actions=IN_PORT,IN_PORT').actions[0]).toEqual({ type: 'in_port', raw: 'IN_PORT' });
  });
});

describe('nested action lists (gap b) and actions with nested parentheses', () => {
  it('expands write_actions(…) into its actions', () => {
    expect(actionWith('write_actions(dec_ttl,CONTROLLER:65535)')?.nested).toEqual([
      { type: 'dec_ttl', raw: 'dec_ttl' },
      { type: 'controller', raw: 'CONTROLLER:65535', args: '65535', maxLen: 65535 },
    ]);
    expect(actionWith('write_actions(drop)')?.nested).toEqual([{ type: 'drop', raw: 'drop' }]);
  });

  it('expands clone(…) and ct(…,exec(…))', () => {
    expect(actionWith('clone(mod_vlan_vid:5,output:10)')?.nested?.map((a) => [a.type, a.port])).toEqual([
      ['mod_vlan_vid', undefined],
      ['output', '10'],
    ]);
    const ct = actionWith('ct(commit,exec(load:0->NXM_NX_CT_LABEL[64..127],load:0x1d');
    expect(ct?.nested?.map((a) => a.args)).toEqual([
      '0->NXM_NX_CT_LABEL[64..127]',
      '0x1d->NXM_NX_CT_LABEL[0..63]',
    ]);
  });

  it('gives bundle and bundle_load one output per member', () => {
    expect(actionWith('bundle(eth_src,0,hrw,ofport,members:4,8)')?.nested).toEqual([
      { type: 'output', raw: '4', port: '4' },
      { type: 'output', raw: '8', port: '8' },
    ]);
    expect(actionWith('bundle_load(eth_src,0,hrw,ofport,NXM_NX_REG0[],members:4,8)')?.nested?.length).toBe(2);
    expect(actionWith('bundle(symmetric_l3,60,hrw,ofport,members:)')?.nested).toEqual([]);
  });

  it('keeps learn, sample, nat, encap and multipath whole, nested commas and all', () => {
    const learn = actionWith('learn(table=2,idle_timeout=10,hard_timeout=20,fin_idle_timeout=2');
    expect(learn?.type).toBe('learn');
    expect(learn?.args).toMatch(/^table=2,.*,output:NXM_OF_IN_PORT\[\]$/);
    expect(learn?.nested).toBeUndefined();
    expect(learn?.table).toBeUndefined();
    expect(actionWith('obs_point_id=NXM_NX_CT_LABEL[32..63],sampling_port=56789,egress)')).toMatchObject({
      type: 'sample',
      args: expect.stringMatching(/sampling_port=56789,egress$/),
    });
    expect(actionWith('ct(commit,nat(src=10.1.1.240-10.1.1.255),alg=ftp)')).toMatchObject({
      type: 'ct',
      args: 'commit,nat(src=10.1.1.240-10.1.1.255),alg=ftp',
    });
    expect(actionWith('encap(nsh(md_type=1))')).toMatchObject({ type: 'encap', args: 'nsh(md_type=1)' });
    expect(actionWith('decap()')).toMatchObject({ type: 'decap', args: '' });
    expect(flowWith('multipath(eth_src,50,hrw,12,0').actions.map((a) => a.type)).toEqual([
      'multipath',
      'multipath',
    ]);
  });

  it('reads check_pkt_larger(LEN)->DST as LEN->DST and dec_ttl(ids) as its ids', () => {
    expect(actionWith('check_pkt_larger(1500)->NXM_NX_REG0[0]')).toMatchObject({
      type: 'check_pkt_larger',
      args: '1500->NXM_NX_REG0[0]',
    });
    expect(actionWith('dec_ttl(32768,12345,90,765,1024)')).toMatchObject({
      type: 'dec_ttl',
      args: '32768,12345,90,765,1024',
    });
    expect(parseAction('conjunction(7,2/3)')).toEqual({
      type: 'conjunction',
      raw: 'conjunction(7,2/3)',
      args: '7,2/3',
    });
  });

  it('reads the VLAN actions by name', () => {
    expect(
      ['mod_vlan_vid:9', 'strip_vlan', 'pop_vlan', 'push_vlan:0x8100'].map((t) => actionWith(t)?.type),
    ).toEqual(['mod_vlan_vid', 'strip_vlan', 'pop_vlan', 'push_vlan']);
    expect(actionWith('set_field:4103->vlan_vid')?.args).toBe('4103->vlan_vid');
  });
});

describe('tables given by name (gap c)', () => {
  it('resolves resubmit(,NAME), ct(table=NAME) and the flow table through Flow_Table names', () => {
    const f = flowWith('table=zero, in_port=p2 actions=output:p1,resubmit(,one)');
    expect(f).toMatchObject({ table: 0, tableName: 'zero' });
    expect(f.actions).toEqual([
      { type: 'output', raw: 'output:p1', args: 'p1', port: 'p1' },
      { type: 'resubmit', raw: 'resubmit(,one)', args: ',one', table: 1, tableName: 'one' },
    ]);
    expect(actionWith('ct(table=two)')).toMatchObject({ type: 'ct', table: 2, tableName: 'two' });
  });

  it('keeps an unresolved name as tableName with no table', () => {
    expect(parseAction('resubmit(,one)')).toEqual({
      type: 'resubmit',
      raw: 'resubmit(,one)',
      args: ',one',
      tableName: 'one',
    });
    expect(parseAction('goto_table:"acl_egress"', { acl_egress: 70 })).toMatchObject({
      table: 70,
      tableName: 'acl_egress',
    });
    expect(parseAction('goto_table:constructor')).toMatchObject({ tableName: 'constructor' });
    expect(parseAction('goto_table:constructor').table).toBeUndefined();
  });

  it('reads quoted table names in the flow head', () => {
    const f = parseFlowLine(' table="acl_egress", priority=1 actions=drop', 'br', { acl_egress: 70 });
    expect(f).toMatchObject({ table: 70, tableName: 'acl_egress' });
    expect(f?.unparsed).toBeUndefined();
  });
});
