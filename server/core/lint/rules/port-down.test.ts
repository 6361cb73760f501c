import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../changes/apply-edits';
import { bridge, fixtureModel, host, iface, link, linkIn, port, run, veth } from '../lint.test-helper';
import { portDown } from './port-down';

function vm() {
  const m = host();
  bridge(m, 'br0');
  veth(m, ['', 'vm-a'], ['a', 'eth0']);
  port(m, 'br0', 'vm-a', { tag: 5 });
  return m;
}

describe('port-down', () => {
  it('reports an administratively down port and brings it up', () => {
    const m = vm();
    linkIn(m, '', 'vm-a').flags = ['BROADCAST', 'MULTICAST'];
    expect(run(portDown, m).map((f) => [f.severity, f.title, f.objects, f.fix])).toEqual([
      [
        'warning',
        'vm-a on br0 is administratively down',
        ['iface:vm-a', 'port:br0/vm-a', 'link:/vm-a'],
        [{ op: 'set-link', name: 'vm-a', up: true }],
      ],
    ]);
  });

  it('reports a port without carrier, and brings up its veth peer when that is the cause', () => {
    const m = vm();
    linkIn(m, '', 'vm-a').flags = ['BROADCAST', 'MULTICAST', 'UP'];
    linkIn(m, 'a', 'eth0').flags = ['BROADCAST', 'MULTICAST'];
    const found = run(portDown, m);
    expect(found.map((f) => [f.title, f.objects, f.fix])).toEqual([
      [
        'vm-a on br0 is up but has no link',
        ['iface:vm-a', 'port:br0/vm-a', 'link:/vm-a', 'link:a/eth0'],
        [{ op: 'set-link', namespace: 'a', name: 'eth0', up: true }],
      ],
    ]);
    linkIn(m, 'a', 'eth0').flags = ['BROADCAST', 'MULTICAST', 'UP'];
    expect(run(portDown, m).map((f) => [f.title, f.fix])).toEqual([
      ['vm-a on br0 is up but has no link', undefined],
    ]);
  });

  it('reads OVSDB where no kernel link backs the interface, and skips the bridge’s own port', () => {
    const m = vm();
    port(m, 'br0', 'dpdk0', { type: 'dpdk' });
    iface(m, 'dpdk0').adminState = 'down';
    link(m, '', 'br0', { kind: 'openvswitch', flags: ['BROADCAST', 'MULTICAST'] });
    expect(run(portDown, m).map((f) => [f.title, f.objects, f.fix])).toEqual([
      ['dpdk0 on br0 is administratively down', ['iface:dpdk0', 'port:br0/dpdk0'], undefined],
    ]);
    iface(m, 'dpdk0').adminState = null;
    expect(run(portDown, m)).toEqual([]);
  });

  it('finds the down VM tap of the compute capture; its fix clears it', () => {
    const m = fixtureModel('compute');
    const found = run(portDown, m);
    expect(found.map((f) => [f.title, f.fix])).toEqual([
      [
        'tap3f2e1d0c-ba on br-int is administratively down',
        [{ op: 'set-link', name: 'tap3f2e1d0c-ba', up: true }],
      ],
    ]);
    const fixed = applyEdits(m, found[0]?.fix ?? []);
    if (!fixed.ok) throw new Error(JSON.stringify(fixed.errors));
    expect(run(portDown, fixed.desired).map((f) => f.title)).toEqual([
      'tap3f2e1d0c-ba on br-int is up but has no link',
    ]);
  });

  it('believes the kernel over stale OVSDB state for ports moved into namespaces (openstack, aio)', () => {
    for (const name of ['openstack', 'kvm', 'aio'] as const)
      expect(run(portDown, fixtureModel(name))).toEqual([]);
    expect(iface(fixtureModel('openstack'), 'qr-0a1b2c3d-4e').adminState).toBe('down');
  });
});
