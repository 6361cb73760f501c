import type { Bridge, Flow, Interface, Link, Namespace } from '../../model/schema';
import { vlanMatchOf } from '../../relations/vlan-rewrites';
import {
  type Devices,
  deviceLabel,
  deviceOf,
  isLoopback,
  isPatchOrTunnel,
  type LinkRef,
  linkLabel,
} from '../devices';
import { flowsByOutput, forwardsByPortConfig } from '../flows';
import { nativeVlan, type SegmentVlan } from '../l2-domains';
import { push } from '../multimap';
import { egressLinks } from '../route-lookup';
import type { Finding, LintContext } from '../types';

/**
 * Bytes a tunnel adds around an inner Ethernet frame with an IPv4 outer header: outer IP 20,
 * UDP 8 + VXLAN 8 or Geneve 8 (options come on top: 50 is Geneve's minimum), GRE 4 (a key adds
 * 4 more, not counted: the minimum is what is certain), plus the inner Ethernet header 14.
 * An IPv6 outer header is 20 bytes longer.
 */
const OVERHEAD: Record<string, { bytes: number; minimum: boolean; what: string }> = {
  vxlan: { bytes: 50, minimum: false, what: 'outer IP, UDP and VXLAN headers and the inner Ethernet header' },
  geneve: {
    bytes: 50,
    minimum: true,
    what: 'outer IP, UDP and Geneve headers and the inner Ethernet header; options add more',
  },
  gre: {
    bytes: 38,
    minimum: true,
    what: 'outer IP and GRE headers and the inner Ethernet header; a key adds 4',
  },
  ip6gre: {
    bytes: 38,
    minimum: true,
    what: 'outer IP and GRE headers and the inner Ethernet header; a key adds 4',
  },
};
const overheadOf = (type: string, outer: string): number | null => {
  const base = OVERHEAD[type]?.bytes;
  if (base === undefined) return null;
  return type === 'ip6gre' || outer.includes(':') ? base + 20 : base;
};

/** The largest frame a device can hand in: its MTU, capped by its veth peer's (the peer drops larger). */
function deviceMtu(d: Devices, id: string): number | null {
  const ref = d.links.get(id);
  const own = ref ? ref.link.mtu : d.ifaces.get(id)?.mtu;
  if (own === undefined || own === null) return null;
  const peer = d.peerOf.get(id);
  const peerMtu = peer === undefined ? undefined : d.links.get(peer)?.link.mtu;
  return peerMtu === undefined ? own : Math.min(own, peerMtu);
}

interface Endpoints {
  byVlan: Map<SegmentVlan, string[]>;
  byPort: Map<string, string>;
  all: string[];
}

/** Devices on the tunnel's bridges, by the VLAN their untagged frames join and by OpenFlow port. */
function endpoints(ctx: LintContext, bridges: string[]): Endpoints {
  const d = ctx.devices;
  const byVlan = new Map<SegmentVlan, string[]>();
  const byPort = new Map<string, string>();
  const all: string[] = [];
  for (const port of d.ports.values()) {
    if (port.bridge === null || !bridges.includes(port.bridge)) continue;
    const vlan = nativeVlan(port);
    for (const iface of port.interfaces.map((id) => d.ifaces.get(id))) {
      if (!iface || isPatchOrTunnel(iface)) continue;
      const device = deviceOf(d, iface);
      all.push(device);
      if (vlan !== null) push(byVlan, vlan, device);
      byPort.set(`${iface.bridge}/${iface.name}`, device);
      if (iface.ofport !== null) byPort.set(`${iface.bridge}/${iface.ofport}`, device);
    }
  }
  return { byVlan, byPort, all };
}

/** A device frames may come from, with the largest frame it can hand in. */
interface Source {
  device: string;
  mtu: number;
}

/**
 * The larger of two sources: the larger MTU, then the smaller device id. A total order, so the
 * largest source of several lists is the largest of their largest ones.
 */
const larger = (a: Source | null, b: Source | null): Source | null =>
  !a ? b : !b ? a : b.mtu > a.mtu || (b.mtu === a.mtu && b.device < a.device) ? b : a;

/**
 * What one lint run computes once for all its tunnels (the large lab host has 80 tunnels on four
 * bridges of 2,500 flows and 2,000 devices): endpoints per bridge group, whether a bridge forwards
 * by NORMAL, each bridge's flows by the port they output to, and the largest source of a device
 * list handed out by an Endpoints (by identity).
 */
interface Caches {
  endpoints: Map<string[], Endpoints>;
  normal: Map<Bridge, boolean>;
  /** Bridge → port id → the VLANs (of relations.vlans) the port is a member of. */
  vlansOfPort: Map<Bridge, Map<string, SegmentVlan[]>>;
  outputs: Map<Bridge, Map<string, Flow[]>>;
  largest: Map<string[], Source | null>;
}

const newCaches = (): Caches => ({
  endpoints: new Map(),
  normal: new Map(),
  vlansOfPort: new Map(),
  outputs: new Map(),
  largest: new Map(),
});

function cached<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  if (map.has(key)) return map.get(key) as V;
  const value = make();
  map.set(key, value);
  return value;
}

/** The largest source among devices, each at its deviceMtu (devices without an MTU skipped). */
function largestOf(d: Devices, devices: readonly string[]): Source | null {
  let best: Source | null = null;
  for (const device of devices) {
    const mtu = deviceMtu(d, device);
    if (mtu !== null) best = larger(best, { device, mtu });
  }
  return best;
}

/**
 * Devices whose frames may enter an OVS tunnel, as lists whose union is the set. A bridge
 * forwarding by NORMAL (or FLOOD/ALL) sends the tunnel port every VLAN it carries, from anywhere
 * on the patch-joined bridges. Without NORMAL only flows that output to the tunnel feed it: their
 * VLAN match (or in_port) says from where; a flow matching neither counts everything. null when
 * the flows were not read.
 */
function feeders(ctx: LintContext, iface: Interface, caches: Caches): string[][] | null {
  const d = ctx.devices;
  const bridge = iface.bridge === null ? undefined : d.bridges.get(iface.bridge);
  const group = bridge ? ctx.l2.bridgeGroup.get(bridge.name) : undefined;
  if (!bridge || !group || bridge.flows === null) return null;
  // Tunnels of one bridge group share its endpoints (bridgeGroup hands out one array per group).
  const ep = cached(caches.endpoints, group, () => endpoints(ctx, group));
  if (cached(caches.normal, bridge, () => forwardsByPortConfig(bridge))) {
    const vlans = ctx.relations.vlans.find((v) => v.bridge === bridge.name);
    if (!iface.port || vlans?.trunkAll.includes(iface.port)) return [ep.all];
    const byPort = cached(caches.vlansOfPort, bridge, () => {
      const out = new Map<string, SegmentVlan[]>();
      for (const v of vlans?.vlans ?? [])
        for (const port of new Set(v.members.map((m) => m.port))) push(out, port, v.vlan);
      return out;
    });
    return (byPort.get(iface.port) ?? []).map((vlan) => ep.byVlan.get(vlan) ?? []);
  }
  const byOutput = cached(caches.outputs, bridge, () => flowsByOutput(bridge));
  const names = [iface.name, ...(iface.ofport === null ? [] : [String(iface.ofport)])];
  const flows = new Set(names.flatMap((name) => byOutput.get(name) ?? []));
  return [...flows].map((f) => {
    const match = vlanMatchOf(f.match);
    if (typeof match === 'number' || match === 'untagged') return ep.byVlan.get(match) ?? [];
    const from = f.inPort === undefined ? undefined : ep.byPort.get(`${bridge.name}/${f.inPort}`);
    return from === undefined ? ep.all : [from];
  });
}

/** The largest frame source among the feeders of a tunnel; the lists of an Endpoints are reckoned once. */
function innerOf(d: Devices, lists: string[][], caches: Caches): Source | null {
  let best: Source | null = null;
  for (const list of lists)
    best = larger(
      best,
      list.length <= 1 ? largestOf(d, list) : cached(caches.largest, list, () => largestOf(d, list)),
    );
  return best;
}

/** The link holding `address` in the namespace, unless it is a loopback (a VTEP address on lo says nothing about the wire). */
function holderOf(ns: Namespace, address: string | undefined): Link[] | null {
  const link = ns.links.find((l) => !isLoopback(l) && l.addresses.some((a) => a.local === address));
  return link ? [link] : null;
}

/**
 * The underlay links: the route toward the remote end (what the kernel really uses); else the link
 * holding the local address, where the traffic will go once a route exists. null when neither is known.
 */
function underlay(ns: Namespace, remote: string | undefined, local: string | undefined): Link[] | null {
  const routed = remote === undefined || remote === 'flow' ? null : egressLinks(ns, remote, local ?? null);
  return routed && routed.length > 0 ? routed : holderOf(ns, local);
}

interface Check {
  id: string;
  name: string;
  type: string;
  outer: string;
  inner: { mtu: number; device: string } | null;
  links: Link[] | null;
  ns: Namespace;
}

function finding(ctx: LintContext, c: Check): Finding[] {
  const overhead = overheadOf(c.type, c.outer);
  const under = c.links?.filter((l) => l.mtu !== undefined).sort((a, b) => (a.mtu ?? 0) - (b.mtu ?? 0))[0];
  if (overhead === null || !c.inner || !under || under.mtu === undefined) return [];
  const need = c.inner.mtu + overhead;
  if (need <= under.mtu) return [];
  const underRef: LinkRef = { ns: c.ns, link: under };
  const source =
    c.inner.device === c.id
      ? `its own MTU ${c.inner.mtu}`
      : `${deviceLabel(ctx.devices, c.inner.device)} has MTU ${c.inner.mtu}`;
  return [
    {
      rule: 'tunnel-mtu',
      severity: 'warning',
      objects: [...new Set([c.id, under.id, c.inner.device])],
      title: `${c.type} tunnel ${c.name} needs an underlay MTU of ${need}, ${linkLabel(underRef)} has ${under.mtu}`,
      explanation:
        `Frames of up to ${c.inner.mtu} bytes can enter ${c.name} (${source}); ${c.type} adds ` +
        `${OVERHEAD[c.type]?.minimum ? 'at least ' : ''}${overhead} bytes (${OVERHEAD[c.type]?.what ?? 'headers'}), so the underlay must carry ${need}, but ${linkLabel(underRef)} has MTU ${under.mtu}. ` +
        'Small packets pass and full-size ones are dropped or fragmented: ping works, transfers stall. ' +
        `Lower the MTU of the devices on the tunnelled network to ${under.mtu - overhead}, or raise the underlay MTU if the network under it carries larger frames.`,
    },
  ];
}

function ovsChecks(ctx: LintContext): Check[] {
  const d = ctx.devices;
  const root = ctx.model.namespaces.find((n) => n.isRoot);
  if (!root) return [];
  const caches = newCaches();
  const rootLinks = new Map<string, Link>();
  for (const l of root.links) if (!rootLinks.has(l.name)) rootLinks.set(l.name, l);
  return ctx.relations.tunnels.flatMap((t): Check[] => {
    const iface = d.ifaces.get(t.iface);
    if (!iface) return [];
    // OVS routes tunnel packets with the root namespace's routes; it reports the device it chose.
    const egress = iface.status.tunnel_egress_iface;
    const reported = egress === undefined ? undefined : rootLinks.get(egress);
    const links = reported ? [reported] : underlay(root, t.remoteIp ?? undefined, t.localIp ?? undefined);
    const lists = feeders(ctx, iface, caches);
    return [
      {
        id: iface.id,
        name: iface.name,
        type: iface.type,
        outer: [t.remoteIp, t.localIp].find((a) => a && a !== 'flow') ?? '',
        inner: lists === null ? null : innerOf(d, lists, caches),
        links,
        ns: root,
      },
    ];
  });
}

/** Kernel vxlan devices: their own MTU bounds what enters them; `dev` names the underlay when set. */
function kernelChecks(ctx: LintContext): Check[] {
  return [...ctx.devices.links.values()].flatMap(({ ns, link }): Check[] => {
    const info = link.vxlan;
    if (link.kind !== 'vxlan' || !info || link.mtu === undefined) return [];
    const dev = ns.links.find((l) => l.name === info.dev);
    const remote = info.remote ?? info.group;
    return [
      {
        id: link.id,
        name: link.name,
        type: 'vxlan',
        outer: remote ?? info.local ?? '',
        inner: { mtu: link.mtu, device: link.id },
        links: dev ? [dev] : underlay(ns, remote, info.local),
        ns,
      },
    ];
  });
}

/** tunnel-mtu: a vxlan/geneve/gre tunnel whose underlay cannot carry its largest inner frame. */
export function tunnelMtu(ctx: LintContext): Finding[] {
  return [...ovsChecks(ctx), ...kernelChecks(ctx)].flatMap((c) => finding(ctx, c));
}
