import type { HostModel, Vm, VmInterface } from '../model/schema';
import type { VmIdentity } from './types';

type Nic = { vm: Vm; nic: VmInterface };
type Found = { vm: Vm; nic?: VmInterface; matchedBy: NonNullable<VmIdentity['matchedBy']> };

/** libvirt's domains indexed the three ways a device can name its VM. */
class Domains {
  readonly byTarget = new Map<string, Nic>();
  private readonly byMac = new Map<string, Nic[]>();
  private readonly byUuid = new Map<string, Vm>();

  constructor(vms: readonly Vm[]) {
    for (const vm of vms) {
      this.byUuid.set(vm.uuid, vm);
      for (const nic of vm.interfaces) {
        if (nic.target) this.byTarget.set(nic.target, { vm, nic });
        if (nic.mac) this.byMac.set(nic.mac, [...(this.byMac.get(nic.mac) ?? []), { vm, nic }]);
      }
    }
  }

  find(device: string, attachedMac: string | undefined, vmUuid: string | undefined): Found | undefined {
    const t = this.byTarget.get(device);
    if (t) return { ...t, matchedBy: 'target' };
    // Two domains claiming one MAC name neither.
    const byMac = attachedMac ? (this.byMac.get(attachedMac) ?? []) : [];
    const [m] = byMac;
    if (m && byMac.length === 1) return { ...m, matchedBy: 'mac' };
    const u = vmUuid ? this.byUuid.get(vmUuid) : undefined;
    return u ? { vm: u, matchedBy: 'vm-uuid' } : undefined;
  }
}

const vmRef = (vm: Vm) => ({ name: vm.name, uuid: vm.uuid, state: vm.state });

/**
 * What each OVS interface and kernel link belongs to. libvirt's domains (`model.vms`) name the VM:
 * the domain interface whose target dev is the device, else the one whose MAC is the interface's
 * `attached-mac` (libvirt picks vnetN names itself), else the domain whose uuid OVS records as
 * `vm-uuid` (Nova) or `vm-id` (libvirt). Without a domain, the interface's own external_ids still
 * say which VM uuid and Neutron port (`iface-id`) it is for.
 */
export function vmIdentities(model: HostModel): VmIdentity[] {
  const domains = new Domains(model.vms ?? []);
  const out: VmIdentity[] = [];
  for (const iface of model.ovs?.interfaces ?? []) {
    const ext = iface.externalIds;
    const attachedMac = ext['attached-mac']?.toLowerCase();
    const vmUuid = (ext['vm-uuid'] ?? ext['vm-id'])?.toLowerCase();
    const found = domains.find(iface.name, attachedMac, vmUuid);
    const ifaceId = ext['iface-id'] ?? found?.nic?.interfaceId ?? undefined;
    const mac = attachedMac ?? found?.nic?.mac ?? undefined;
    const status = ext['iface-status'];
    if (!found && !vmUuid && !ifaceId && !mac) continue;
    const vm = found ? vmRef(found.vm) : vmUuid ? { name: null, uuid: vmUuid, state: null } : undefined;
    out.push({
      id: `owner:${iface.id}`,
      of: iface.id,
      source: found ? 'libvirt' : 'external_ids',
      ...(vm ? { vm } : {}),
      ...(found ? { matchedBy: found.matchedBy } : {}),
      ...(ifaceId ? { ifaceId } : {}),
      ...(mac ? { attachedMac: mac } : {}),
      ...(status ? { ifaceStatus: status } : {}),
    });
  }
  // Taps libvirt names that OVS does not hold (on a Linux bridge, or unplugged) are kernel links
  // of the root namespace, where libvirt creates them.
  const ovsNames = new Set((model.ovs?.interfaces ?? []).map((i) => i.name));
  for (const link of model.namespaces.find((n) => n.isRoot)?.links ?? []) {
    const t = ovsNames.has(link.name) ? undefined : domains.byTarget.get(link.name);
    if (!t) continue;
    out.push({
      id: `owner:${link.id}`,
      of: link.id,
      source: 'libvirt',
      vm: vmRef(t.vm),
      matchedBy: 'target',
      ...(t.nic.interfaceId ? { ifaceId: t.nic.interfaceId } : {}),
      ...(t.nic.mac ? { attachedMac: t.nic.mac } : {}),
    });
  }
  return out;
}
