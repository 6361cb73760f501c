import { describe, expect, it } from 'vitest';
import { fixture, fixturePart } from './fixtures.test-helper';
import { parseAction, parseActions } from './ofctl-actions';
import { parseFlows } from './ofctl-flows';

describe('parseFlows (real captures)', () => {
  it('reads br-ex strip_vlan flows with named in_port and counters', () => {
    const { flows, errors } = parseFlows(fixturePart('openstack-aio.collect.txt', 'flows', 'br-ex'), 'br-ex');
    expect(errors).toEqual([]);
    expect(flows).toHaveLength(4);
    const strip = flows[0];
    expect(strip).toMatchObject({
      bridge: 'br-ex',
      table: 0,
      priority: 4,
      cookie: '0x0',
      inPort: 'phy-br-ex',
      match: [
        { field: 'in_port', value: 'phy-br-ex' },
        { field: 'dl_vlan', value: '2' },
      ],
      actions: [
        { type: 'strip_vlan', raw: 'strip_vlan' },
        { type: 'normal', raw: 'NORMAL' },
      ],
    });
    expect(strip?.counters?.durationS).toBeGreaterThan(0);
    expect(strip?.id).toMatch(/^flow:br-ex\/0\/4\/[0-9a-f]{8}$/);
  });

  it('reads OpenFlow 1.3-only br-tun flows (learn, goto_table, set_field)', () => {
    const { flows, errors } = parseFlows(
      fixturePart('openstack-aio.collect.txt', 'flows', 'br-tun'),
      'br-tun',
    );
    expect(errors).toEqual([]);
    expect(flows.find((f) => f.inPort === 'patch-int')?.actions).toEqual([
      { type: 'goto_table', raw: 'goto_table:2', args: '2', table: 2 },
    ]);
    const learn = flows.find((f) => f.table === 10);
    expect(learn?.actions.map((a) => a.type)).toEqual(['learn', 'output']);
    expect(learn?.actions[1]?.port).toBe('patch-int');
    const out = flows.find((f) => f.table === 22 && f.priority === 1);
    expect(out?.actions.at(-1)).toMatchObject({ type: 'output', port: 'vxlan-c6120002' });
  });

  it('gives every flow of a bridge a distinct id that survives a second read', () => {
    const a = parseFlows(fixturePart('openstack-aio.collect.txt', 'flows', 'br-int'), 'br-int').flows;
    const b = parseFlows(
      fixturePart('openstack-aio.second-read.collect.txt', 'flows', 'br-int'),
      'br-int',
    ).flows;
    expect(new Set(a.map((f) => f.id)).size).toBe(a.length);
    expect(b.map((f) => f.id)).toEqual(a.map((f) => f.id));
  });
});

describe('parseFlows (hand-written complex flows)', () => {
  const { flows, errors } = parseFlows(fixture('flows-complex.txt'), 'br-int', { acl_egress: 70 });

  it('skips the reply header and reports lines that are not flows', () => {
    expect(flows).toHaveLength(9);
    expect(errors).toEqual(['not a flow: this line is not a flow']);
  });

  it('reads ages, timeouts, flags, importance and protocol keywords', () => {
    expect(flows[0]).toMatchObject({
      idleAge: 0,
      priority: 1,
      counters: { nPackets: 5106, nBytes: 1142456 },
    });
    expect(flows[2]).toMatchObject({
      cookie: '0x8f3c2a1b9e7d6c5a',
      hardAge: 11,
      inPort: 'qvo 1',
      match: [
        { field: 'arp', value: '' },
        { field: 'in_port', value: 'qvo 1' },
        { field: 'arp_spa', value: '192.0.2.20' },
      ],
    });
    expect(flows[3]).toMatchObject({
      flags: ['send_flow_rem', 'check_overlap', 'reset_counts'],
      importance: 7,
    });
    expect(flows[7]).toMatchObject({ idleTimeout: 60, actions: [{ type: 'drop', raw: '' }] });
  });

  it('reads set_field, load, move and goto_table', () => {
    expect(flows[3]?.actions.map((a) => [a.type, a.args])).toEqual([
      ['set_field', '0x1->reg0'],
      ['load', '0x2->NXM_NX_REG1[0..15]'],
      ['move', 'NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[]'],
      ['goto_table', '30'],
    ]);
  });

  it('reads ct with nested exec, clone and resubmit with port and table', () => {
    const [ct, clone, resubmit] = flows[5]?.actions ?? [];
    expect(ct?.type).toBe('ct');
    expect(ct?.nested?.map((a) => a.type)).toEqual(['set_field', 'load']);
    expect(clone?.nested?.map((a) => [a.type, a.port])).toEqual([
      ['mod_vlan_vid', undefined],
      ['output', 'patch-tun'],
    ]);
    expect(resubmit).toMatchObject({ type: 'resubmit', port: 'br-int-port', table: 40 });
    expect(flows[4]?.actions[0]).toMatchObject({ type: 'ct', args: 'table=31,zone=NXM_NX_REG6[0..15],nat' });
  });

  it('reads learn, note, numeric output, check_pkt_larger, enqueue and reserved ports', () => {
    expect(flows[6]?.actions.map((a) => a.type)).toEqual([
      'learn',
      'note',
      'output',
      'check_pkt_larger',
      'enqueue',
      'controller',
      'local',
    ]);
    expect(flows[6]?.actions[2]?.port).toBe('3');
    expect(flows[6]?.actions[4]?.port).toBe('1');
  });

  it('maps named tables through Flow_Table names', () => {
    expect(flows[8]).toMatchObject({ table: 70, tableName: 'acl_egress' });
    const unknown = parseFlows(
      ' cookie=0x5, table=nope, priority=1 actions=drop\n table=nah, priority=1 actions=drop',
      'br',
    );
    expect(unknown.flows[0]).toMatchObject({ table: -1, tableName: 'nope', unparsed: 'table=nope' });
    expect(unknown.flows[0]?.id).not.toBe(unknown.flows[1]?.id);
  });
});

describe('parseAction', () => {
  it('treats a bare port number as output and resubmit(,N) as a table jump', () => {
    expect(parseAction('2')).toEqual({ type: 'output', raw: '2', port: '2' });
    expect(parseAction('resubmit(,60)')).toEqual({
      type: 'resubmit',
      raw: 'resubmit(,60)',
      args: ',60',
      table: 60,
    });
    expect(parseAction('resubmit:"int-br-ex"')).toMatchObject({ type: 'resubmit', port: 'int-br-ex' });
    expect(parseActions('mod_vlan_vid:5,output:"a,b"').map((a) => a.port)).toEqual([undefined, 'a,b']);
  });
});
