import type { VmIdentity } from '@/server/core/relations/types';

const KNOWN_FROM: Record<NonNullable<VmIdentity['matchedBy']> | 'external_ids', string> = {
  target: 'libvirt: the domain names this device',
  mac: "libvirt: the domain's MAC is the attached-mac",
  'vm-uuid': "libvirt: the domain's uuid is OVS's vm-uuid/vm-id",
  external_ids: 'OVS external_ids only (no libvirt domain)',
};

/** The inspector's "Belongs to" rows for one device; `device` names it when several are shown. */
export function belongsToRows(o: VmIdentity, device?: string): [string, string | null | undefined][] {
  return [
    ...(device ? ([['device', device]] as [string, string][]) : []),
    ['VM', o.vm?.name],
    ['VM uuid', o.vm?.uuid],
    ['VM state', o.vm?.state],
    ['Neutron port (iface-id)', o.ifaceId],
    ['attached MAC', o.attachedMac],
    ['iface-status', o.ifaceStatus],
    ['known from', KNOWN_FROM[o.matchedBy ?? 'external_ids']],
  ];
}
