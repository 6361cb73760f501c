import { describe, expect, it } from 'vitest';
import { bridge, fixtureModel, host, link, linkIn, port, run } from '../lint.test-helper';
import { bondDegraded } from './bond-degraded';

const NO_CARRIER = ['BROADCAST', 'MULTICAST', 'UP'];
const ADMIN_DOWN = ['BROADCAST', 'MULTICAST'];

function ovsBond() {
  const m = host();
  bridge(m, 'br0');
  link(m, '', 'eno1');
  link(m, '', 'eno2');
  port(m, 'br0', 'bond0', { members: ['eno1', 'eno2'] });
  return m;
}

describe('bond-degraded', () => {
  it('reports an OVS bond left with one usable member', () => {
    const m = ovsBond();
    expect(run(bondDegraded, m)).toEqual([]);
    linkIn(m, '', 'eno2').flags = NO_CARRIER;
    expect(run(bondDegraded, m).map((f) => [f.severity, f.title, f.objects, f.fix])).toEqual([
      [
        'warning',
        'bond bond0 has only eno1 usable of its 2 members',
        ['port:br0/bond0', 'iface:eno1', 'iface:eno2'],
        undefined,
      ],
    ]);
  });

  it('reports a bond with no usable member, bringing up members set down', () => {
    const m = ovsBond();
    linkIn(m, '', 'eno1').flags = NO_CARRIER;
    linkIn(m, '', 'eno2').flags = ADMIN_DOWN;
    const found = run(bondDegraded, m);
    expect(found.map((f) => [f.title, f.fix])).toEqual([
      ['bond bond0 has none of its 2 members usable', [{ op: 'set-link', name: 'eno2', up: true }]],
    ]);
    expect(found[0]?.explanation).toContain('passes no traffic at all');
  });

  it('reports a kernel bond that is up with one slave of three left, not one set down', () => {
    const m = host();
    const bond = link(m, 'n', 'bond0', { kind: 'bond' });
    link(m, 'n', 'eth0', { master: 'bond0', slaveKind: 'bond' });
    link(m, 'n', 'eth1', { master: 'bond0', slaveKind: 'bond', flags: NO_CARRIER });
    link(m, 'n', 'eth2', { master: 'bond0', slaveKind: 'bond', flags: ADMIN_DOWN });
    expect(run(bondDegraded, m).map((f) => [f.title, f.objects, f.fix])).toEqual([
      [
        'bond bond0 (n) has only eth0 (n) usable of its 3 members',
        ['link:n/bond0', 'link:n/eth0', 'link:n/eth1', 'link:n/eth2'],
        [{ op: 'set-link', namespace: 'n', name: 'eth2', up: true }],
      ],
    ]);
    bond.flags = ADMIN_DOWN;
    expect(run(bondDegraded, m)).toEqual([]);
  });

  it.each(['openstack', 'compute', 'kvm', 'aio'] as const)('finds nothing on the %s capture', (name) => {
    expect(run(bondDegraded, fixtureModel(name))).toEqual([]);
  });

  it('finds the kvm uplink bond with a member that lost its link', () => {
    const m = fixtureModel('kvm');
    linkIn(m, '', 'uplink1').flags = NO_CARRIER;
    expect(run(bondDegraded, m).map((f) => [f.title, f.objects])).toEqual([
      [
        'bond bond0 has only uplink0 usable of its 2 members',
        ['port:ovsbr0/bond0', 'iface:uplink0', 'iface:uplink1'],
      ],
    ]);
  });
});
