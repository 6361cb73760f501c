import type { Edit } from '../changes/edits';
import type { Interface } from '../model/schema';
import { type Devices, hasCarrier, isAdminUp, type LinkRef } from './devices';

export interface IfaceState {
  /** Administratively up (the UP flag); null when unknown. */
  admin: boolean | null;
  /** Carrier (LOWER_UP); null when unknown. */
  carrier: boolean | null;
  /** The kernel link the state was read from, when there is one. */
  link?: LinkRef;
}

/**
 * An OVS interface's state. The kernel link wins over OVSDB: an internal port moved into a
 * namespace keeps stale admin_state/link_state in OVSDB (the userspace datapath stops seeing it).
 */
export function ifaceState(d: Devices, iface: Interface): IfaceState {
  const backing = d.backingOf.get(iface.id);
  const ref = backing === undefined ? undefined : d.links.get(backing);
  if (ref) return { admin: isAdminUp(ref.link), carrier: hasCarrier(ref.link), link: ref };
  const flag = (v: string | null) => (v === null ? null : v === 'up');
  return { admin: flag(iface.adminState), carrier: flag(iface.linkState) };
}

export const isUsable = (s: IfaceState): boolean => s.admin === true && s.carrier === true;

/** `set-link up` for a link, namespace named when it is not the root. */
export const setUp = (ref: LinkRef): Edit => ({
  op: 'set-link',
  ...(ref.ns.isRoot ? {} : { namespace: ref.ns.name }),
  name: ref.link.name,
  up: true,
});
