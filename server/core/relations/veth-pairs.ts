import type { HostModel, Link, Namespace } from '../model/schema';
import type { VethPair } from './types';

interface Located {
  ns: Namespace;
  link: Link;
}

/**
 * Lookups built once per model: a host with hundreds of namespaces and thousands of veth ends is
 * paired in linear time, not by scanning every namespace for every end.
 */
class VethIndex {
  private readonly byName = new Map<string, Namespace>();
  private readonly byNetnsid = new Map<number, Namespace>();
  /** Veth ends whose peer is in another namespace (`linkNetnsid` set), by their own ifindex. */
  private readonly crossByIfindex = new Map<number, Located[]>();

  constructor(model: HostModel) {
    for (const ns of model.namespaces) {
      if (!this.byName.has(ns.name)) this.byName.set(ns.name, ns);
      if (ns.netnsid !== null && !this.byNetnsid.has(ns.netnsid)) this.byNetnsid.set(ns.netnsid, ns);
      for (const link of ns.links) {
        if (link.kind !== 'veth' || link.linkNetnsid === undefined) continue;
        const list = this.crossByIfindex.get(link.ifindex) ?? [];
        list.push({ ns, link });
        this.crossByIfindex.set(link.ifindex, list);
      }
    }
  }

  /** The namespace a link's `linkNetnsid` points to, as seen from `from`; undefined when unknown. */
  namespaceByNsid(from: Namespace, nsid: number): Namespace | undefined {
    // From the root, `ip netns list` ids apply; from elsewhere, that namespace's own list-id answer.
    const name = from.isRoot ? this.byNetnsid.get(nsid)?.name : from.peers.find((p) => p.nsid === nsid)?.name;
    return name === undefined || name === null ? undefined : this.byName.get(name);
  }

  /** Cross-namespace veth ends with this ifindex, outside `ns`. */
  crossEnds(ifindex: number, ns: Namespace): Located[] {
    return (this.crossByIfindex.get(ifindex) ?? []).filter((c) => c.ns !== ns);
  }
}

function findPeer(index: VethIndex, ns: Namespace, link: Link): Located | undefined {
  // Same namespace: ip prints the peer's name (`link`) and often no index.
  if (link.linkNetnsid === undefined) {
    const peer = ns.links.find(
      (l) =>
        l !== link &&
        l.kind === 'veth' &&
        (l.ifindex === link.linkIndex || (link.linkIndex === undefined && l.name === link.link)),
    );
    return peer && { ns, link: peer };
  }
  const ifindex = link.linkIndex;
  if (ifindex === undefined) return undefined;
  const pointsBack = (l: Link) => l.ifindex === ifindex && l.kind === 'veth' && l.linkIndex === link.ifindex;
  const target = index.namespaceByNsid(ns, link.linkNetnsid);
  if (target) {
    const peer = target.links.find(pointsBack);
    if (peer) return { ns: target, link: peer };
  }
  // Unnamed nsid (often the root seen from inside): accept a unique index match elsewhere.
  const candidates = index.crossEnds(ifindex, ns).filter((c) => pointsBack(c.link));
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** Veth pairs across namespaces, each once; unresolved ends get `b: null`. */
export function vethPairs(model: HostModel): VethPair[] {
  const index = new VethIndex(model);
  const out = new Map<string, VethPair>();
  for (const ns of model.namespaces) {
    for (const link of ns.links) {
      if (link.kind !== 'veth') continue;
      const peer = findPeer(index, ns, link);
      if (!peer) {
        out.set(`veth:${link.id}|`, {
          id: `veth:${link.id}|`,
          a: link.id,
          b: null,
          crossNamespace: link.linkNetnsid !== undefined,
        });
        continue;
      }
      const [a, b] = link.id < peer.link.id ? [link.id, peer.link.id] : [peer.link.id, link.id];
      out.set(`veth:${a}|${b}`, { id: `veth:${a}|${b}`, a, b, crossNamespace: peer.ns !== ns });
    }
  }
  // An end whose own lookup failed can still be found from its peer (an nsid only one side can
  // name): once paired, it is not also listed as unresolved.
  const paired = new Set<string>();
  for (const p of out.values()) if (p.b !== null) paired.add(p.a).add(p.b);
  return [...out.values()].filter((p) => p.b !== null || !paired.has(p.a));
}
