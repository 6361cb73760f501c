import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../changes/apply-edits';
import { bridge, fixtureModel, host, iface, linkIn, patch, port, run, veth } from '../lint.test-helper';
import { mtuMismatch } from './mtu-mismatch';

describe('mtu-mismatch', () => {
  it('reports a veth pair with different MTUs and lowers the larger end', () => {
    const m = host();
    veth(m, ['', 'vm-a'], ['a', 'eth0'], { b: { mtu: 9000 } });
    const found = run(mtuMismatch, m);
    expect(found.map((f) => [f.severity, f.title, f.objects, f.fix])).toEqual([
      [
        'warning',
        'veth vm-a has MTU 1500, its peer eth0 (a) 9000',
        ['link:/vm-a', 'link:a/eth0'],
        [{ op: 'set-link', namespace: 'a', name: 'eth0', mtu: 1500 }],
      ],
    ]);
    const fixed = applyEdits(m, found[0]?.fix ?? []);
    if (!fixed.ok) throw new Error(JSON.stringify(fixed.errors));
    expect(run(mtuMismatch, fixed.desired)).toEqual([]);
  });

  it('changes mtu_request where OVS sets the larger end’s MTU', () => {
    const m = host();
    bridge(m, 'br0');
    veth(m, ['', 'vm-a'], ['a', 'eth0'], { a: { mtu: 9000 } });
    port(m, 'br0', 'vm-a');
    iface(m, 'vm-a').mtuRequest = 9000;
    expect(run(mtuMismatch, m).map((f) => f.fix)).toEqual([
      [{ op: 'set-interface', name: 'vm-a', mtuRequest: 1500 }],
    ]);
  });

  it('compares patch ports only when OVS reports both MTUs, and offers no fix there', () => {
    const m = host();
    bridge(m, 'br0');
    bridge(m, 'br1');
    patch(m, ['br0', 'p0'], ['br1', 'p1']);
    expect(run(mtuMismatch, m)).toEqual([]);
    iface(m, 'p0').mtu = 1500;
    expect(run(mtuMismatch, m)).toEqual([]);
    iface(m, 'p1').mtu = 9000;
    expect(run(mtuMismatch, m).map((f) => [f.title, f.objects, f.fix])).toEqual([
      ['patch port p0 has MTU 1500, its peer p1 9000', ['iface:p0', 'iface:p1'], undefined],
    ]);
  });

  it.each(['openstack', 'compute', 'kvm', 'aio'] as const)('finds nothing on the %s capture', (name) => {
    expect(run(mtuMismatch, fixtureModel(name))).toEqual([]);
  });

  it('finds a VM whose MTU differs from its tap on the kvm capture, and the fix applies', () => {
    const m = fixtureModel('kvm');
    linkIn(m, 'vm-web', 'eth0').mtu = 1400;
    const found = run(mtuMismatch, m);
    expect(found.map((f) => [f.title, f.objects, f.fix])).toEqual([
      [
        'veth vnet0 has MTU 1500, its peer eth0 (vm-web) 1400',
        ['link:/vnet0', 'link:vm-web/eth0'],
        [{ op: 'set-link', name: 'vnet0', mtu: 1400 }],
      ],
    ]);
    const fixed = applyEdits(m, found[0]?.fix ?? []);
    if (!fixed.ok) throw new Error(JSON.stringify(fixed.errors));
    expect(run(mtuMismatch, fixed.desired)).toEqual([]);
  });
});
