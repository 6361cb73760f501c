import { describe, expect, it } from 'vitest';
import type { HostModel } from '../model';
import { parseCollection } from '../parse-host';
import { fixture } from '../parsers/fixtures.test-helper';
import { toElements } from './from-models';
import { elementId } from './ids';
import { buildSearchIndex, searchIndex } from './search';
import { type GraphNode, isNode } from './types';

const load = (file: string, host: string): HostModel =>
  parseCollection(fixture(file), { host, collectedAt: '2024-01-01T00:00:00.000Z' });
const kvm = load('lab-kvm.v3.collect.txt', 'kvm');
const els = toElements([kvm]);
const label = (modelId: string) =>
  els.filter(isNode).find((n: GraphNode) => n.data.id === elementId('kvm', modelId))?.data.label;

describe('VM names in the graph (lab kvm capture with virsh)', () => {
  it('puts the VM on the second line of its tap, before the VLANs', () => {
    expect(label('port:ovsbr0/vnet0')).toBe('vnet0\nvm web-1\nvlan 10');
    expect(label('port:ovsbr0/vnet1')).toBe('vnet1\nvm router-1\nvlan 20 + trunk 30');
    expect(label('port:ovsbr0/vnet2')).toBe('vnet2\nvm legacy-1\nuntagged → VLAN 30');
    expect(label('port:ovsbr0/tap-db0')).toBe('tap-db0\nvm db-1\nvlan 10');
  });

  it('leaves ports of no VM alone, and names a VM libvirt did not list by its uuid', () => {
    expect(label('port:ovsbr0/mgmt0')).toBe('mgmt0\n203.0.113.5/24\nvlan 30');
    const compute = load('compute.collect.txt', 'compute');
    const tap = toElements([compute])
      .filter(isNode)
      .find((n) => n.data.id === elementId('compute', 'port:br-int/tap3f2e1d0c-ba'));
    expect(tap?.data.label).toBe('tap3f2e1d0c-ba\nvm aa11bb22…\nvlan 1');
  });

  it('names the VM on a kernel tap outside OVS too', () => {
    const m = structuredClone(kvm);
    const nic = m.vms?.find((v) => v.name === 'spare-1')?.interfaces[0];
    if (nic) nic.target = 'tap-spare';
    const root = m.namespaces.find((n) => n.isRoot);
    const veth = root?.links.find((l) => l.name === 'uplink0');
    if (root && veth)
      root.links.push({ ...veth, id: 'link:/tap-spare', name: 'tap-spare', master: undefined });
    const tap = toElements([m])
      .filter(isNode)
      .find((n) => n.data.id === elementId('kvm', 'link:/tap-spare'));
    expect(tap?.data.label).toBe('tap-spare\nvm spare-1');
  });

  it('finds a tap by its VM name, VM uuid and Neutron port id', () => {
    const index = buildSearchIndex([kvm], els);
    const first = (q: string) => searchIndex(index, q)[0];
    expect(first('web-1')).toMatchObject({ label: 'vnet0', field: 'vm', text: 'web-1' });
    expect(first('3e4f5a6b-7c8d')).toMatchObject({ label: 'tap-db0', field: 'vm' });
    expect(first('5d8e0f2a')).toMatchObject({ label: 'vnet1', field: 'id' });
    // A shut-off VM has no device to point at.
    expect(searchIndex(index, 'spare-1')).toEqual([]);
  });
});
