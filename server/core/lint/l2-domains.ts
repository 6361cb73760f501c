import type { HostModel, Port } from '../model/schema';
import type { Relations } from '../relations/types';
import { type Devices, deviceLabel, deviceOf, isPatchOrTunnel, parentOf } from './devices';
import { push } from './multimap';
import { UnionFind } from './union-find';

/**
 * L2 domains: sets of devices that see each other's frames without a router in between. Derived
 * here for lint; it would sit well in relations/ next to vlans.ts if the UI ever wants it.
 *
 * On Open vSwitch a domain is one VLAN across the bridges joined by healthy patch pairs (patch
 * ports carry every VLAN). Flows that translate VLANs between bridges are not followed, so a
 * translated VLAN counts as two domains: lint then misses a clash rather than inventing one.
 * Outside OVS: both ends of a veth, a Linux bridge with its ports, a bond with its members, and
 * macvlan/ipvlan children with their parent share a domain. A VLAN sub-interface does not: it is
 * in another VLAN than its parent.
 */

export type SegmentVlan = number | 'untagged';

/** The VLAN a port's untagged frames join on its bridge (OVS treats VLAN 0 as untagged); null when OVS drops them. */
export function nativeVlan(port: Port): SegmentVlan | null {
  const mode = port.vlanMode ?? (port.tag === null ? 'trunk' : 'access');
  if (mode !== 'trunk') return port.tag === null || port.tag === 0 ? 'untagged' : port.tag;
  // A trunk with a trunks list admits untagged frames only when the list names VLAN 0.
  return port.trunks.length === 0 || port.trunks.includes(0) ? 'untagged' : null;
}

export interface L2Domain {
  /** `l2:<first device id>` */
  id: string;
  /** Where the domain is, for titles: `VLAN 1 on br-int, br-tun`, `Linux bridge brq-1`. */
  label: string;
  /** Link ids, and ids of OVS interfaces that have no kernel link; sorted. */
  devices: string[];
}

export interface L2Domains {
  /** Domains of two or more devices, by id. */
  domains: L2Domain[];
  /** Bridge name → the bridges joined to it by healthy patch pairs, itself included, sorted. */
  bridgeGroup: Map<string, string[]>;
}

/** Bridges joined by healthy patch pairs. */
function bridgeGroups(model: HostModel, relations: Relations, d: Devices): Map<string, string[]> {
  const uf = new UnionFind();
  for (const pair of relations.patchPairs) {
    const a = d.ifaces.get(pair.a)?.bridge;
    const b = pair.b === null ? undefined : d.ifaces.get(pair.b)?.bridge;
    if (pair.status === 'ok' && a && b) uf.union(a, b);
  }
  const names = (model.ovs?.bridges ?? []).map((b) => b.name).sort();
  const members = new Map<string, string[]>();
  for (const name of names) push(members, uf.find(name), name);
  return new Map(names.map((name) => [name, members.get(uf.find(name)) ?? [name]]));
}

const segmentLabel = (vlan: SegmentVlan, bridges: string[]) =>
  `${vlan === 'untagged' ? 'untagged traffic' : `VLAN ${vlan}`} on ${bridges.join(', ')}`;

/** Kinds whose link is a port of its master: the master's domain is theirs. */
const MASTER_KINDS = new Set(['bridge', 'bond', 'team']);
/** Kinds that put their frames on their parent's wire, untagged. */
const SAME_WIRE_CHILDREN = new Set(['macvlan', 'macvtap', 'ipvlan', 'ipvtap']);

export function l2Domains(model: HostModel, relations: Relations, d: Devices): L2Domains {
  const bridgeGroup = bridgeGroups(model, relations, d);
  const uf = new UnionFind();
  const segments = new Map<string, string>();
  for (const port of d.ports.values()) {
    const group = port.bridge === null ? undefined : bridgeGroup.get(port.bridge);
    const vlan = nativeVlan(port);
    if (!group || vlan === null) continue;
    const seg = `seg:${group[0]}/${vlan}`;
    segments.set(seg, segmentLabel(vlan, group));
    for (const ifaceId of port.interfaces) {
      const iface = d.ifaces.get(ifaceId);
      if (iface && !isPatchOrTunnel(iface)) uf.union(deviceOf(d, iface), seg);
    }
  }
  for (const [a, b] of d.peerOf) uf.union(a, b);
  const linuxBridges = new Set<string>();
  for (const ref of d.links.values()) {
    const master =
      ref.link.master === undefined ? undefined : ref.ns.links.find((l) => l.name === ref.link.master);
    if (master && MASTER_KINDS.has(master.kind)) {
      uf.union(ref.link.id, master.id);
      if (master.kind === 'bridge') linuxBridges.add(master.id);
    }
    const parent = SAME_WIRE_CHILDREN.has(ref.link.kind) ? parentOf(d, ref) : undefined;
    if (parent) uf.union(ref.link.id, parent.link.id);
  }
  const devicesByRoot = new Map<string, string[]>();
  const candidates = [...d.links.keys(), ...[...d.ifaces.keys()].filter((id) => !d.backingOf.has(id))];
  for (const id of candidates) {
    const root = uf.find(id);
    push(devicesByRoot, root, id);
  }
  const labelsByRoot = new Map<string, string[]>();
  for (const [seg, label] of segments) push(labelsByRoot, uf.find(seg), label);
  const domains: L2Domain[] = [];
  for (const [root, ids] of devicesByRoot) {
    if (ids.length < 2) continue;
    const devices = ids.sort();
    const bridge = devices.find((id) => linuxBridges.has(id));
    const label =
      labelsByRoot.get(root)?.sort().join(' + ') ??
      (bridge
        ? `Linux bridge ${deviceLabel(d, bridge)}`
        : `the segment of ${devices.map((id) => deviceLabel(d, id)).join(', ')}`);
    domains.push({ id: `l2:${devices[0]}`, label, devices });
  }
  return { domains: domains.sort((a, b) => (a.id < b.id ? -1 : 1)), bridgeGroup };
}
