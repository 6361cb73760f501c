import { describe, expect, it } from 'vitest';
import { applyEdits } from '../changes/apply-edits';
import { Edit } from '../changes/edits';
import type { HostModel } from '../model/schema';
import { lintHost } from './index';
import { bridge, fixtureModel, host, iface, link, linkIn, port, run, veth } from './lint.test-helper';
import { derivedMac } from './mac-fix';
import { dupMac } from './rules/dup-mac';

/** Containers a, b (and c) behind veths on br0, all in VLAN 10, a's MAC on all of them. */
function clones(names = ['a', 'b']): HostModel {
  const m = host();
  bridge(m, 'br0');
  for (const n of names) {
    veth(m, ['', `v-${n}`], [n, 'eth0']);
    port(m, 'br0', `v-${n}`, { tag: 10 });
    linkIn(m, n, 'eth0').mac = '52:54:00:00:00:01';
  }
  return m;
}

const LOCAL_UNICAST = /^[0-9a-f][26ae](:[0-9a-f]{2}){5}$/;

describe('dup-mac fix', () => {
  it('gives every clone but the first a new locally administered MAC; applied, the clash is gone', () => {
    const m = clones(['a', 'b', 'c']);
    const [f] = run(dupMac, m);
    expect(f?.fix).toEqual([
      { op: 'set-link', namespace: 'b', name: 'eth0', mac: expect.stringMatching(LOCAL_UNICAST) },
      { op: 'set-link', namespace: 'c', name: 'eth0', mac: expect.stringMatching(LOCAL_UNICAST) },
    ]);
    const macs = (f?.fix ?? []).map((e) => (e.op === 'set-link' ? e.mac : ''));
    expect(new Set(macs).size).toBe(2);
    expect(Edit.array().safeParse(f?.fix).success).toBe(true);
    const fixed = applyEdits(m, f?.fix ?? []);
    if (!fixed.ok) throw new Error(JSON.stringify(fixed.errors));
    expect(lintHost(fixed.desired).filter((x) => x.rule.startsWith('dup-mac'))).toEqual([]);
  });

  it('is the same for the same host and device, and differs between hosts', () => {
    const fixOf = (m: HostModel) => run(dupMac, m)[0]?.fix;
    expect(fixOf(clones())).toEqual(fixOf(clones()));
    const other = clones();
    other.hostname = 'other';
    expect(fixOf(other)).not.toEqual(fixOf(clones()));
  });

  it('keeps the one device Patchbay may not change (a Neutron or libvirt port) and renumbers the other', () => {
    const m = clones();
    iface(m, 'v-a').externalIds = { 'iface-id': 'p-1', 'attached-mac': '52:54:00:00:00:01' };
    expect(run(dupMac, m)[0]?.fix).toEqual([
      { op: 'set-link', namespace: 'b', name: 'eth0', mac: expect.stringMatching(LOCAL_UNICAST) },
    ]);
    iface(m, 'v-b').externalIds = { 'vm-uuid': 'u-2' };
    const [f] = run(dupMac, m);
    expect(f?.fix).toBeUndefined();
    expect(f?.explanation).not.toMatch(/The fix/);
  });

  it('offers none when both devices carry MACs someone else records (a VM on the compute capture)', () => {
    const m = fixtureModel('compute');
    linkIn(m, 'vm2', 'eth0').mac = iface(m, 'tap3f2e1d0c-ba').externalIds['attached-mac'] ?? '';
    const [f] = run(dupMac, m);
    expect(f?.objects).toEqual(['iface:tap3f2e1d0c-ba', 'link:vm2/eth0']);
    expect(f?.fix).toBeUndefined();
  });

  it('leaves alone an OVS internal port whose MAC OVS itself sets (mac column)', () => {
    const m = host();
    bridge(m, 'br0');
    for (const n of ['1', '2']) {
      link(m, `r${n}`, `qr-${n}`, { kind: 'openvswitch', mac: '02:00:00:00:cc:01' });
      port(m, 'br0', `qr-${n}`, { type: 'internal', tag: 3 });
    }
    iface(m, 'qr-1').mac = '02:00:00:00:cc:01';
    expect(run(dupMac, m)[0]?.fix).toEqual([
      { op: 'set-link', namespace: 'r2', name: 'qr-2', mac: expect.stringMatching(LOCAL_UNICAST) },
    ]);
    iface(m, 'qr-2').mac = '02:00:00:00:cc:01';
    expect(run(dupMac, m)[0]?.fix).toBeUndefined();
  });

  it('leaves alone a MAC a libvirt domain names', () => {
    const m = clones();
    m.vms = [
      {
        id: 'vm:x',
        name: 'x',
        uuid: 'u',
        state: 'running',
        interfaces: [
          {
            type: 'bridge',
            target: null,
            mac: '52:54:00:00:00:01',
            source: 'br0',
            model: null,
            interfaceId: null,
          },
        ],
      },
    ];
    expect(run(dupMac, m)[0]?.fix).toBeUndefined();
  });
});

describe('derivedMac', () => {
  it('is locally administered unicast and skips MACs in use', () => {
    const first = derivedMac('h/link:x/eth0', new Set());
    expect(first).toMatch(LOCAL_UNICAST);
    const second = derivedMac('h/link:x/eth0', new Set([first]));
    expect(second).toMatch(LOCAL_UNICAST);
    expect(second).not.toBe(first);
  });
});
