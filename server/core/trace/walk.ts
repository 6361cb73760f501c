import { edgeElementId, elementId } from '../graph/ids';
import { bridgeId, ifaceId, portId } from '../model/identity';
import { parseAction } from '../parsers/ofctl-actions';
import { type HopContext, namedAction, newHop, rewrites } from './hop';
import type { PortDirectory, PortName } from './ports';
import type { TraceNode, TracePassText } from './trace-text';
import type { TraceCrossing, TraceHop, TracePort, Vlan } from './types';
import { applyAction, normalVlanIn, normalVlanOut } from './vlan';

/** What the walk of every pass collects, in path order. */
export interface Walk {
  host: string;
  ports: PortDirectory;
  hops: TraceHop[];
  crossings: TraceCrossing[];
  bridges: string[];
  elements: string[];
  warnings: string[];
}

/** The VLAN header a pass starts with, from its `Flow:` line. */
export function flowVlan(flow: string): Vlan {
  const vid = /(?:^|,)dl_vlan=(\d+)/.exec(flow);
  if (vid) return Number(vid[1]);
  const tci = /(?:^|,)vlan_tci=(0x[0-9a-fA-F]+)/.exec(flow);
  // The CFI/"present" bit says whether there is a tag at all.
  const n = tci ? Number(tci[1]) : 0;
  return n & 0x1000 ? n & 0xfff : 'untagged';
}

export const portElement = (host: string, p: PortName): string => elementId(host, portId(p.bridge, p.port));

export function tracePort(host: string, p: PortName, vlan: Vlan): TracePort {
  return {
    bridge: p.bridge,
    port: p.port,
    ...(p.iface === p.port ? {} : { iface: p.iface }),
    vlan,
    portId: portId(p.bridge, p.port),
    element: portElement(host, p),
  };
}

/** A port's element, and its interface's when the port is a bond (the graph draws members apart). */
export const portElements = (host: string, p: PortName): string[] =>
  p.iface === p.port ? [portElement(host, p)] : [portElement(host, p), elementId(host, ifaceId(p.iface))];

/**
 * Walks one pass's tree in the order OVS translated it, keeping the packet's VLAN header and the
 * port it entered each bridge by. Returns the pass's entry port (where its first bridge got it).
 */
export function walkPass(pass: TracePassText, index: number, w: Walk): TracePort | null {
  let entry: TracePort | null = null;
  for (const node of pass.nodes) {
    if (node.kind !== 'bridge') {
      w.warnings.push(`unexpected line outside any bridge: ${node.text}`);
      continue;
    }
    const ref = /(?:^|,)in_port=("(?:[^"\\]|\\.)*"|[^,]+)/.exec(pass.flow)?.[1];
    const inPort = ref === undefined ? null : w.ports.resolve(node.text, ref.replace(/^"(.*)"$/, '$1'));
    const vlan = flowVlan(pass.flow);
    entry ??= inPort ? tracePort(w.host, inPort, vlan) : null;
    enter(w, node.text, inPort);
    walkList(
      node.children,
      { host: w.host, pass: index, bridge: node.text, inPort: inPort?.port ?? null, vlan },
      null,
      w,
    );
  }
  return entry;
}

/** Adds graph elements to the path, each once, in the order the packet reaches them. */
export function mark(w: Pick<Walk, 'elements'>, ids: (string | null)[]): void {
  for (const id of ids) if (id !== null && !w.elements.includes(id)) w.elements.push(id);
}

function enter(w: Walk, bridge: string, via: PortName | null) {
  if (!w.bridges.includes(bridge)) w.bridges.push(bridge);
  mark(w, [...(via ? portElements(w.host, via) : []), elementId(w.host, bridgeId(bridge))]);
}

interface ListState {
  /** The last action of this list: what a bridge crossing right after it came from. */
  lastAction: string | null;
  /** A `tunneling to … via BRIDGE` note: the next crossing into BRIDGE is the underlay. */
  tunnelVia: string | null;
}

/** One list of sibling nodes; `at.vlan` is the packet's header and changes as actions run. */
function walkList(nodes: TraceNode[], at: HopContext, hop: TraceHop | null, w: Walk, prefix = ''): void {
  const list: ListState = { lastAction: null, tunnelVia: null };
  for (const node of nodes) {
    if (node.kind === 'table') {
      const h = newHop(node.text, at, w.hops.length, w.ports);
      w.hops.push(h);
      walkList(node.children, at, h, w);
      h.vlanAfter = at.vlan;
      h.dropped ||= h.actions.length === 1 && h.actions[0] === 'drop';
    } else if (node.kind === 'bridge') {
      cross(node, at, hop, list, w);
    } else if (node.kind === 'action') {
      act(node.text, at, hop, w, prefix);
      list.lastAction = node.text;
      walkList(node.children, at, hop, w, prefix);
    } else if (node.kind === 'bucket') {
      // A group bucket works on a copy of the packet: its changes stay inside it.
      walkList(node.children, { ...at }, hop, w, `${node.text}: `);
    } else {
      note(node, hop, list, w);
      walkList(node.children, at, hop, w, prefix);
    }
  }
}

function act(text: string, at: HopContext, hop: TraceHop | null, w: Walk, prefix: string): void {
  const action = parseAction(text);
  if (action.type === 'normal' && hop)
    hop.normalVlan = normalVlanIn(w.ports.vlanConfig(at.bridge, at.inPort), at.vlan);
  at.vlan = applyAction(at.vlan, action);
  if (!hop) return;
  const named = `${prefix}${namedAction(text, at.bridge, w.ports)}`;
  hop.actions.push(named);
  if (rewrites(text)) hop.changes.push(named);
}

function note(node: TraceNode, hop: TraceHop | null, list: ListState, w: Walk): void {
  const via = /^tunneling to \S+ via (\S+)$/.exec(node.text);
  if (via?.[1]) list.tunnelVia = via[1];
  if (node.kind === 'thaw') return;
  if (!hop) {
    w.warnings.push(node.text);
    return;
  }
  hop.notes.push(node.text);
  // NORMAL says so when it refuses a packet (wrong VLAN for an access port, a mirror port, …).
  if ((node.kind === 'warn' || node.kind === 'error') && /dropping/.test(node.text)) hop.dropped = true;
}

/**
 * Into a peer bridge: through a patch pair (the output port, or the only pair joining the two
 * bridges when NORMAL flooded), or as a tunnel's underlay packet (after `tunneling to … via BR`).
 * Changes inside the peer bridge do not come back: OVS restores the packet when it returns.
 */
function cross(node: TraceNode, at: HopContext, hop: TraceHop | null, list: ListState, w: Walk): void {
  const afterHop = hop?.index ?? Math.max(0, w.hops.length - 1);
  const output = /^output:(.+)$/.exec(list.lastAction ?? '')?.[1];
  const from = output === undefined ? null : w.ports.resolve(at.bridge, output);
  const { crossing, entry } =
    list.tunnelVia === node.text
      ? underlay(node.text, at, from, afterHop, w)
      : patch(node.text, at, from, parseAction(list.lastAction ?? '').type === 'normal', afterHop, w);
  if (crossing.kind === 'tunnel') list.tunnelVia = null;
  w.crossings.push(crossing);
  enter(w, node.text, entry);
  walkList(
    node.children,
    { ...at, bridge: node.text, inPort: entry?.port ?? null, vlan: crossing.vlan },
    null,
    w,
  );
}

/** Encapsulated: a new, untagged outer packet starts at the underlay bridge's own port. */
function underlay(to: string, at: HopContext, tunnel: PortName | null, afterHop: number, w: Walk) {
  const entry = w.ports.local(to);
  mark(w, tunnel ? portElements(w.host, tunnel) : []);
  const crossing: TraceCrossing = {
    kind: 'tunnel',
    afterHop,
    from: { bridge: at.bridge, port: tunnel?.port ?? null },
    to: { bridge: to, port: entry.port },
    vlan: 'untagged',
    edge: null,
  };
  return { crossing, entry };
}

/** Through a patch pair; after NORMAL the header on the pair is the VLAN NORMAL gives that port. */
function patch(to: string, at: HopContext, out: PortName | null, normal: boolean, afterHop: number, w: Walk) {
  const pairs = w.ports.patchesTo(at.bridge, to);
  const pair = out ? pairs.find((p) => p.out.iface === out.iface) : pairs.length === 1 ? pairs[0] : undefined;
  if (!pair && pairs.length > 1)
    w.warnings.push(`several patch pairs join ${at.bridge} and ${to}; the trace does not say which one`);
  const inVlan = normalVlanIn(w.ports.vlanConfig(at.bridge, at.inPort), at.vlan) ?? 'unknown';
  const vlan = !normal
    ? at.vlan
    : pair
      ? normalVlanOut(w.ports.vlanConfig(at.bridge, pair.out.port), inVlan)
      : 'unknown';
  const edge = pair
    ? edgeElementId('patch', portElement(w.host, pair.out), portElement(w.host, pair.in))
    : null;
  mark(w, pair ? [portElement(w.host, pair.out), edge] : []);
  const crossing: TraceCrossing = {
    kind: 'patch',
    afterHop,
    from: { bridge: at.bridge, port: pair?.out.port ?? null },
    to: { bridge: to, port: pair?.in.port ?? null },
    vlan,
    edge,
  };
  return { crossing, entry: pair?.in ?? null };
}
