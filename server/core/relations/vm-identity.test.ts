import { describe, expect, it } from 'vitest';
import type { HostModel } from '../model/schema';
import { parseCollection } from '../parse-host';
import { fixture } from '../parsers/fixtures.test-helper';
import { vmIdentities } from './vm-identity';

const load = (file: string, host: string): HostModel =>
  parseCollection(fixture(file), { host, collectedAt: 't' });
const kvm = load('lab-kvm.v3.collect.txt', 'kvm');
const of = (model: HostModel, id: string) => vmIdentities(model).find((o) => o.of === id);

describe('vmIdentities on the lab kvm host (virsh through libvirt’s test driver)', () => {
  it('names the VM behind each vnet tap by its MAC (libvirt picks vnet names itself)', () => {
    expect(of(kvm, 'iface:vnet0')).toEqual({
      id: 'owner:iface:vnet0',
      of: 'iface:vnet0',
      source: 'libvirt',
      vm: { name: 'web-1', uuid: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a', state: 'running' },
      matchedBy: 'mac',
      ifaceId: '4c7d9e1f-2a3b-4c5d-8e6f-7a8b9c0d1e2f',
      attachedMac: '52:54:00:6b:3c:01',
      ifaceStatus: 'active',
    });
    expect(of(kvm, 'iface:vnet1')?.vm?.name).toBe('router-1');
    expect(of(kvm, 'iface:vnet2')).toMatchObject({ vm: { name: 'legacy-1' }, matchedBy: 'mac' });
  });

  it('names the VM whose domain names the tap as its target, without any external ids', () => {
    expect(of(kvm, 'iface:tap-db0')).toEqual({
      id: 'owner:iface:tap-db0',
      of: 'iface:tap-db0',
      source: 'libvirt',
      vm: { name: 'db-1', uuid: '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b', state: 'running' },
      matchedBy: 'target',
      attachedMac: '52:54:00:6b:3c:04',
    });
  });

  it('gives ports that belong to no VM no identity, and names no device for the shut-off VM', () => {
    const owned = vmIdentities(kvm).map((o) => o.of);
    expect(owned.sort()).toEqual(['iface:tap-db0', 'iface:vnet0', 'iface:vnet1', 'iface:vnet2']);
    expect(vmIdentities(kvm).some((o) => o.vm?.name === 'spare-1')).toBe(false);
  });
});

describe('vmIdentities from external_ids alone', () => {
  it('keeps the VM uuid and Neutron port of a host read without libvirt (compute capture)', () => {
    const compute = load('compute.collect.txt', 'compute');
    expect(compute.vms).toBeUndefined();
    expect(of(compute, 'iface:tap3f2e1d0c-ba')).toEqual({
      id: 'owner:iface:tap3f2e1d0c-ba',
      of: 'iface:tap3f2e1d0c-ba',
      source: 'external_ids',
      vm: { name: null, uuid: 'aa11bb22-cc33-4d44-8e55-ff6600112233', state: null },
      ifaceId: '3f2e1d0c-ba98-4765-8432-10fedcba9876',
      attachedMac: 'fa:16:3e:01:02:03',
      ifaceStatus: 'active',
    });
  });
});

describe('vmIdentities: which match wins', () => {
  const edited = (edit: (m: HostModel) => void): HostModel => {
    const m = structuredClone(kvm);
    edit(m);
    return m;
  };
  const vm = (m: HostModel, name: string) => {
    const found = m.vms?.find((v) => v.name === name);
    if (!found) throw new Error(`no vm ${name}`);
    return found;
  };

  it('prefers the domain naming the device over one sharing its MAC', () => {
    const m = edited((x) => {
      const nic = vm(x, 'spare-1').interfaces[0];
      if (nic) nic.target = 'vnet0';
    });
    expect(of(m, 'iface:vnet0')).toMatchObject({ vm: { name: 'spare-1' }, matchedBy: 'target' });
  });

  it('names no one by a MAC two domains claim, and falls back to the vm-id OVS records', () => {
    const m = edited((x) => {
      const nic = vm(x, 'spare-1').interfaces[0];
      if (nic) nic.mac = '52:54:00:6b:3c:01';
    });
    expect(of(m, 'iface:vnet0')).toMatchObject({ vm: { name: 'web-1' }, matchedBy: 'vm-uuid' });
  });

  it('names a tap libvirt holds outside OVS (a kernel link of the root namespace)', () => {
    const m = edited((x) => {
      const nic = vm(x, 'spare-1').interfaces[0];
      if (nic) nic.target = 'uplink0-x';
      const root = x.namespaces.find((n) => n.isRoot);
      const link = root?.links.find((l) => l.name === 'uplink0');
      if (root && link) root.links.push({ ...link, id: 'link:/uplink0-x', name: 'uplink0-x' });
    });
    expect(of(m, 'link:/uplink0-x')).toMatchObject({
      source: 'libvirt',
      vm: { name: 'spare-1', state: 'shut off' },
      matchedBy: 'target',
      ifaceId: '6e9f1a3b-4c5d-4e6f-8a71-9c0d1e2f3a4b',
    });
    // A device OVS holds is named through its interface, not twice.
    expect(of(kvm, 'link:/tap-db0')).toBeUndefined();
  });
});
