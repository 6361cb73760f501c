import { TUNNEL_INTERFACE_TYPES } from '../model/constants';
import { NO_VLAN_COLOR, vlanColor } from './palette';
import {
  EDGE_LOOKS,
  FINDING_COLORS,
  HIT_COLOR,
  type LineStyle,
  NODE_COLORS,
  PENDING_COLORS,
  SELECTED_COLOR,
  TRACE_COLOR,
  UNKNOWN_REMOTE_CLASS,
  UNKNOWN_REMOTE_EDGE,
} from './style';
import type { EdgeKind, GraphEdgeData, GraphElement, GraphNodeData } from './types';

/** A sample of what the graph draws, in the stylesheet's own colours (style.ts). */
export type Swatch =
  | {
      type: 'node';
      shape: 'box' | 'ellipse' | 'hexagon' | 'cut';
      fill: string;
      border: string;
      width: number;
      style: 'solid' | 'dashed' | 'dotted' | 'double';
      /** A ghost: its fill is mostly transparent. */
      hollow?: boolean;
      /** A lint finding's glow under the element. */
      glow?: string;
    }
  | { type: 'edge'; color: string; width: number; line: LineStyle };

export interface LegendEntry {
  id: string;
  label: string;
  /** Absent on a line that only says more (`… and 12 more`). */
  swatch?: Swatch;
}

export interface LegendSection {
  id: 'nodes' | 'borders' | 'edges' | 'vlans' | 'marks';
  title: string;
  entries: LegendEntry[];
}

/** The legend lists this many VLANs at most; the VLAN filter lists them all. */
export const LEGEND_MAX_VLANS = 40;

const node = (
  shape: 'box' | 'ellipse' | 'hexagon' | 'cut',
  border: string,
  extra: Partial<Extract<Swatch, { type: 'node' }>> = {},
): Swatch => ({ type: 'node', shape, fill: NODE_COLORS.fill, border, width: 2, style: 'solid', ...extra });

const hasClass = (el: GraphElement, cls: string): boolean =>
  Array.isArray(el.classes) ? el.classes.includes(cls) : (el.classes ?? '').split(' ').includes(cls);

/** A port or link that belongs to a VM carries a `vm NAME` label line (to-elements.ts). */
const namesVm = (d: GraphNodeData) =>
  d.label
    .split('\n')
    .slice(1)
    .some((l) => l.startsWith('vm ') || l.startsWith('port '));

interface Rule {
  entry: LegendEntry & { swatch: Swatch };
  drawn: (d: GraphNodeData, marked: boolean) => boolean;
}

const NODE_RULES: Rule[] = [
  {
    entry: {
      id: 'host',
      label: 'host',
      swatch: node('box', NODE_COLORS.hostBorder, { fill: NODE_COLORS.hostFill }),
    },
    drawn: (d) => d.kind === 'host',
  },
  {
    entry: {
      id: 'bridge',
      label: 'OVS bridge: holds its ports',
      swatch: node('box', NODE_COLORS.bridgeBorder, { fill: NODE_COLORS.bridgeFill }),
    },
    drawn: (d) => d.kind === 'bridge',
  },
  {
    entry: {
      id: 'port',
      label: 'port: border in its access VLAN colour',
      swatch: node('box', NO_VLAN_COLOR),
    },
    drawn: (d) => d.kind === 'port',
  },
  {
    entry: {
      id: 'internal',
      label: 'internal port (darker fill)',
      swatch: node('box', NO_VLAN_COLOR, { fill: NODE_COLORS.internalFill }),
    },
    drawn: (d) => d.kind === 'port' && d.type === 'internal',
  },
  {
    entry: { id: 'patch-port', label: 'patch port', swatch: node('cut', NO_VLAN_COLOR) },
    drawn: (d) => d.kind === 'port' && d.type === 'patch',
  },
  {
    entry: {
      id: 'tunnel-port',
      label: 'tunnel port (vxlan, geneve, gre…)',
      swatch: node('hexagon', NO_VLAN_COLOR),
    },
    drawn: (d) => d.kind === 'port' && TUNNEL_INTERFACE_TYPES.includes(d.type ?? ''),
  },
  {
    entry: { id: 'bond', label: 'bond: holds its member interfaces', swatch: node('box', NO_VLAN_COLOR) },
    drawn: (d) => d.kind === 'iface' || (d.kind === 'port' && d.type === 'bond'),
  },
  {
    entry: {
      id: 'vm',
      label: 'VM tap: a “vm NAME” line (“vm UUID…” or “port ID…” when only OVS knows it)',
      swatch: node('box', NO_VLAN_COLOR),
    },
    drawn: (d) => (d.kind === 'port' || d.kind === 'link') && namesVm(d),
  },
  {
    entry: {
      id: 'namespace',
      label: 'network namespace: holds its devices',
      swatch: node('box', NODE_COLORS.namespaceBorder, { fill: NODE_COLORS.namespaceFill, style: 'dashed' }),
    },
    drawn: (d) => d.kind === 'namespace',
  },
  {
    entry: {
      id: 'link',
      label: 'kernel device (link)',
      swatch: node('ellipse', NO_VLAN_COLOR, { fill: NODE_COLORS.linkFill }),
    },
    drawn: (d) => d.kind === 'link',
  },
  {
    entry: { id: 'down', label: 'down', swatch: node('box', NO_VLAN_COLOR, { fill: NODE_COLORS.downFill }) },
    drawn: (d) => d.state === 'down',
  },
  {
    entry: {
      id: 'error',
      label: 'reports an error (the inspector says which)',
      swatch: node('box', NODE_COLORS.error, { width: 3 }),
    },
    drawn: (d) => d.error !== undefined && d.kind !== 'ghost',
  },
  {
    entry: {
      id: 'ghost-patch',
      label: 'ghost: a missing patch peer',
      swatch: node('box', NODE_COLORS.error, { style: 'dashed', hollow: true }),
    },
    drawn: (d, marked) => d.kind === 'ghost' && !marked,
  },
  {
    entry: {
      id: 'ghost-remote',
      label: 'ghost: a tunnel remote no host shown owns',
      swatch: node('box', EDGE_LOOKS.tunnel.color, { style: 'dashed', hollow: true }),
    },
    drawn: (d, marked) => d.kind === 'ghost' && marked,
  },
];

const BORDER_RULES: Rule[] = [
  {
    entry: {
      id: 'rewrite',
      label: 'double border: flows rewrite the VLAN entering here',
      swatch: node('box', NO_VLAN_COLOR, { style: 'double', width: 4 }),
    },
    drawn: (d) => d.rewrite !== undefined,
  },
  {
    entry: {
      id: 'collapsed',
      label: 'thick double border: collapsed (double-click opens)',
      swatch: node('box', NODE_COLORS.bridgeBorder, { style: 'double', width: 3 }),
    },
    drawn: (d) => d.collapsed === true,
  },
  {
    entry: {
      id: 'unread',
      label: 'dotted grey border: read in part, what is inside may be missing (the inspector says what)',
      swatch: node('box', NODE_COLORS.unread, { style: 'dotted', width: 3 }),
    },
    drawn: (d) => d.unread !== undefined,
  },
];

const EDGE_LABELS: Record<EdgeKind, string> = {
  patch: 'patch pair',
  veth: 'veth pair',
  backs: 'OVS port ↔ its device in a namespace',
  master: 'member of a Linux bridge or bond',
  tunnel: 'tunnel between hosts shown',
  dangling: 'broken patch: peer missing or not pointing back',
};

const MARK_ENTRIES = {
  added: { id: 'added', label: 'added', swatch: node('box', PENDING_COLORS.added, { width: 4 }) },
  removed: {
    id: 'removed',
    label: 'removed (drawn where it was)',
    swatch: node('box', PENDING_COLORS.removed, { width: 4, style: 'dashed' }),
  },
  changed: { id: 'changed', label: 'changed', swatch: node('box', PENDING_COLORS.changed, { width: 4 }) },
  'finding-error': {
    id: 'finding-error',
    label: 'lint error',
    swatch: node('box', NO_VLAN_COLOR, { glow: FINDING_COLORS.error }),
  },
  'finding-warning': {
    id: 'finding-warning',
    label: 'lint warning',
    swatch: node('box', NO_VLAN_COLOR, { glow: FINDING_COLORS.warning }),
  },
  'finding-info': {
    id: 'finding-info',
    label: 'lint info',
    swatch: node('box', NO_VLAN_COLOR, { glow: FINDING_COLORS.info }),
  },
  traced: { id: 'traced', label: 'packet trace path', swatch: node('box', TRACE_COLOR, { width: 4 }) },
  'trace-drop': {
    id: 'trace-drop',
    label: 'where the traced packet was dropped',
    swatch: node('box', FINDING_COLORS.error, { width: 4, style: 'dashed' }),
  },
} satisfies Record<string, LegendEntry>;

/**
 * What the legend explains for these elements (as drawn: after collapsing): each kind of node,
 * border, line, VLAN colour and mark that occurs in them, in the stylesheet's colours, so it only
 * ever names what is on the page. `marks`: the view's extra classes by element id (lint findings, a
 * trace). Search hits, a refresh's changes and the selection come and go: always listed.
 */
export function graphLegend(elements: GraphElement[], marks?: ReadonlyMap<string, string>): LegendSection[] {
  const seen = new Set<string>();
  const tags = new Set<number>();
  const edgeKinds = new Set<EdgeKind>();
  let remoteEdge = false;
  const pending = new Set<string>();
  for (const el of elements) {
    if (el.group === 'nodes') {
      const d = el.data as GraphNodeData;
      const marked = hasClass(el, UNKNOWN_REMOTE_CLASS);
      for (const r of [...NODE_RULES, ...BORDER_RULES]) if (r.drawn(d, marked)) seen.add(r.entry.id);
      if (d.tag !== undefined && d.kind !== 'host') tags.add(d.tag);
      if (d.pending) pending.add(d.pending);
    } else {
      const d = el.data as GraphEdgeData;
      if (hasClass(el, UNKNOWN_REMOTE_CLASS)) remoteEdge = true;
      else edgeKinds.add(d.kind);
      if (d.pending) pending.add(d.pending);
    }
  }
  const markClasses = new Set([...(marks?.values() ?? [])].flatMap((m) => m.split(' ')));
  const vlans = [...tags].sort((a, b) => a - b);

  const sections: LegendSection[] = [
    {
      id: 'nodes',
      title: 'Nodes',
      entries: NODE_RULES.filter((r) => seen.has(r.entry.id)).map((r) => r.entry),
    },
    {
      id: 'borders',
      title: 'Borders',
      entries: BORDER_RULES.filter((r) => seen.has(r.entry.id)).map((r) => r.entry),
    },
    {
      id: 'edges',
      title: 'Lines',
      entries: [
        ...(Object.keys(EDGE_LOOKS) as EdgeKind[])
          .filter((k) => edgeKinds.has(k))
          .map((k) => ({
            id: `edge-${k}`,
            label: EDGE_LABELS[k],
            swatch: { type: 'edge' as const, ...EDGE_LOOKS[k] },
          })),
        ...(remoteEdge
          ? [
              {
                id: 'edge-unknown-remote',
                label: 'tunnel to a remote not shown',
                swatch: { type: 'edge' as const, ...UNKNOWN_REMOTE_EDGE },
              },
            ]
          : []),
      ],
    },
    {
      id: 'vlans',
      title: 'VLAN colours (access VLAN)',
      entries: [
        ...vlans.slice(0, LEGEND_MAX_VLANS).map((v) => ({
          id: `vlan-${v}`,
          label: `VLAN ${v}`,
          swatch: node('box', vlanColor(v), { width: 3 }),
        })),
        ...(vlans.length > LEGEND_MAX_VLANS
          ? [{ id: 'vlan-more', label: `… and ${vlans.length - LEGEND_MAX_VLANS} more` }]
          : []),
      ],
    },
    {
      id: 'marks',
      title: 'Marks',
      entries: [
        ...(['added', 'removed', 'changed'] as const)
          .filter((p) => pending.has(p))
          .map((p) => MARK_ENTRIES[p]),
        ...(['finding-error', 'finding-warning', 'finding-info', 'traced', 'trace-drop'] as const)
          .filter((c) => markClasses.has(c))
          .map((c) => MARK_ENTRIES[c]),
        {
          id: 'hit',
          label: 'search hit; changed by the last refresh',
          swatch: node('box', HIT_COLOR, { width: 4 }),
        },
        { id: 'selected', label: 'selected', swatch: node('box', SELECTED_COLOR, { width: 4 }) },
      ],
    },
  ];
  return sections.filter((s) => s.entries.length > 0);
}

type Geometry =
  | { tag: 'rect'; x: number; y: number; w: number; h: number; r: number }
  | { tag: 'ellipse'; cx: number; cy: number; rx: number; ry: number }
  | { tag: 'polygon'; points: [number, number][] }
  | { tag: 'line'; x1: number; y1: number; x2: number; y2: number };

/** One drawing primitive of a swatch: what the legend (SVG) and the PNG export (canvas) both draw. */
export type SwatchShape = Geometry & {
  fill: string;
  stroke: string;
  strokeWidth: number;
  /** Dash and gap lengths; empty for a solid line. */
  dash: number[];
  opacity: number;
};

const DASHES: Record<LineStyle, number[]> = { solid: [], dashed: [6, 3], dotted: [2, 3] };

/** The outline of a node shape filling the box (x, y, w, h). */
function outline(
  shape: 'box' | 'ellipse' | 'hexagon' | 'cut',
  x: number,
  y: number,
  w: number,
  h: number,
): Geometry {
  if (shape === 'ellipse') return { tag: 'ellipse', cx: x + w / 2, cy: y + h / 2, rx: w / 2, ry: h / 2 };
  if (shape === 'box') return { tag: 'rect', x, y, w, h, r: Math.min(3, h / 4) };
  if (shape === 'hexagon') {
    const c = h / 2;
    return {
      tag: 'polygon',
      points: [
        [x + c, y],
        [x + w - c, y],
        [x + w, y + h / 2],
        [x + w - c, y + h],
        [x + c, y + h],
        [x, y + h / 2],
      ],
    };
  }
  const c = Math.min(4, h / 3);
  return {
    tag: 'polygon',
    points: [
      [x + c, y],
      [x + w - c, y],
      [x + w, y + c],
      [x + w, y + h - c],
      [x + w - c, y + h],
      [x + c, y + h],
      [x, y + h - c],
      [x, y + c],
    ],
  };
}

/** A swatch as primitives filling the box (x, y, w, h), in drawing order. */
export function swatchShapes(swatch: Swatch, x: number, y: number, w: number, h: number): SwatchShape[] {
  if (swatch.type === 'edge') {
    const mid = y + h / 2;
    return [
      {
        tag: 'line',
        x1: x,
        y1: mid,
        x2: x + w,
        y2: mid,
        fill: 'none',
        stroke: swatch.color,
        strokeWidth: swatch.width,
        dash: DASHES[swatch.line],
        opacity: 1,
      },
    ];
  }
  const { shape, border, width, style } = swatch;
  // Room for a glow around the node, as the underlay pads the element on the canvas.
  const m = swatch.glow ? 3 : 1;
  const out: SwatchShape[] = [];
  if (swatch.glow)
    out.push({
      ...outline('box', x, y, w, h),
      fill: swatch.glow,
      stroke: 'none',
      strokeWidth: 0,
      dash: [],
      opacity: 0.5,
    });
  const paint = (inset: number, strokeWidth: number, fill: string): SwatchShape => ({
    ...outline(shape, x + inset, y + inset, w - 2 * inset, h - 2 * inset),
    fill,
    stroke: border,
    strokeWidth,
    dash: style === 'dashed' ? [4, 2] : style === 'dotted' ? [1, 2] : [],
    opacity: 1,
  });
  const fill = swatch.hollow ? 'none' : swatch.fill;
  if (style === 'double') {
    // Two lines with a gap between them, a third of the border's width each, as Cytoscape draws it.
    const line = Math.max(1, width / 3);
    out.push(paint(m + line / 2, line, fill), paint(m + width - line / 2, line, 'none'));
  } else out.push(paint(m + width / 2, width, fill));
  return out;
}
