import type { HostModel, Link, Namespace } from '../model/schema';
import type { VethPair } from './types';

/** The namespace a link's `linkNetnsid` points to, as seen from `from`; undefined when unknown. */
function namespaceByNsid(model: HostModel, from: Namespace, nsid: number): Namespace | undefined {
  // From the root, `ip netns list` ids apply; from elsewhere, that namespace's own list-id answer.
  const name = from.isRoot
    ? model.namespaces.find((n) => n.netnsid === nsid)?.name
    : from.peers.find((p) => p.nsid === nsid)?.name;
  return name === undefined || name === null ? undefined : model.namespaces.find((n) => n.name === name);
}

function findPeer(model: HostModel, ns: Namespace, link: Link): { ns: Namespace; link: Link } | undefined {
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
  const index = link.linkIndex;
  if (index === undefined) return undefined;
  const pointsBack = (l: Link) => l.ifindex === index && l.kind === 'veth' && l.linkIndex === link.ifindex;
  const target = namespaceByNsid(model, ns, link.linkNetnsid);
  if (target) {
    const peer = target.links.find(pointsBack);
    if (peer) return { ns: target, link: peer };
  }
  // Unnamed nsid (often the root seen from inside): accept a unique index match elsewhere.
  const candidates = model.namespaces
    .filter((n) => n !== ns)
    .flatMap((n) =>
      n.links.filter((l) => pointsBack(l) && l.linkNetnsid !== undefined).map((l) => ({ ns: n, link: l })),
    );
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** Veth pairs across namespaces, each once; unresolved ends get `b: null`. */
export function vethPairs(model: HostModel): VethPair[] {
  const out = new Map<string, VethPair>();
  for (const ns of model.namespaces) {
    for (const link of ns.links) {
      if (link.kind !== 'veth') continue;
      const peer = findPeer(model, ns, link);
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
  return [...out.values()];
}
