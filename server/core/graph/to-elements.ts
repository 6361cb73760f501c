import type { HostModel, Interface, Link, Namespace } from '../model';
import { edgeElementId, elementId, ghostElementId, hostElementId } from './ids';
import { linkFacts } from './link-facts';
import { NO_VLAN_COLOR, vlanColor } from './palette';
import type { GraphRelation } from './relations';
import { EDGE_LOOKS, NODE_COLORS, UNKNOWN_REMOTE_CLASS } from './style';
import type { EdgeKind, GraphEdge, GraphElement, GraphNode, GraphNodeData } from './types';
import { hostUnread, namespaceUnread } from './unread';

/** VLANs per port id (from `deriveRelations().vlans`); `tag` is the untagged (access/native) VLAN. */
export type PortVlans = Map<string, { tag?: number; vlans: number[]; allVlans: boolean }>;

/**
 * What flows do to the VLAN of traffic entering each port id, one line each: "VLAN 1 → untagged"
 * (from `vlanRewrites`), "VLAN 2 → dropped" (from `vlanReach`).
 */
export type PortRewrites = Map<string, string[]>;

/** VLANs whose traffic passes each port, interface or link id once flows acted (from `vlanReach`). */
export type CarriedVlans = Map<string, number[]>;

/**
 * The label line naming what a device belongs to, per interface or link id (from
 * `vmIdentities`): `vm web-1`, or without a libvirt name `vm 3e4f5a6b…` / `port 5d8e0f2a…`.
 */
export type VmLines = Map<string, string>;

export interface HostGraphInput {
  model: HostModel;
  /** Relations of this host (see relations.ts), already resolved against the other hosts. */
  relations: GraphRelation[];
  vlans: PortVlans;
  rewrites: PortRewrites;
  /** null when the flows were not followed (a very big host): VLAN membership by tags then. */
  carried: CarriedVlans | null;
  vmLines: VmLines;
}

/** The label line of a port's VLANs: `vlan 10`, `trunk 10,20,30`, `vlan 20 + trunk 30`; none for all VLANs. */
function vlanLine(vl: { tag?: number; vlans: number[]; allVlans: boolean }): string[] {
  if (vl.allVlans) return [];
  const tagged = vl.vlans.filter((v) => v !== vl.tag);
  const list = tagged.length > 4 ? `${tagged.slice(0, 4).join(',')},… (${tagged.length})` : tagged.join(',');
  if (vl.tag === undefined) return tagged.length ? [`trunk ${list}`] : [];
  return [tagged.length ? `vlan ${vl.tag} + trunk ${list}` : `vlan ${vl.tag}`];
}

/** A label and its line count (`lines`: the stylesheet makes a leaf tall enough for them). */
const labelled = (lines: string[]) => {
  const label = lines.join('\n');
  const count = label.split('\n').length;
  return { label, ...(count > 2 ? { lines: count } : {}) };
};

const optional = (line: string | undefined): string[] => (line ? [line] : []);

function isDown(state: string | null | undefined): boolean {
  return state !== null && state !== undefined && state.toLowerCase() === 'down';
}

/**
 * Everything one host contributes: a host container; bridges containing their ports (a bond's
 * interfaces as children of the port); namespaces containing their links. A kernel link in the root
 * namespace that backs an OVS port is the same device as the port and folds into the port node;
 * a backing link in another namespace (a `qr-` leg in a router namespace) gets its own node joined to
 * the port by a `backs` edge. Loopback folds into its namespace node.
 */
function hostElements(input: HostGraphInput): { nodes: GraphNode[]; linkNode: Map<string, string> } {
  const { model, relations, vlans, rewrites, carried, vmLines } = input;
  const host = model.host;
  const id = (modelId: string) => elementId(host, modelId);
  const nodes: GraphNode[] = [];
  const linkNode = new Map<string, string>();
  const node = (
    data: Omit<GraphNodeData, 'host' | 'vlans' | 'allVlans' | 'color'> & Partial<GraphNodeData>,
  ) =>
    nodes.push({
      group: 'nodes',
      data: { host, vlans: [], allVlans: false, color: NO_VLAN_COLOR, ...data },
    });

  const hostLabel = model.hostname && model.hostname !== host ? `${host} (${model.hostname})` : host;
  const hostShort = hostUnread(model);
  node({
    id: hostElementId(host),
    kind: 'host',
    modelId: '',
    represents: [],
    label: hostLabel,
    ...(hostShort ? { unread: hostShort } : {}),
  });

  const foldedIntoPort = new Map<string, string>();
  for (const rel of relations) {
    if (rel.kind === 'backs' && rel.linkNs === '') foldedIntoPort.set(rel.port, rel.link);
  }

  const ovs = model.ovs;
  const ifaceById = new Map<string, Interface>((ovs?.interfaces ?? []).map((i) => [i.id, i]));
  const rootNs = model.namespaces.find((ns) => ns.isRoot);
  const rootLinks = new Map<string, Link>((rootNs?.links ?? []).map((l) => [l.id, l]));
  const rootFacts = rootNs ? linkFacts(rootNs) : new Map<string, string[]>();
  const portOwner = new Map<string, string>();
  for (const bridge of ovs?.bridges ?? []) {
    node({
      id: id(bridge.id),
      kind: 'bridge',
      modelId: bridge.id,
      represents: [bridge.id],
      label: bridge.name,
      parent: hostElementId(host),
      ...(bridge.flowsError ? { error: bridge.flowsError } : {}),
    });
    for (const p of bridge.ports) portOwner.set(p, bridge.id);
  }
  for (const port of ovs?.ports ?? []) {
    const ifaces = port.interfaces.map((i) => ifaceById.get(i)).filter((i): i is Interface => !!i);
    const bridgeId = port.bridge === null ? undefined : portOwner.get(port.id);
    const single = ifaces.length === 1 ? ifaces[0] : undefined;
    const folded = foldedIntoPort.get(port.id);
    const foldedLink = folded ? rootLinks.get(folded) : undefined;
    const errors = ifaces.map((i) => i.error).filter((e): e is string => !!e);
    const vl = vlans.get(port.id) ?? { vlans: [], allVlans: false };
    const represents = [port.id, ...(single ? [single.id] : []), ...(folded ? [folded] : [])];
    if (folded) linkNode.set(folded, id(port.id));
    // Two rewrites at most on the label; the inspector lists them all.
    const rw = rewrites.get(port.id) ?? [];
    const rewrite = rw.length > 2 ? `${rw.slice(0, 2).join('\n')}\n+${rw.length - 2} more` : rw.join('\n');
    node({
      id: id(port.id),
      kind: 'port',
      modelId: port.id,
      represents,
      ...labelled([
        port.name,
        ...optional(vmLines.get(single?.id ?? '') ?? vmLines.get(folded ?? '')),
        ...(rootFacts.get(folded ?? '') ?? []),
        ...vlanLine(vl),
        ...(rewrite ? [rewrite] : []),
      ]),
      ...(rewrite ? { rewrite } : {}),
      parent: bridgeId ? id(bridgeId) : hostElementId(host),
      ...vl,
      color: errors.length > 0 ? NODE_COLORS.error : vlanColor(vl.tag),
      ...(errors.length > 0 ? { error: errors.join('; ') } : {}),
      type: single ? single.type : ifaces.length > 1 ? 'bond' : 'none',
      ...(isDown(single?.linkState ?? foldedLink?.operstate) ? { state: 'down' } : {}),
    });
    if (ifaces.length > 1) {
      for (const iface of ifaces) {
        const ifaceLink = foldedIntoPort.get(iface.id);
        if (ifaceLink) linkNode.set(ifaceLink, id(iface.id));
        node({
          id: id(iface.id),
          kind: 'iface',
          modelId: iface.id,
          represents: [iface.id, ...(ifaceLink ? [ifaceLink] : [])],
          label: iface.name,
          parent: id(port.id),
          type: iface.type,
          ...vl,
          color: iface.error ? NODE_COLORS.error : vlanColor(vl.tag),
          ...(iface.error ? { error: iface.error } : {}),
          ...(isDown(iface.linkState) ? { state: 'down' } : {}),
        });
      }
    }
  }
  // Interfaces no port references (rare: a half-deleted port) still deserve a node.
  const portIds = new Set((ovs?.ports ?? []).map((p) => p.id));
  for (const iface of ovs?.interfaces ?? []) {
    if (iface.port !== null && portIds.has(iface.port)) continue;
    node({
      id: id(iface.id),
      kind: 'iface',
      modelId: iface.id,
      represents: [iface.id],
      label: iface.name,
      parent: hostElementId(host),
      type: iface.type,
      ...(iface.error ? { error: iface.error, color: NODE_COLORS.error } : {}),
    });
  }

  const folded = new Set(foldedIntoPort.values());
  for (const ns of model.namespaces)
    nsElements(ns, host, folded, vmLines, namespaceUnread(model, ns.name), node, linkNode);
  // A node carries a VLAN when anything it stands for does (a port folding its kernel link, …).
  if (carried)
    for (const n of nodes) {
      const vs = new Set(n.data.represents.flatMap((r) => carried.get(r) ?? []));
      n.data.carries = [...vs].sort((a, b) => a - b);
    }
  return { nodes, linkNode };
}

function nsElements(
  ns: Namespace,
  host: string,
  /** Links folded into their port's node (backing links in the root namespace). */
  folded: ReadonlySet<string>,
  vmLines: VmLines,
  /** What of the namespace could not be read, if anything. */
  unread: string | null,
  node: (data: Omit<GraphNodeData, 'host' | 'vlans' | 'allVlans' | 'color'> & Partial<GraphNodeData>) => void,
  linkNode: Map<string, string>,
): void {
  const id = (modelId: string) => elementId(host, modelId);
  const loopbacks = ns.links.filter((l) => l.linkType === 'loopback');
  for (const lo of loopbacks) linkNode.set(lo.id, id(ns.id));
  node({
    id: id(ns.id),
    kind: 'namespace',
    modelId: ns.id,
    represents: [ns.id, ...loopbacks.map((l) => l.id)],
    label: ns.isRoot ? 'root namespace' : ns.name,
    parent: hostElementId(host),
    ...(unread ? { unread } : {}),
  });
  const facts = linkFacts(ns);
  for (const link of ns.links) {
    if (link.linkType === 'loopback' || folded.has(link.id)) continue;
    linkNode.set(link.id, id(link.id));
    node({
      id: id(link.id),
      kind: 'link',
      modelId: link.id,
      represents: [link.id],
      ...labelled([link.name, ...optional(vmLines.get(link.id)), ...(facts.get(link.id) ?? [])]),
      parent: id(ns.id),
      type: link.kind,
      ...(isDown(link.operstate) ? { state: 'down' } : {}),
    });
  }
}

function edge(
  kind: EdgeKind,
  source: string,
  target: string,
  extra: Partial<GraphEdge['data']> = {},
): GraphEdge {
  // Sorted endpoints: a relation seen from both ends (patch pair, tunnel pair) yields one edge.
  return {
    group: 'edges',
    data: { id: edgeElementId(kind, source, target), kind, source, target, ...extra },
  };
}

/**
 * The far end of a tunnel whose remote no host shown owns, so the tunnel is not left without an
 * edge: a ghost inside the host the tunnel leaves, one per address (every tunnel to it ends on
 * the same ghost), marked `unknown-remote`. `flow`: flows choose the remote per packet
 * (`set_field:…->tun_dst`), there is no one address to name. `knownAs`: a host the caller knows
 * owns the address but did not draw.
 */
function unknownRemote(host: string, remoteIp: string, knownAs: string | undefined): GraphNode {
  const label =
    remoteIp === 'flow'
      ? 'remote set by flows'
      : `${remoteIp}\n(${knownAs ? `${knownAs}, not shown` : 'unknown host'})`;
  return {
    group: 'nodes',
    classes: UNKNOWN_REMOTE_CLASS,
    data: {
      id: ghostElementId(host, 'tunnel', remoteIp),
      kind: 'ghost',
      host,
      modelId: '',
      represents: [],
      label,
      vlans: [],
      allVlans: false,
      color: EDGE_LOOKS.tunnel.color,
      parent: hostElementId(host),
    },
  };
}

/**
 * Cytoscape elements for a set of hosts (one or more, side by side). Pure: the same models and
 * relations always give the same elements in the same order, so refreshes can be patched by id.
 */
export function buildElements(inputs: HostGraphInput[]): GraphElement[] {
  const nodes: GraphNode[] = [];
  const linkNodeByHost = new Map<string, Map<string, string>>();
  for (const input of inputs) {
    const r = hostElements(input);
    nodes.push(...r.nodes);
    linkNodeByHost.set(input.model.host, r.linkNode);
  }
  const nodeIds = new Set(nodes.map((n) => n.data.id));
  const nodeById = new Map(nodes.map((n) => [n.data.id, n]));
  const edges = new Map<string, GraphEdge>();
  // A missing patch peer is drawn as a ghost node beside the port that names it.
  const ghost = (host: string, port: GraphNode | undefined, peer: string): string => {
    const ghostId = ghostElementId(host, port?.data.modelId ?? '', peer);
    if (nodeIds.has(ghostId)) return ghostId;
    nodes.push({
      group: 'nodes',
      data: {
        id: ghostId,
        kind: 'ghost',
        host,
        modelId: '',
        represents: [],
        label: `${peer}\n(missing)`,
        vlans: [],
        allVlans: false,
        color: NODE_COLORS.error,
        error: `Patch peer ${peer} does not exist`,
        ...(port?.data.parent ? { parent: port.data.parent } : {}),
      },
    });
    nodeIds.add(ghostId);
    return ghostId;
  };
  const add = (e: GraphEdge) => {
    if (nodeIds.has(e.data.source) && nodeIds.has(e.data.target) && e.data.source !== e.data.target)
      edges.set(e.data.id, e);
  };

  for (const input of inputs) {
    const host = input.model.host;
    const links = linkNodeByHost.get(host) ?? new Map<string, string>();
    const id = (modelId: string) => elementId(host, modelId);
    for (const rel of input.relations) {
      switch (rel.kind) {
        case 'patch':
          add(edge('patch', id(rel.a), id(rel.b), { label: 'patch' }));
          break;
        case 'patch-dangling': {
          const port = nodeById.get(id(rel.port));
          if (port && !port.data.error) {
            port.data.error = rel.reason;
            port.data.color = NODE_COLORS.error;
          }
          const target = rel.peerPort ? id(rel.peerPort) : ghost(host, port, rel.peer);
          add(edge('dangling', id(rel.port), target, { label: 'broken patch', error: rel.reason }));
          break;
        }
        case 'veth': {
          const a = links.get(rel.a);
          const b = links.get(rel.b);
          if (a && b) add(edge('veth', a, b, { label: 'veth' }));
          break;
        }
        case 'backs': {
          const l = links.get(rel.link);
          if (l) add(edge('backs', id(rel.port), l));
          break;
        }
        case 'master': {
          const a = links.get(rel.link);
          const b = links.get(rel.master);
          if (a && b) add(edge('master', a, b));
          break;
        }
        case 'tunnel': {
          const label = `${rel.type} ${rel.remoteIp}`;
          const shown =
            rel.remoteHost !== undefined && nodeIds.has(hostElementId(rel.remoteHost))
              ? rel.remoteHost
              : undefined;
          if (shown !== undefined) {
            const target =
              rel.remotePort === undefined ? hostElementId(shown) : elementId(shown, rel.remotePort);
            add(edge('tunnel', id(rel.port), target, { label }));
            break;
          }
          const remote = unknownRemote(host, rel.remoteIp, rel.remoteHost);
          if (!nodeIds.has(remote.data.id)) {
            nodes.push(remote);
            nodeIds.add(remote.data.id);
          }
          add({ ...edge('tunnel', id(rel.port), remote.data.id, { label }), classes: UNKNOWN_REMOTE_CLASS });
          break;
        }
      }
    }
  }
  propagateVlans(nodes, [...edges.values()]);
  const children = new Map<string, number>();
  for (const n of nodes)
    if (n.data.parent) children.set(n.data.parent, (children.get(n.data.parent) ?? 0) + 1);
  for (const n of nodes) {
    if (n.data.kind === 'host' || n.data.kind === 'bridge' || n.data.kind === 'namespace') {
      n.data.childCount = children.get(n.data.id) ?? 0;
    }
  }
  return [...nodes, ...edges.values()];
}

/**
 * A link behind an access port (the `qr-` leg in a router namespace, the VM end of a veth) is on
 * the port's VLAN: copy the tag along `backs` and `veth` edges so the VLAN filter keeps them lit.
 */
function propagateVlans(nodes: GraphNode[], edges: GraphEdge[]): void {
  const byId = new Map(nodes.map((n) => [n.data.id, n]));
  let changed = true;
  for (let round = 0; changed && round < 4; round++) {
    changed = false;
    for (const e of edges) {
      if (e.data.kind !== 'backs' && e.data.kind !== 'veth') continue;
      const s = byId.get(e.data.source);
      const t = byId.get(e.data.target);
      if (!s || !t) continue;
      for (const [from, to] of [
        [s, t],
        [t, s],
      ] as const) {
        if (from.data.tag !== undefined && to.data.kind === 'link' && to.data.tag === undefined) {
          to.data.tag = from.data.tag;
          to.data.vlans = [from.data.tag];
          if (!to.data.error) to.data.color = from.data.color;
          changed = true;
        }
      }
    }
  }
}
