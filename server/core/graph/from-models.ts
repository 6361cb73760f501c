import type { HostModel } from '../model';
import {
  deriveRelations,
  describeVlanRewrite,
  hostAddresses,
  type KnownHost,
  type Relations,
  type VlanReach,
  vlanReach,
} from '../relations';
import type { GraphRelation } from './relations';
import {
  buildElements,
  type CarriedVlans,
  type HostGraphInput,
  type PortRewrites,
  type PortVlans,
  type VmLines,
} from './to-elements';
import type { GraphElement } from './types';

export interface ToElementsOptions {
  /** Hosts not drawn whose addresses should still name tunnel remotes (e.g. the rest of the inventory). */
  knownHosts?: KnownHost[];
}

/** The node standing for an interface: its port when the port has only this interface. */
function ifaceOwner(model: HostModel): (ifaceId: string) => string {
  const owner = new Map<string, string>();
  for (const p of model.ovs?.ports ?? []) {
    for (const i of p.interfaces) owner.set(i, p.interfaces.length === 1 ? p.id : i);
  }
  return (ifaceId) => owner.get(ifaceId) ?? ifaceId;
}

/**
 * Translates `deriveRelations` output into the relations the graph draws. Tunnels are matched to
 * the remote host's tunnel port pointing back at this host when there is one.
 */
export function graphRelations(
  model: HostModel,
  relations: Relations,
  others: ReadonlyMap<string, { model: HostModel; relations: Relations; addresses: Set<string> }>,
  ownAddresses: Set<string>,
): GraphRelation[] {
  const owner = ifaceOwner(model);
  const ifaces = new Map((model.ovs?.interfaces ?? []).map((i) => [i.id, i]));
  const out: GraphRelation[] = [];
  const byName = new Map((model.ovs?.interfaces ?? []).map((i) => [i.name, i.id]));
  for (const p of relations.patchPairs) {
    if (p.b !== null && p.status === 'ok') {
      out.push({ kind: 'patch', a: owner(p.a), b: owner(p.b) });
      continue;
    }
    const peer = ifaces.get(p.a)?.options.peer ?? '?';
    const peerIface = p.b ?? byName.get(peer);
    out.push({
      kind: 'patch-dangling',
      port: owner(p.a),
      peer,
      reason: p.reason ?? `peer ${peer} does not exist`,
      ...(peerIface ? { peerPort: owner(peerIface) } : {}),
    });
  }
  for (const v of relations.vethPairs) if (v.b !== null) out.push({ kind: 'veth', a: v.a, b: v.b });
  for (const b of relations.portBackings) {
    if (b.link !== null && b.ns !== null)
      out.push({ kind: 'backs', port: owner(b.iface), link: b.link, linkNs: b.ns });
  }
  for (const t of relations.tunnels) {
    if (t.remoteIp === null) continue;
    const remote = t.remoteHost === null ? undefined : others.get(t.remoteHost);
    const back = remote?.relations.tunnels.find((r) => r.remoteIp !== null && ownAddresses.has(r.remoteIp));
    out.push({
      kind: 'tunnel',
      port: owner(t.iface),
      type: t.type,
      remoteIp: t.remoteIp,
      ...(t.remoteHost === null ? {} : { remoteHost: t.remoteHost }),
      ...(remote && back ? { remotePort: ifaceOwner(remote.model)(back.iface) } : {}),
    });
  }
  for (const ns of model.namespaces) {
    const names = new Map(ns.links.map((l) => [l.name, l.id]));
    for (const l of ns.links) {
      const master = l.master === undefined ? undefined : names.get(l.master);
      if (master && l.slaveKind !== 'openvswitch') out.push({ kind: 'master', link: l.id, master });
    }
  }
  return out;
}

function portVlans(relations: Relations): PortVlans {
  const out: PortVlans = new Map();
  for (const b of relations.vlans) {
    for (const p of b.trunkAll) out.set(p, { vlans: [], allVlans: true });
    for (const { vlan, members } of b.vlans) {
      for (const m of members) {
        const cur = out.get(m.port) ?? { vlans: [], allVlans: false };
        cur.vlans.push(vlan);
        if (m.mode !== 'trunk' && cur.tag === undefined) cur.tag = vlan;
        out.set(m.port, cur);
      }
    }
  }
  return out;
}

/**
 * VLAN rewrites by flows, on the port the traffic enters through (in_port is a name with
 * `--names`, else an OpenFlow port number). Flows that match any port are not drawn on a port.
 * Then the VLANs whose traffic arriving at the port the flows drop, all of it (`vlanReach`).
 */
function portRewrites(model: HostModel, relations: Relations, reach: VlanReach[]): PortRewrites {
  const portOf = new Map<string, string>();
  for (const i of model.ovs?.interfaces ?? []) {
    if (!i.port || !i.bridge) continue;
    portOf.set(`${i.bridge}\u0000${i.name}`, i.port);
    if (i.ofport !== null && i.ofport >= 0) portOf.set(`${i.bridge}\u0000${i.ofport}`, i.port);
  }
  const out: PortRewrites = new Map();
  for (const r of relations.vlanRewrites) {
    const port = r.inPort === null ? undefined : portOf.get(`${r.bridge}\u0000${r.inPort}`);
    if (!port) continue;
    const text = describeVlanRewrite(r);
    const cur = out.get(port) ?? [];
    if (!cur.includes(text)) out.set(port, [...cur, text]);
  }
  // One line for every VLAN dropped at a port: a Neutron uplink drops each tenant VLAN it is not for.
  const dropped = new Map<string, number[]>();
  for (const r of reach)
    for (const port of r.dropped) {
      const vlans = dropped.get(port);
      if (vlans) vlans.push(r.vlan);
      else dropped.set(port, [r.vlan]);
    }
  for (const [port, vlans] of dropped) {
    const list = vlans.length > 4 ? `${vlans.slice(0, 4).join(',')},… (${vlans.length})` : vlans.join(',');
    out.set(port, [...(out.get(port) ?? []), `VLAN ${list} → dropped`]);
  }
  return out;
}

/**
 * Following every VLAN through the flows costs ~120 ms on a host of 10,000 flows, on every draw
 * (each edit in the editor redraws). Above this many flows the graph keeps the tag-only VLAN view
 * (no "dropped" lines, the filter by tags and trunks); typical hosts are far below it.
 */
export const REACH_MAX_FLOWS = 3000;

const followsFlows = (model: HostModel): boolean =>
  (model.ovs?.bridges ?? []).reduce((n, b) => n + (b.flows?.length ?? 0), 0) <= REACH_MAX_FLOWS;

function carriedVlans(reach: VlanReach[]): CarriedVlans {
  const out: CarriedVlans = new Map();
  for (const r of reach)
    for (const id of r.carriers) {
      const vlans = out.get(id);
      if (vlans) vlans.push(r.vlan);
      else out.set(id, [r.vlan]);
    }
  return out;
}

/**
 * The VM a device belongs to, on its label: libvirt's name; without one (no virsh, or the domain
 * not listed) the start of the VM's uuid, else of the Neutron port id — enough to search for.
 */
function vmLines(relations: Relations): VmLines {
  const out: VmLines = new Map();
  for (const o of relations.vmIdentities) {
    const line = o.vm?.name
      ? `vm ${o.vm.name}`
      : o.vm
        ? `vm ${o.vm.uuid.slice(0, 8)}…`
        : o.ifaceId
          ? `port ${o.ifaceId.slice(0, 8)}…`
          : null;
    if (line) out.set(o.of, line);
  }
  return out;
}

/**
 * Cytoscape elements for hosts drawn side by side: relations come from `deriveRelations`, with
 * every drawn host (plus `knownHosts`) known, so tunnels between drawn hosts become edges.
 */
export function toElements(hosts: HostModel[], opts: ToElementsOptions = {}): GraphElement[] {
  const addresses = new Map(hosts.map((h) => [h.host, new Set(hostAddresses(h))]));
  const known: KnownHost[] = [
    ...hosts.map((h) => ({ name: h.host, addresses: [...(addresses.get(h.host) ?? [])] })),
    ...(opts.knownHosts ?? []),
  ];
  const derived = new Map(
    hosts.map((h) => [
      h.host,
      {
        model: h,
        relations: deriveRelations(
          h,
          known.filter((k) => k.name !== h.host),
        ),
        addresses: addresses.get(h.host) ?? new Set<string>(),
      },
    ]),
  );
  const inputs: HostGraphInput[] = [...derived.values()].map((d) => {
    const reach = followsFlows(d.model) ? vlanReach(d.model) : null;
    return {
      model: d.model,
      relations: graphRelations(d.model, d.relations, derived, d.addresses),
      vlans: portVlans(d.relations),
      rewrites: portRewrites(d.model, d.relations, reach ?? []),
      carried: reach ? carriedVlans(reach) : null,
      vmLines: vmLines(d.relations),
    };
  });
  return buildElements(inputs);
}
