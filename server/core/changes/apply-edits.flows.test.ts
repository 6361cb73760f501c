import { describe, expect, it } from 'vitest';
import { flowId } from '../model/identity';
import type { HostModel } from '../model/schema';
import { parseFlowLine } from '../parsers/ofctl-flows';
import { accepted, labModel, refusedWith } from './apply-edits.test-helper';
import { modelObjects } from './objects';

const aio = () => labModel('aio');
const kvm = () => labModel('kvm');
const flowObject = (model: HostModel, id: string) => modelObjects(model).find((o) => o.id === id);

describe('add-flow', () => {
  it('adds one flow, shaped as ovs-ofctl --names would dump it', () => {
    const { desired, summary } = accepted(aio(), [
      {
        op: 'add-flow',
        bridge: 'br-ex',
        table: 0,
        priority: 5,
        match: 'in_port=phy-br-ex,dl_vlan=2',
        actions: 'strip_vlan,output:eth1',
      },
    ]);
    const id = 'flow:br-ex/0/5/dl_vlan=2,in_port=phy-br-ex';
    expect(summary).toEqual({ added: [id], removed: [], changed: {} });
    expect(flowObject(desired, id)?.fields).toEqual({
      bridge: 'br-ex',
      table: 0,
      priority: 5,
      match: 'dl_vlan=2,in_port=phy-br-ex',
      actions: 'strip_vlan,output:eth1',
    });
    const flow = desired.ovs?.bridges.find((b) => b.name === 'br-ex')?.flows?.find((f) => f.priority === 5);
    // A port name that is not purely alphanumeric is quoted, as OVS prints it; the id follows identity.flowId.
    expect(flow?.raw).toBe(
      'cookie=0x0, table=0, priority=5,in_port="phy-br-ex",dl_vlan=2 actions=strip_vlan,output:eth1',
    );
    expect(flow?.id).toBe(flowId('br-ex', 0, 5, 'in_port=phy-br-ex,dl_vlan=2'));
    expect(flow?.inPort).toBe('phy-br-ex');
  });

  it('parses like a real dump line: the fixture flow written as an edit projects identically', () => {
    // br-ex has `priority=4,in_port="phy-br-ex",dl_vlan=1 actions=strip_vlan,NORMAL`; delete it and add it back.
    const model = aio();
    const { summary } = accepted(model, [
      { op: 'delete-flow', bridge: 'br-ex', priority: 4, match: 'dl_vlan=1,in_port=phy-br-ex' },
      {
        op: 'add-flow',
        bridge: 'br-ex',
        priority: 4,
        match: 'in_port=phy-br-ex dl_vlan=1',
        actions: 'strip_vlan, normal',
      },
    ]);
    expect(summary).toEqual({ added: [], removed: [], changed: {} });
  });

  it('resolves OpenFlow port numbers to names, the bridge port to LOCAL, dl_type/nw_proto to keywords', () => {
    const { desired, summary } = accepted(aio(), [
      {
        op: 'add-flow',
        bridge: 'br-ex',
        priority: 7,
        cookie: '0x00FF',
        match: 'in_port=2,dl_type=0x0800,nw_proto=6,tp_dst=80',
        actions: 'output:1,output:br-ex,3',
      },
    ]);
    const id = 'flow:br-ex/0/7/in_port=phy-br-ex,tcp,tp_dst=80';
    expect(summary.added).toEqual([id]);
    expect(flowObject(desired, id)?.fields.actions).toBe('output:eth1,local,output:"qg-a1b2c3d4-e5"');
    const flow = desired.ovs?.bridges.find((b) => b.name === 'br-ex')?.flows?.find((f) => f.priority === 7);
    expect(flow?.cookie).toBe('0xff');
    expect(flow?.raw).toBe(
      'cookie=0xff, table=0, priority=7,tcp,in_port="phy-br-ex",tp_dst=80 actions=output:eth1,LOCAL,output:"qg-a1b2c3d4-e5"',
    );
    // The same line through the dump parser gives the same flow.
    expect(parseFlowLine(flow?.raw ?? '', 'br-ex')).toEqual(flow);
  });

  it('replaces a flow with the same table, priority and match (as ovs-ofctl add-flow does)', () => {
    const { summary } = accepted(aio(), [
      { op: 'add-flow', bridge: 'br-ex', priority: 2, match: 'in_port=phy-br-ex', actions: 'NORMAL' },
    ]);
    expect(summary).toEqual({
      added: [],
      removed: [],
      changed: { 'flow:br-ex/0/2/in_port=phy-br-ex': ['actions'] },
    });
  });

  it('defaults table 0 and priority 32768 (printed without priority), an empty match matches all', () => {
    const { desired, summary, edits } = accepted(kvm(), [
      { op: 'add-flow', bridge: 'ovsbr0', match: '', actions: 'drop' },
    ]);
    expect(summary.added).toEqual(['flow:ovsbr0/0/32768/']);
    expect(edits[0]).toMatchObject({ table: 0, priority: 32768 });
    const flow = desired.ovs?.bridges[0]?.flows?.find((f) => f.priority === 32768);
    expect(flow?.raw).toBe('cookie=0x0, table=0, actions=drop');
  });

  it('works on a bridge added by an earlier edit, naming a port added by another', () => {
    const { summary } = accepted(aio(), [
      { op: 'add-bridge', name: 'br-new' },
      { op: 'add-port', bridge: 'br-new', name: 'p1', type: 'internal' },
      {
        op: 'add-flow',
        bridge: 'br-new',
        table: 3,
        priority: 10,
        match: 'in_port=p1',
        actions: 'resubmit(,4)',
      },
    ]);
    expect(summary.added).toContain('flow:br-new/3/10/in_port=p1');
  });

  it('refuses a missing bridge, ports not on the bridge, unknown port numbers, non-match fields', () => {
    refusedWith(aio(), [{ op: 'add-flow', bridge: 'br-x', match: '', actions: 'drop' }], 0, 'bridge');
    expect(
      refusedWith(
        aio(),
        [{ op: 'add-flow', bridge: 'br-ex', match: 'in_port=int-br-ex', actions: 'drop' }],
        0,
        'match',
      ).message,
    ).toMatch(/port int-br-ex is not on bridge br-ex \(OpenFlow ports: .*phy-br-ex/);
    expect(
      refusedWith(
        aio(),
        [{ op: 'add-flow', bridge: 'br-ex', match: '', actions: 'output:qr-5f3a1c2e-4b' }],
        0,
        'actions',
      ).message,
    ).toMatch(/not on bridge br-ex/);
    expect(
      refusedWith(
        aio(),
        [{ op: 'add-flow', bridge: 'br-ex', match: 'in_port=9', actions: 'drop' }],
        0,
        'match',
      ).message,
    ).toMatch(/no OpenFlow port 9 \(ports: .*eth1=1/);
    expect(
      refusedWith(
        kvm(),
        [{ op: 'add-flow', bridge: 'ovsbr0', match: 'in_port=bond0', actions: 'drop' }],
        0,
        'match',
      ).message,
    ).toMatch(/several interfaces \(uplink0, uplink1\)/);
    expect(
      refusedWith(
        aio(),
        [{ op: 'add-flow', bridge: 'br-ex', match: 'table=3,ip', actions: 'drop' }],
        0,
        'match',
      ).message,
    ).toMatch(/`table` field/);
    refusedWith(
      aio(),
      [{ op: 'add-flow', bridge: 'br-ex', match: 'ip actions=drop', actions: 'drop' }],
      0,
      'match',
    );
    refusedWith(aio(), [{ op: 'add-flow', bridge: 'br-ex', match: 'ip,ip', actions: 'drop' }], 0, 'match');
    refusedWith(
      aio(),
      [{ op: 'add-flow', bridge: 'br-ex', match: '', actions: 'drop,NORMAL' }],
      0,
      'actions',
    );
  });

  it('refuses flows on a bridge whose flows were not read', () => {
    const model = aio();
    const br = model.ovs?.bridges.find((b) => b.name === 'br-ex');
    if (br) {
      br.flows = null;
      br.flowsError = 'permission denied';
    }
    expect(
      refusedWith(model, [{ op: 'add-flow', bridge: 'br-ex', match: '', actions: 'drop' }], 0, 'bridge')
        .message,
    ).toMatch(/were not read \(permission denied\); read the host again/);
  });
});

describe('delete-flow', () => {
  it('removes exactly the flow with that table, priority and match (in any order, ports by number too)', () => {
    const { summary } = accepted(aio(), [
      { op: 'delete-flow', bridge: 'br-ex', priority: 2, match: 'in_port=2' },
    ]);
    expect(summary).toEqual({ added: [], removed: ['flow:br-ex/0/2/in_port=phy-br-ex'], changed: {} });
    const any = accepted(aio(), [{ op: 'delete-flow', bridge: 'br-ex', table: 0, priority: 0, match: '' }]);
    expect(any.summary.removed).toEqual(['flow:br-ex/0/0/']);
  });

  it('refuses a flow that is not there, listing the flows of that table', () => {
    const e = refusedWith(
      aio(),
      [{ op: 'delete-flow', bridge: 'br-ex', priority: 3, match: 'in_port=phy-br-ex' }],
      0,
      'match',
    );
    expect(e.message).toMatch(
      /has no flow at table=0 priority=3 matching exactly in_port=phy-br-ex \(flows in table 0: /,
    );
    expect(e.message).toContain('priority=2 in_port=phy-br-ex');
    refusedWith(aio(), [{ op: 'delete-flow', bridge: 'br-x', match: '' }], 0, 'bridge');
    refusedWith(
      aio(),
      [
        { op: 'delete-flow', bridge: 'br-ex', priority: 2, match: 'in_port=phy-br-ex' },
        { op: 'delete-flow', bridge: 'br-ex', priority: 2, match: 'in_port=phy-br-ex' },
      ],
      1,
      'match',
    );
  });
});
