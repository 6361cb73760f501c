import { describe, expect, it } from 'vitest';
import { labModel } from '../changes/apply-edits.test-helper';
import { bridge, host, patch, port, veth } from '../lint/lint.test-helper';
import type { HostModel } from '../model/schema';
import { parseFlowLine } from '../parsers/ofctl-flows';
import { vlanReach } from './vlan-reach';

const reachOf = (m: HostModel, vlan: number) => {
  const r = vlanReach(m).find((x) => x.vlan === vlan);
  if (!r) throw new Error(`VLAN ${vlan} not followed`);
  return r;
};
const carries = (m: HostModel, vlan: number, id: string) => reachOf(m, vlan).carriers.includes(id);

/** Replaces a bridge's flows with dump-flows lines (table 0 unless the line says otherwise). */
function flows(m: HostModel, bridgeName: string, lines: string[]) {
  const b = m.ovs?.bridges.find((x) => x.name === bridgeName);
  if (!b) throw new Error(`no bridge ${bridgeName}`);
  b.flows = lines.map((line) => {
    const f = parseFlowLine(`cookie=0x0, ${line}`, bridgeName);
    if (!f) throw new Error(`flow did not parse: ${line}`);
    return f;
  });
}

/**
 * br0 (NORMAL) with vm-a on VLAN 10, vm-b on VLAN 20 and a trunk of VLAN 20, patched (to-br1 ↔
 * to-br0) to br1, whose uplink eth1 carries every VLAN; br1 runs `br1Flows`.
 */
function twoBridges(br1Flows: string[] | null = ['priority=0 actions=NORMAL']) {
  const m = host();
  bridge(m, 'br0');
  bridge(m, 'br1', null);
  if (br1Flows) flows(m, 'br1', br1Flows);
  port(m, 'br0', 'vm-a', { tag: 10 });
  port(m, 'br0', 'vm-b', { tag: 20 });
  port(m, 'br0', 'tr20', { trunks: [20] });
  patch(m, ['br0', 'to-br1'], ['br1', 'to-br0']);
  port(m, 'br1', 'eth1');
  return m;
}
const NORMAL = 'priority=0 actions=NORMAL';

describe('vlanReach on the openstack-aio lab (br-ex strips VLAN 1 from br-int, drops the rest)', () => {
  const aio = labModel('aio');
  const qg = 'link:qrouter-8c1f6a0e-3d2b-4e5f-9a7c-1b2d3e4f5a6b/qg-a1b2c3d4-e5';

  it('VLAN 2 stops at br-ex: its physical port, qg- port and what lies behind them do not carry it', () => {
    const r = reachOf(aio, 2);
    for (const id of [
      'port:br-ex/eth1',
      'port:br-ex/phy-br-ex',
      'port:br-ex/qg-a1b2c3d4-e5',
      'link:outside/eth1-outside',
      qg,
    ])
      expect([id, r.carriers.includes(id)]).toEqual([id, false]);
    // br-int still sends it out towards br-ex, where the flows drop it as it arrives.
    expect(r.carriers).toEqual(
      expect.arrayContaining([
        'port:br-int/qvo9e8d7c6b-5a',
        'link:instance-2/qvb9e8d7c6b-5a',
        'port:br-int/int-br-ex',
      ]),
    );
    expect(r.dropped).toEqual(['port:br-ex/phy-br-ex']);
  });

  it('VLAN 1 leaves br-ex untagged: the physical port, the qg- legs and their namespace ends carry it', () => {
    const r = reachOf(aio, 1);
    expect(r.carriers).toEqual(
      expect.arrayContaining([
        'port:br-int/int-br-ex',
        'port:br-ex/phy-br-ex',
        'port:br-ex/eth1',
        'link:outside/eth1-outside',
        'port:br-ex/qg-a1b2c3d4-e5',
        qg,
      ]),
    );
    expect(r.carriers).not.toContain('port:br-int/qvo9e8d7c6b-5a');
    expect(r.dropped).toEqual([]);
  });
});

describe('vlanReach on hand-made hosts', () => {
  it('with NORMAL alone: access ports of the VLAN, trunks listing it and ports carrying every VLAN', () => {
    const m = twoBridges();
    expect(reachOf(m, 10).carriers).toEqual([
      'iface:br0',
      'iface:br1',
      'iface:eth1',
      'iface:to-br0',
      'iface:to-br1',
      'iface:vm-a',
      'port:br0/br0',
      'port:br0/to-br1',
      'port:br0/vm-a',
      'port:br1/br1',
      'port:br1/eth1',
      'port:br1/to-br0',
    ]);
    expect(carries(m, 20, 'port:br0/tr20')).toBe(true);
    expect(carries(m, 20, 'port:br0/vm-a')).toBe(false);
    expect(reachOf(m, 10).dropped).toEqual([]);
  });

  it('a flow dropping everything from a port stops the VLAN there and names the port', () => {
    const m = twoBridges(['priority=2,in_port=to-br0 actions=drop', NORMAL]);
    const r = reachOf(m, 10);
    expect(r.carriers).toContain('port:br0/to-br1');
    expect(r.carriers).not.toContain('port:br1/to-br0');
    expect(r.carriers).not.toContain('port:br1/eth1');
    expect(r.dropped).toEqual(['port:br1/to-br0']);
    // Empty actions are a drop too.
    expect(reachOf(twoBridges(['priority=2,in_port=to-br0 actions=', NORMAL]), 10).dropped).toEqual([
      'port:br1/to-br0',
    ]);
  });

  it('dl_vlan and vlan_tci decide which VLAN a drop applies to', () => {
    const m = twoBridges(['priority=3,in_port=to-br0,dl_vlan=20 actions=drop', NORMAL]);
    expect(carries(m, 10, 'port:br1/eth1')).toBe(true);
    expect(reachOf(m, 20).dropped).toEqual(['port:br1/to-br0']);
    const tagged = twoBridges(['priority=3,in_port=to-br0,vlan_tci=0x1000/0x1000 actions=drop', NORMAL]);
    expect(reachOf(tagged, 10).dropped).toEqual(['port:br1/to-br0']);
    // A priority (PCP) match may or may not fit a packet whose priority is unknown.
    const pcp = twoBridges(['priority=3,in_port=to-br0,vlan_tci=0x2000/0xe000 actions=drop', NORMAL]);
    expect(reachOf(pcp, 10).dropped).toEqual([]);
    expect(carries(pcp, 10, 'port:br1/eth1')).toBe(true);
  });

  it('a drop that also matches other fields (tcp) may not apply: not a drop', () => {
    const m = twoBridges(['priority=3,in_port=to-br0,tcp actions=drop', NORMAL]);
    expect(carries(m, 10, 'port:br1/to-br0')).toBe(true);
    expect(carries(m, 10, 'port:br1/eth1')).toBe(true);
    expect(reachOf(m, 10).dropped).toEqual([]);
  });

  it('follows strips and rewrites: the ports of the VLAN after the flow carry it', () => {
    const m = twoBridges([
      'priority=4,in_port=to-br0,dl_vlan=10 actions=mod_vlan_vid:30,NORMAL',
      'priority=4,in_port=to-br0,dl_vlan=20 actions=strip_vlan,NORMAL',
      'priority=2,in_port=to-br0 actions=drop',
      NORMAL,
    ]);
    port(m, 'br1', 'acc30', { tag: 30 });
    port(m, 'br1', 'tr30', { trunks: [30] });
    // VLAN 10 is VLAN 30 on br1.
    expect(carries(m, 10, 'port:br1/acc30')).toBe(true);
    expect(carries(m, 10, 'port:br1/tr30')).toBe(true);
    expect(carries(m, 10, 'port:br1/eth1')).toBe(true);
    // VLAN 20 is untagged on br1: the all-VLAN uplink has it, VLAN ports do not.
    expect(carries(m, 20, 'port:br1/eth1')).toBe(true);
    expect(carries(m, 20, 'port:br1/tr30')).toBe(false);
    expect(carries(m, 20, 'port:br1/acc30')).toBe(false);
    expect(vlanReach(m).flatMap((r) => r.dropped)).toEqual([]);
  });

  it('follows resubmit and goto_table chains', () => {
    const m = twoBridges([
      'priority=1,in_port=to-br0 actions=resubmit(,5)',
      'table=5, priority=2,dl_vlan=10 actions=drop',
      'table=5, priority=1 actions=goto_table:6',
      'table=6, priority=1 actions=output:eth1',
      NORMAL,
    ]);
    expect(reachOf(m, 10).dropped).toEqual(['port:br1/to-br0']);
    expect(carries(m, 20, 'port:br1/eth1')).toBe(true);
    // An explicit output leaves the bridge's own port out, NORMAL would not.
    expect(carries(m, 20, 'port:br1/br1')).toBe(false);
  });

  it('what the model cannot follow may carry the VLAN: controller, learn, group, conntrack, loops', () => {
    for (const actions of [
      'controller',
      'learn(table=9,NXM_OF_VLAN_TCI[0..11]),drop',
      'group:1',
      'ct(table=7)',
      'output:NXM_NX_REG1[0..15]',
      'resubmit(,5)',
    ]) {
      const m = twoBridges([
        `priority=2,in_port=to-br0 actions=${actions}`,
        'table=5, priority=1 actions=resubmit(,5)',
        NORMAL,
      ]);
      expect([actions, reachOf(m, 10).dropped, carries(m, 10, 'port:br1/eth1')]).toEqual([actions, [], true]);
    }
    // Flows not read: the bridge is taken to switch as NORMAL.
    expect(carries(twoBridges(null), 10, 'port:br1/eth1')).toBe(true);
  });

  it('lights the namespace end of a port, and crosses a veth into another bridge', () => {
    const m = host();
    bridge(m, 'br0');
    bridge(m, 'br1');
    port(m, 'br0', 'vm-a', { tag: 10 });
    port(m, 'br0', 'vm-b', { tag: 20 });
    veth(m, ['', 'vm-a'], ['vm', 'eth0']);
    veth(m, ['', 'vm-b'], ['vm2', 'eth0']);
    port(m, 'br0', 'v0');
    port(m, 'br1', 'v1');
    veth(m, ['', 'v0'], ['', 'v1']);
    port(m, 'br1', 'far', { tag: 10 });
    expect(carries(m, 10, 'link:vm/eth0')).toBe(true);
    expect(carries(m, 10, 'link:vm2/eth0')).toBe(false);
    expect(carries(m, 10, 'link:/v1')).toBe(true);
    expect(carries(m, 10, 'port:br1/far')).toBe(true);
    expect(carries(m, 20, 'port:br1/far')).toBe(false);
  });
});
