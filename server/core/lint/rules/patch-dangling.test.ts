import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../changes/apply-edits';
import { bridge, fixtureModel, host, iface, patch, port, run } from '../lint.test-helper';
import { ifaceError } from './iface-error';
import { patchDangling } from './patch-dangling';

describe('patch-dangling', () => {
  it('reports a patch port whose peer does not exist, with its deletion as the fix', () => {
    const m = host();
    bridge(m, 'br0');
    port(m, 'br0', 'to-nowhere', { type: 'patch', options: { peer: 'gone' } });
    expect(run(patchDangling, m)).toEqual([
      {
        rule: 'patch-dangling',
        severity: 'error',
        objects: ['iface:to-nowhere', 'port:br0/to-nowhere'],
        title: 'patch port to-nowhere on br0 has no working peer: peer gone does not exist',
        explanation: expect.stringContaining('Its peer does not exist: delete the leftover port'),
        fix: [{ op: 'delete-port', name: 'to-nowhere', bridge: 'br0' }],
      },
    ]);
  });

  it('reports a one-way pair without a fix: one of the two peer options is the typo', () => {
    const m = host();
    bridge(m, 'br0');
    bridge(m, 'br1');
    patch(m, ['br0', 'p0'], ['br1', 'p1']);
    iface(m, 'p1').options.peer = 'p9';
    const found = run(patchDangling, m);
    expect(found.map((f) => [f.title, f.objects, f.fix])).toEqual([
      [
        'patch port p0 on br0 has no working peer: peer p1 points to p9',
        ['iface:p0', 'port:br0/p0', 'iface:p1', 'port:br1/p1'],
        undefined,
      ],
      [
        'patch port p1 on br1 has no working peer: peer p9 does not exist',
        ['iface:p1', 'port:br1/p1'],
        [{ op: 'delete-port', name: 'p1', bridge: 'br1' }],
      ],
    ]);
  });

  it('accepts a healthy pair', () => {
    const m = host();
    bridge(m, 'br0');
    bridge(m, 'br1');
    patch(m, ['br0', 'p0'], ['br1', 'p1']);
    expect(run(patchDangling, m)).toEqual([]);
  });

  it('finds the dangling port of the openstack capture, and its fix removes it', () => {
    const m = fixtureModel('openstack');
    const found = run(patchDangling, m);
    expect(found.map((f) => [f.title, f.objects, f.fix])).toEqual([
      [
        "patch port patch-dangling on br-int has no working peer: No usable peer 'patch-nowhere' exists in 'netdev' datapath.",
        ['iface:patch-dangling', 'port:br-int/patch-dangling'],
        [{ op: 'delete-port', name: 'patch-dangling', bridge: 'br-int' }],
      ],
    ]);
    const fixed = applyEdits(m, found[0]?.fix ?? []);
    if (!fixed.ok) throw new Error(JSON.stringify(fixed.errors));
    expect(run(patchDangling, fixed.desired)).toEqual([]);
  });

  it.each(['compute', 'kvm', 'aio'] as const)('finds nothing on the %s capture', (name) => {
    expect(run(patchDangling, fixtureModel(name))).toEqual([]);
  });
});

describe('iface-error', () => {
  it('reports an error and an ofport of -1, not a dangling patch port (patch-dangling says more)', () => {
    const m = host();
    bridge(m, 'br0');
    port(m, 'br0', 'eth9', { error: 'could not open network device eth9 (No such device)', ofport: -1 });
    port(m, 'br0', 'eth8', { ofport: -1 });
    port(m, 'br0', 'to-nowhere', { type: 'patch', options: { peer: 'gone' }, error: 'no peer' });
    expect(run(ifaceError, m).map((f) => [f.severity, f.title, f.objects])).toEqual([
      [
        'error',
        'interface eth9 on br0: could not open network device eth9 (No such device)',
        ['iface:eth9', 'port:br0/eth9'],
      ],
      ['error', 'interface eth8 on br0: OVS could not add it (ofport -1)', ['iface:eth8', 'port:br0/eth8']],
    ]);
  });

  it('finds nothing on the captures (the openstack one has only the dangling patch port)', () => {
    for (const name of ['openstack', 'compute', 'kvm', 'aio'] as const)
      expect(run(ifaceError, fixtureModel(name))).toEqual([]);
  });

  it('finds an interface the openstack capture failed to add', () => {
    const m = fixtureModel('openstack');
    iface(m, 'eth1').ofport = -1;
    expect(run(ifaceError, m).map((f) => f.title)).toEqual([
      'interface eth1 on br-ex: OVS could not add it (ofport -1)',
    ]);
  });
});
