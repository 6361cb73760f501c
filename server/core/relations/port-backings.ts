import type { HostModel, Link, Namespace } from '../model/schema';
import type { PortBacking } from './types';

/** Interface types whose OVS interface is a kernel network device somewhere on the host. */
const KERNEL_BACKED = new Set(['internal', 'system', 'tap']);

/**
 * Links backing OVS interfaces, searched in every namespace (internal ports moved into
 * qrouter-/qdhcp- namespaces resolve there). Name first; mac_in_use decides between namesakes.
 */
export function portBackings(model: HostModel): PortBacking[] {
  const byName = new Map<string, { ns: Namespace; link: Link }[]>();
  for (const ns of model.namespaces) {
    for (const link of ns.links) {
      const list = byName.get(link.name) ?? [];
      list.push({ ns, link });
      byName.set(link.name, list);
    }
  }
  return (model.ovs?.interfaces ?? [])
    .filter((i) => KERNEL_BACKED.has(i.type))
    .map((iface): PortBacking => {
      const id = `backing:${iface.id}`;
      const candidates = byName.get(iface.name) ?? [];
      const mac = iface.macInUse?.toLowerCase();
      const byMac = mac ? candidates.filter((c) => c.link.mac?.toLowerCase() === mac) : [];
      if (byMac.length === 1 && byMac[0]) {
        return { id, iface: iface.id, link: byMac[0].link.id, ns: byMac[0].ns.name, matchedBy: 'name+mac' };
      }
      if (candidates.length === 1 && candidates[0]) {
        return {
          id,
          iface: iface.id,
          link: candidates[0].link.id,
          ns: candidates[0].ns.name,
          matchedBy: 'name',
        };
      }
      return {
        id,
        iface: iface.id,
        link: null,
        ns: null,
        matchedBy: candidates.length === 0 ? 'none' : 'ambiguous',
      };
    });
}
