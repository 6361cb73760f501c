import { describe, expect, it } from 'vitest';
import { bridge, fixtureModel, host, iface, port, run } from '../lint.test-helper';
import { flowUnknownPort } from './flow-unknown-port';

function withFlows(flows: string[]) {
  const m = host();
  bridge(m, 'br0', flows);
  port(m, 'br0', 'eth1', { ofport: 1 });
  port(m, 'br0', 'vm-a', { ofport: 2 });
  port(m, 'br0', 'bond0', { members: ['eno1', 'eno2'] });
  return m;
}

describe('flow-unknown-port', () => {
  it('accepts names and numbers of the bridge’s ports, reserved ports and fields', () => {
    const m = withFlows([
      'priority=9,in_port=eth1 actions=output:vm-a',
      'priority=8,in_port=2 actions=output:1,output:4,enqueue:eth1:3',
      'priority=7,in_port=LOCAL actions=IN_PORT,output:NORMAL,local,controller:65535',
      'priority=6,in_port=eno1 actions=output:eno2,output:4294967293,output:65533',
      'priority=5 actions=output:NXM_NX_REG0[],resubmit(,1),resubmit:vm-a',
      'priority=4 actions=output(port=eth1,max_len=128),clone(output:"vm-a")',
    ]);
    expect(run(flowUnknownPort, m)).toEqual([]);
  });

  it('reports an in_port or output naming no port of the bridge (a bond is not an OpenFlow port)', () => {
    const m = withFlows([
      'priority=9,in_port=9 actions=drop',
      'priority=8 actions=output:gone,output:bond0,NORMAL',
      'priority=7 actions=clone(output:7)',
    ]);
    const found = run(flowUnknownPort, m);
    expect(found.map((f) => [f.severity, f.title, f.objects])).toEqual([
      [
        'warning',
        'a flow on br0 (table 0, priority 9) names port "9", which br0 does not have',
        ['br:br0', found[0]?.objects[1]],
      ],
      [
        'warning',
        'a flow on br0 (table 0, priority 8) names port "gone" and "bond0", which br0 does not have',
        ['br:br0', found[1]?.objects[1]],
      ],
      [
        'warning',
        'a flow on br0 (table 0, priority 7) names port "7", which br0 does not have',
        ['br:br0', found[2]?.objects[1]],
      ],
    ]);
    expect(found.map((f) => f.objects[1])).toEqual(m.ovs?.bridges[0]?.flows?.map((f) => f.id));
    expect(found[0]?.explanation).toContain('never matches anything');
    expect(found[1]?.explanation).toContain('silently dropped');
  });

  it.each(['openstack', 'compute', 'kvm', 'aio'] as const)('finds nothing on the %s capture', (name) => {
    expect(run(flowUnknownPort, fixtureModel(name))).toEqual([]);
  });

  it('finds the flows left behind when the VM port of the openstack capture is renamed', () => {
    const m = fixtureModel('openstack');
    iface(m, 'tapvm1-aa').name = 'tapvm1-bb';
    expect(run(flowUnknownPort, m).map((f) => f.title)).toEqual([
      'a flow on br-int (table 71, priority 95) names port "tapvm1-aa", which br-int does not have',
      'a flow on br-int (table 73, priority 100) names port "tapvm1-aa", which br-int does not have',
    ]);
  });
});
