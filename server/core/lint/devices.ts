import { TUNNEL_INTERFACE_TYPES } from '../model/constants';
import type { Bridge, HostModel, Interface, Link, Namespace, Port } from '../model/schema';
import type { Relations } from '../relations/types';

export interface LinkRef {
  ns: Namespace;
  link: Link;
}

/** Lookups over the model and its relations that several rules need. */
export interface Devices {
  /** Every kernel link of every namespace, by link id. */
  links: Map<string, LinkRef>;
  ifaces: Map<string, Interface>;
  ports: Map<string, Port>;
  bridges: Map<string, Bridge>;
  /** Veth end → its peer, for resolved pairs only. */
  peerOf: Map<string, string>;
  /** OVS interface id → the kernel link backing it. */
  backingOf: Map<string, string>;
  /** Kernel link id → the OVS interface it backs. */
  ifaceOf: Map<string, Interface>;
}

export function devicesOf(model: HostModel, relations: Relations): Devices {
  const links = new Map<string, LinkRef>();
  for (const ns of model.namespaces) for (const link of ns.links) links.set(link.id, { ns, link });
  const ifaces = new Map((model.ovs?.interfaces ?? []).map((i) => [i.id, i]));
  const peerOf = new Map<string, string>();
  for (const pair of relations.vethPairs) {
    if (pair.b === null) continue;
    peerOf.set(pair.a, pair.b);
    peerOf.set(pair.b, pair.a);
  }
  const backingOf = new Map<string, string>();
  const ifaceOf = new Map<string, Interface>();
  for (const b of relations.portBackings) {
    const iface = ifaces.get(b.iface);
    if (b.link === null || !iface) continue;
    backingOf.set(b.iface, b.link);
    ifaceOf.set(b.link, iface);
  }
  return {
    links,
    ifaces,
    ports: new Map((model.ovs?.ports ?? []).map((p) => [p.id, p])),
    bridges: new Map((model.ovs?.bridges ?? []).map((b) => [b.name, b])),
    peerOf,
    backingOf,
    ifaceOf,
  };
}

/** Patch ports join bridges and tunnels leave the host: neither is a device frames start or end at. */
export const isPatchOrTunnel = (iface: Interface): boolean =>
  iface.type === 'patch' || TUNNEL_INTERFACE_TYPES.includes(iface.type);

/** The bridge's own port (same name as the bridge): the host's way into it. */
export const isBridgeLocal = (iface: Interface): boolean =>
  iface.bridge !== null && iface.name === iface.bridge;

/** The device an OVS interface stands for: its kernel link when there is one, else the interface. */
export const deviceOf = (d: Devices, iface: Interface): string => d.backingOf.get(iface.id) ?? iface.id;

/**
 * The parent of a stacked link (vlan, macvlan, ipvlan, macsec): by name or ifindex in its own
 * namespace, or by ifindex elsewhere when ip names another namespace (link_netnsid).
 */
export function parentOf(d: Devices, ref: LinkRef): LinkRef | undefined {
  const { ns, link } = ref;
  if (link.link === undefined && link.linkIndex === undefined) return undefined;
  if (link.linkNetnsid === undefined) {
    const parent = ns.links.find(
      (l) =>
        l !== link &&
        (l.name === link.link || (link.linkIndex !== undefined && l.ifindex === link.linkIndex)),
    );
    return parent && { ns, link: parent };
  }
  // Without the nsid map, a unique ifindex match in another namespace is the best evidence there is.
  const elsewhere = [...d.links.values()].filter((r) => r.ns !== ns && r.link.ifindex === link.linkIndex);
  return elsewhere.length === 1 ? elsewhere[0] : undefined;
}

export const isLoopback = (link: Link): boolean => link.linkType === 'loopback' || link.name === 'lo';
export const isAdminUp = (link: Link): boolean => link.flags.includes('UP');
export const hasCarrier = (link: Link): boolean => link.flags.includes('LOWER_UP');

/** A link for titles: `name` in the root namespace, else `name (namespace)`. */
export function linkLabel(ref: LinkRef): string {
  return ref.ns.isRoot ? ref.link.name : `${ref.link.name} (${ref.ns.name})`;
}

/** A device id (link or OVS interface) for titles. */
export function deviceLabel(d: Devices, id: string): string {
  const ref = d.links.get(id);
  if (ref) return linkLabel(ref);
  return d.ifaces.get(id)?.name ?? id;
}
