import type { GraphEdge, GraphElement, GraphNode } from './types';
import { isNode } from './types';

/** Above this many ports a host opens with its bridges and namespaces collapsed. */
export const COLLAPSE_PORT_THRESHOLD = 300;

const CONTAINER_KINDS = new Set(['host', 'bridge', 'namespace', 'port']);
export const isContainer = (n: GraphNode): boolean =>
  CONTAINER_KINDS.has(n.data.kind) && (n.data.childCount ?? 0) > 0;

/** The containers to collapse on first open: every bridge and namespace of a host with many ports. */
export function defaultCollapsed(elements: GraphElement[], threshold = COLLAPSE_PORT_THRESHOLD): Set<string> {
  const ports = new Map<string, number>();
  for (const el of elements) {
    if (isNode(el) && el.data.kind === 'port') ports.set(el.data.host, (ports.get(el.data.host) ?? 0) + 1);
  }
  const out = new Set<string>();
  for (const el of elements) {
    if (!isNode(el) || (ports.get(el.data.host) ?? 0) <= threshold) continue;
    if ((el.data.kind === 'bridge' || el.data.kind === 'namespace') && isContainer(el)) out.add(el.data.id);
  }
  return out;
}

/** Parent chain, nearest first. */
export function ancestors(parentOf: ReadonlyMap<string, string>, id: string): string[] {
  const out: string[] = [];
  for (let p = parentOf.get(id); p !== undefined; p = parentOf.get(p)) out.push(p);
  return out;
}

function summary(kind: string, descendants: GraphNode[]): string {
  const count = (k: string) => descendants.filter((d) => d.data.kind === k).length;
  const parts: string[] = [];
  const ports = count('port');
  const links = count('link');
  const bridges = count('bridge');
  const namespaces = count('namespace');
  if (bridges) parts.push(`${bridges} bridge${bridges === 1 ? '' : 's'}`);
  if (namespaces) parts.push(`${namespaces} ns`);
  if (ports) parts.push(`${ports} port${ports === 1 ? '' : 's'}`);
  if (links) parts.push(`${links} link${links === 1 ? '' : 's'}`);
  if (kind === 'port') parts.push(`${count('iface')} ifaces`);
  const errors = descendants.filter((d) => d.data.error).length;
  if (errors) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/**
 * The elements as drawn with some containers collapsed: their descendants are left out, the
 * container's label carries counts, and edges to hidden elements end at the nearest visible
 * container (merged when several collapse onto the same pair).
 */
export function applyCollapse(elements: GraphElement[], collapsed: ReadonlySet<string>): GraphElement[] {
  if (collapsed.size === 0) return elements;
  const parentOf = new Map<string, string>();
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const el of elements) {
    if (isNode(el)) {
      nodes.push(el);
      if (el.data.parent) parentOf.set(el.data.id, el.data.parent);
    } else edges.push(el);
  }
  // Visible stand-in for every node: itself, or its outermost collapsed ancestor.
  const standIn = new Map<string, string>();
  const hiddenUnder = new Map<string, GraphNode[]>();
  for (const n of nodes) {
    const chain = ancestors(parentOf, n.data.id).filter((a) => collapsed.has(a));
    const outer = chain[chain.length - 1];
    standIn.set(n.data.id, outer ?? n.data.id);
    if (outer === undefined) continue;
    const list = hiddenUnder.get(outer);
    if (list) list.push(n);
    else hiddenUnder.set(outer, [n]);
  }
  const out: GraphElement[] = [];
  for (const n of nodes) {
    if (standIn.get(n.data.id) !== n.data.id) continue;
    const hidden = hiddenUnder.get(n.data.id);
    if (!hidden) {
      out.push(n);
      continue;
    }
    const errors = hidden.filter((d) => d.data.error).length;
    const followed = [n, ...hidden].some((d) => d.data.carries !== undefined);
    const carries = [...new Set([n, ...hidden].flatMap((d) => d.data.carries ?? []))].sort((a, b) => a - b);
    out.push({
      ...n,
      data: {
        ...n.data,
        collapsed: true,
        label: `${n.data.label.split('\n')[0]}\n${summary(n.data.kind, hidden)}`,
        vlans: [...new Set(hidden.flatMap((d) => d.data.vlans))].sort((a, b) => a - b),
        allVlans: hidden.some((d) => d.data.allVlans),
        ...(followed ? { carries } : {}),
        ...(errors > 0 && !n.data.error ? { error: `${errors} element(s) inside report errors` } : {}),
      },
    });
  }
  const merged = new Map<string, GraphEdge>();
  for (const e of edges) {
    const s = standIn.get(e.data.source) ?? e.data.source;
    const t = standIn.get(e.data.target) ?? e.data.target;
    if (s === t) continue;
    if (s === e.data.source && t === e.data.target) {
      merged.set(e.data.id, e);
      continue;
    }
    const [a, b] = s < t ? [s, t] : [t, s];
    const id = `${e.data.kind}:${a}~${b}`;
    const prev = merged.get(id);
    const count = (prev?.data.count ?? (prev ? 1 : 0)) + 1;
    // A class every merged edge has stays (a tunnel to an unknown remote is drawn as one).
    const classes = prev ? shared(prev.classes, e.classes) : classList(e.classes);
    merged.set(id, {
      group: 'edges',
      ...(classes.length > 0 ? { classes } : {}),
      data: {
        id,
        kind: e.data.kind,
        source: s,
        target: t,
        label: count > 1 ? `${count} × ${e.data.kind}` : (e.data.label ?? e.data.kind),
        count,
        ...(e.data.error || prev?.data.error ? { error: e.data.error ?? prev?.data.error } : {}),
      },
    });
  }
  out.push(...merged.values());
  return out;
}

const classList = (c: GraphEdge['classes']): string[] =>
  Array.isArray(c) ? c : (c ?? '').split(' ').filter((x) => x !== '');

const shared = (a: GraphEdge['classes'], b: GraphEdge['classes']): string[] => {
  const other = new Set(classList(b));
  return classList(a).filter((x) => other.has(x));
};
