import type {
  Address,
  Bridge,
  Flow,
  HostModel,
  Interface,
  Link,
  Namespace,
  Port,
  Route,
} from '../model/schema';
import { flowKey } from './objects';

/** A kernel link with the namespace holding it. */
export interface LinkEntry {
  ns: Namespace;
  link: Link;
}

/**
 * Lookups from a model object id (as diffModels reports it) back to the model entity, built once
 * per model in one pass so planning thousands of objects stays linear.
 */
export interface ModelIndex {
  model: HostModel;
  bridges: Map<string, Bridge>;
  bridgeByName: Map<string, Bridge>;
  ports: Map<string, Port>;
  ifaces: Map<string, Interface>;
  ifaceByName: Map<string, Interface>;
  /** By flowKey (objects.ts), the id diffModels uses for flows. */
  flows: Map<string, { bridge: Bridge; flow: Flow }>;
  namespaces: Map<string, Namespace>;
  links: Map<string, LinkEntry>;
  addresses: Map<string, { ns: Namespace; link: Link; address: Address }>;
  routes: Map<string, { ns: Namespace; route: Route }>;
  /** Veth ends, for pairing: by `ns\0ifindex`, `ns\0name`, ifindex and name. */
  veth: {
    byNsIfindex: Map<string, LinkEntry>;
    byNsName: Map<string, LinkEntry>;
    byIfindex: Map<number, LinkEntry[]>;
    byName: Map<string, LinkEntry[]>;
  };
}

const setFirst = <K, V>(map: Map<K, V>, key: K, value: V) => {
  if (!map.has(key)) map.set(key, value);
};
const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export function indexModel(model: HostModel): ModelIndex {
  const ix: ModelIndex = {
    model,
    bridges: new Map(),
    bridgeByName: new Map(),
    ports: new Map(),
    ifaces: new Map(),
    ifaceByName: new Map(),
    flows: new Map(),
    namespaces: new Map(),
    links: new Map(),
    addresses: new Map(),
    routes: new Map(),
    veth: { byNsIfindex: new Map(), byNsName: new Map(), byIfindex: new Map(), byName: new Map() },
  };
  for (const b of model.ovs?.bridges ?? []) {
    setFirst(ix.bridges, b.id, b);
    setFirst(ix.bridgeByName, b.name, b);
    for (const f of b.flows ?? [])
      setFirst(ix.flows, flowKey(b.name, f.table, f.priority, f.match), { bridge: b, flow: f });
  }
  for (const p of model.ovs?.ports ?? []) setFirst(ix.ports, p.id, p);
  for (const i of model.ovs?.interfaces ?? []) {
    setFirst(ix.ifaces, i.id, i);
    setFirst(ix.ifaceByName, i.name, i);
  }
  for (const ns of model.namespaces) {
    setFirst(ix.namespaces, ns.name, ns);
    for (const link of ns.links) {
      const entry = { ns, link };
      setFirst(ix.links, link.id, entry);
      for (const address of link.addresses) setFirst(ix.addresses, address.id, { ns, link, address });
      if (link.kind !== 'veth') continue;
      setFirst(ix.veth.byNsIfindex, `${ns.name}\0${link.ifindex}`, entry);
      setFirst(ix.veth.byNsName, `${ns.name}\0${link.name}`, entry);
      push(ix.veth.byIfindex, link.ifindex, entry);
      push(ix.veth.byName, link.name, entry);
    }
    for (const route of ns.routes) setFirst(ix.routes, route.id, { ns, route });
  }
  return ix;
}

/** The namespace name an nsid seen from `from` stands for ('' = root); undefined when unknown. */
function nsidName(ix: ModelIndex, from: Namespace, nsid: number): string | undefined {
  if (from.isRoot) return ix.model.namespaces.find((n) => n.netnsid === nsid)?.name;
  const name = from.peers.find((p) => p.nsid === nsid)?.name;
  return name ?? undefined;
}

/**
 * The other end of a veth, found the way relations/veth-pairs.ts does (ip's `link` name in the
 * same namespace, or mutual ifindexes across namespaces), plus one fallback for models built by
 * applyEdits: `link` naming the peer in another namespace. Undefined when not found or ambiguous.
 */
export function vethPeer(ix: ModelIndex, entry: LinkEntry): LinkEntry | undefined {
  const { ns, link } = entry;
  const v = ix.veth;
  if (link.linkNetnsid === undefined) {
    const byIndex =
      link.linkIndex === undefined ? undefined : v.byNsIfindex.get(`${ns.name}\0${link.linkIndex}`);
    if (byIndex && byIndex !== entry) return byIndex;
    const byName = link.link === undefined ? undefined : v.byNsName.get(`${ns.name}\0${link.link}`);
    if (byName && byName !== entry && (byName.link.link === undefined || byName.link.link === link.name))
      return byName;
  } else if (link.linkIndex !== undefined) {
    const candidates = (v.byIfindex.get(link.linkIndex) ?? []).filter((c) => {
      if (c.ns === ns || c.link.linkIndex !== link.ifindex || c.link.linkNetnsid === undefined) return false;
      // A candidate whose own nsid names another namespace than ours points elsewhere.
      const back = nsidName(ix, c.ns, c.link.linkNetnsid);
      return back === undefined || back === ns.name;
    });
    const target = nsidName(ix, ns, link.linkNetnsid);
    const named = target === undefined ? undefined : candidates.find((c) => c.ns.name === target);
    if (named) return named;
    if (candidates.length === 1) return candidates[0];
  }
  if (link.link !== undefined) {
    const candidates = (v.byName.get(link.link) ?? []).filter(
      (c) => c !== entry && (c.link.link === undefined || c.link.link === link.name),
    );
    if (candidates.length === 1) return candidates[0];
  }
  return undefined;
}
