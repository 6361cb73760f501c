import type { Devices, LinkRef } from './devices';
import { deviceOf, isBridgeLocal, isPatchOrTunnel, parentOf } from './devices';
import { push } from './multimap';
import { UnionFind } from './union-find';

const MAC_RE = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/**
 * A MAC worth comparing, lower case; null for what is not one station's address: non-Ethernet
 * link addresses (gre prints an IP, infiniband 20 bytes), the all-zero MAC of loopbacks and
 * tunnels, and group addresses (broadcast and multicast, low bit of the first byte set).
 */
export function stationMac(text: string | null | undefined): string | null {
  const mac = text?.toLowerCase();
  if (!mac || !MAC_RE.test(mac) || mac === '00:00:00:00:00:00') return null;
  return Number.parseInt(mac.slice(0, 2), 16) & 1 ? null : mac;
}

/** Kinds that take their parent's MAC by design. */
function sharesParentMac(ref: LinkRef): boolean {
  const { kind, mode } = ref.link;
  // vlan: one device, several VLANs; macsec: encrypts the parent's frames; ipvlan: L3 children
  // all answer with the parent's MAC. macvlan/macvtap own a MAC, except in passthru mode.
  if (kind === 'vlan' || kind === 'macsec' || kind === 'ipvlan' || kind === 'ipvtap') return true;
  return (kind === 'macvlan' || kind === 'macvtap') && mode === 'passthru';
}

export interface MacSharing {
  /**
   * Devices that all carry one MAC by design: a bond (fail_over_mac none) or team puts its MAC on
   * every member; vlan, macsec, ipvlan children (and passthru macvlan) keep their parent's.
   */
  groups: UnionFind;
  /**
   * Bridges → their ports. A bridge takes the MAC of ONE of its ports: a Linux bridge the lowest
   * unless one was set, OVS a bridge's own internal port that of a physical port (other_config:hwaddr
   * unset). Not a group: two ports of one bridge with one MAC still clash.
   */
  copies: Map<string, Set<string>>;
}

const sharingOf = new WeakMap<Devices, MacSharing>();

/**
 * The MAC sharing Linux and OVS do on purpose: a MAC seen twice this way is not a clash. Worked
 * out once per Devices (one lint run): dup-mac and dup-mac-host both need it.
 */
export function macSharing(d: Devices): MacSharing {
  let sharing = sharingOf.get(d);
  if (!sharing) {
    sharing = findMacSharing(d);
    sharingOf.set(d, sharing);
  }
  return sharing;
}

function findMacSharing(d: Devices): MacSharing {
  const groups = new UnionFind();
  const copies = new Map<string, Set<string>>();
  const copy = (bridge: string, port: string) =>
    copies.set(bridge, (copies.get(bridge) ?? new Set()).add(port));
  for (const ref of d.links.values()) {
    const parent = sharesParentMac(ref) ? parentOf(d, ref) : undefined;
    if (parent) groups.union(ref.link.id, parent.link.id);
    const master =
      ref.link.master === undefined ? undefined : ref.ns.links.find((l) => l.name === ref.link.master);
    if (master?.kind === 'bond' || master?.kind === 'team') groups.union(ref.link.id, master.id);
    if (master?.kind === 'bridge') copy(master.id, ref.link.id);
  }
  for (const iface of d.ifaces.values()) {
    if (!isBridgeLocal(iface) || iface.type !== 'internal') continue;
    for (const other of d.ifaces.values())
      if (other !== iface && other.bridge === iface.bridge && !isPatchOrTunnel(other))
        copy(deviceOf(d, iface), deviceOf(d, other));
  }
  return { groups, copies };
}

const macsOf = new WeakMap<Devices, Map<string, string | null>>();

/** The MAC of a device id (link or OVS interface without a kernel link); each id worked out once per Devices. */
export function deviceMac(d: Devices, id: string): string | null {
  let macs = macsOf.get(d);
  if (!macs) {
    macs = new Map();
    macsOf.set(d, macs);
  }
  let mac = macs.get(id);
  if (mac === undefined) {
    const ref = d.links.get(id);
    mac = stationMac(ref ? ref.link.mac : d.ifaces.get(id)?.macInUse);
    macs.set(id, mac);
  }
  return mac;
}

export interface MacSource {
  mac: string;
  /** The device (or OVS interface, for a guest's attached-mac) using it. */
  id: string;
}

/**
 * Clashes among sources: MACs used by two or more groups that sharing does not explain, with the
 * devices of those groups, sorted; by MAC. A group holding a bridge that may have copied the MAC
 * from a port in another group is explained.
 */
export function macClashes(sources: MacSource[], sharing: MacSharing): { mac: string; ids: string[] }[] {
  const byMac = new Map<string, Set<string>>();
  for (const s of sources) byMac.set(s.mac, (byMac.get(s.mac) ?? new Set()).add(s.id));
  const out: { mac: string; ids: string[] }[] = [];
  for (const [mac, set] of byMac) {
    if (set.size < 2) continue; // one device: nothing to clash with
    const byGroup = new Map<string, string[]>();
    for (const id of [...set].sort()) push(byGroup, sharing.groups.find(id), id);
    const groups = [...byGroup.values()];
    const copied = (group: string[]) =>
      group.some((id) => {
        const ports = sharing.copies.get(id);
        return ports !== undefined && groups.some((g) => g !== group && g.some((p) => ports.has(p)));
      });
    const clashing = groups.filter((g) => !copied(g));
    if (clashing.length > 1) out.push({ mac, ids: clashing.flat().sort() });
  }
  return out.sort((a, b) => (a.mac < b.mac ? -1 : 1));
}
