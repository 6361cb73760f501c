import type { StylesheetStyle } from 'cytoscape';
import { TUNNEL_INTERFACE_TYPES } from '../model/constants';
import type { EdgeKind } from './types';

/** Below this zoom node labels (10 px) would be under 7 px on screen: the canvas drops them. */
export const LABEL_MIN_ZOOM = 0.7;

/**
 * Sizes (graph units) the stylesheet gives leaves; the layout sizes nodes from the same numbers
 * without asking Cytoscape (node-sizes.ts), so they live here once.
 */
export const NODE_BOX = {
  leaf: { width: 116, height: 36 },
  /** A collapsed container (a leaf with the container's padding). */
  collapsed: { width: 190, height: 64 },
  /** A port whose flows rewrite VLANs: room for the "VLAN 1 → untagged" line(s). */
  rewrite: { width: 140, height: 50 },
  /** Labels of 3 to `tallMaxLines` lines: a line of 10 px text is ~12.5 units. */
  tallHeight: (lines: number) => 24 + 14 * lines,
  tallMaxLines: 6,
  containerPadding: 14,
} as const;

/** Border widths, in the order their rules come (a later rule wins). */
export const NODE_BORDER = { node: 2, collapsed: 3, rewrite: 4, error: 3, unread: 3 } as const;

/** Label text of the labelled stylesheet (textRules). Cytoscape's default family, said outright. */
export const LABEL_TEXT = {
  family: 'Helvetica Neue, Helvetica, sans-serif',
  size: 10,
  titleSize: 12,
  hostTitleSize: 14,
  maxWidth: 108,
  collapsedMaxWidth: 180,
  rewriteMaxWidth: 132,
} as const;

/** Above this many elements the style drops what costs frames (bezier edges, edge labels). */
export const LARGE_GRAPH = 1500;

type Rule = StylesheetStyle;

/**
 * Classes a view marks elements with (the canvas's `marks`): lint findings by worst severity, and
 * the path of a packet trace (`traced`, where it ends: `trace-out`, `trace-drop`).
 */
export const MARK_CLASSES = [
  'finding-error',
  'finding-warning',
  'finding-info',
  'traced',
  'trace-out',
  'trace-drop',
] as const;
export type MarkClass = (typeof MARK_CLASSES)[number];

export const FINDING_COLORS = { error: '#ff4d4d', warning: '#f59e0b', info: '#60a5fa' } as const;
export const TRACE_COLOR = '#c084fc';

/**
 * A tunnel whose remote no host shown owns (to-elements.ts): the class of its ghost node and of
 * the edge to it, which a comparison's or a refresh's patching keeps (classes are not data).
 */
export const UNKNOWN_REMOTE_CLASS = 'unknown-remote';

/**
 * A node a refresh brought, until the layout has placed it (the canvas): not drawn, nor its
 * edges, rather than piled at the origin over what is drawn there.
 */
export const UNPLACED_CLASS = 'unplaced';

// The colours and lines below are what the stylesheet draws with; the legend (legend.ts) and the
// image exports draw their samples from the same constants, so the key cannot drift from the graph.

/** Behind the graph, and behind exported images. */
export const CANVAS_COLOR = '#0f1419';
/** Label text. */
export const TEXT_COLOR = '#d7dde3';
export const NODE_COLORS = {
  fill: '#1b2128',
  hostFill: '#11161c',
  hostBorder: '#3b4652',
  bridgeFill: '#12233a',
  bridgeBorder: '#4fa3ff',
  namespaceFill: '#11261b',
  namespaceBorder: '#4cc38a',
  linkFill: '#252417',
  internalFill: '#202832',
  downFill: '#2a2f36',
  error: '#ff6b6b',
  /** A host or namespace read in part: a grey dotted border, neither fault nor finding. */
  unread: '#b0b8c1',
} as const;

export type LineStyle = 'solid' | 'dashed' | 'dotted';
/** Each kind of edge as drawn with labels on a graph below LARGE_GRAPH. */
export const EDGE_LOOKS: Record<EdgeKind, { color: string; width: number; line: LineStyle }> = {
  patch: { color: '#4fa3ff', width: 3, line: 'solid' },
  veth: { color: '#d4a24c', width: 2, line: 'solid' },
  backs: { color: '#8a96a3', width: 2, line: 'dotted' },
  master: { color: '#4cc38a', width: 2, line: 'solid' },
  tunnel: { color: '#b18cff', width: 3, line: 'dashed' },
  dangling: { color: '#ff6b6b', width: 2, line: 'dashed' },
};
/**
 * A tunnel to a remote not shown: the tunnel's violet, thinner and dotted, so it does not read as
 * a tunnel between two hosts on the page. Such edges are few: the dots cost nothing measurable.
 */
export const UNKNOWN_REMOTE_EDGE = { color: EDGE_LOOKS.tunnel.color, width: 2, line: 'dotted' } as const;

/** Search hits and what a refresh found changed. */
export const HIT_COLOR = '#f5c542';
export const SELECTED_COLOR = '#38bdf8';
/** The editor's and a comparison's overlay (overlay.ts). */
export const PENDING_COLORS = { added: '#4cc38a', removed: '#ff6b6b', changed: '#f59e0b' } as const;

/**
 * The Cytoscape stylesheet. Only data()/mapData() mappings and classes — no style functions — so
 * Cytoscape can cache styles per element. Classes the canvas toggles: `dimmed` (VLAN filter),
 * `hit` (search), `changed` (refresh highlight), `focus` (selection neighbourhood).
 *
 * Shapes and text are separate rules, the text ones last (no property is in both, so the cascade
 * is the same as one rule each). Without labels the text rules are left out altogether:
 * Cytoscape applies every property of every matching rule to each element (measured at 5,000
 * nodes: the first style pass 330 → 180 ms without them).
 */
export function graphStyle(opts: { large?: boolean; labels?: boolean } = {}): StylesheetStyle[] {
  const large = opts.large === true;
  const labels = opts.labels !== false;
  return [...shapeRules(large, labels), ...(labels ? textRules(large) : large ? [] : titleRules())];
}

/**
 * Title sizes zoomed out (titleRules): the layout reserves a line of this size above each
 * container's children (components/graph/layout.ts), so the bigger titles land on nothing.
 */
export const ZOOMED_OUT_TITLE_FONT = { container: 20, host: 26 } as const;

/**
 * Node data the canvas sets after a layout, not the graph: how wide (graph units) a container's
 * title may be drawn without reaching its neighbours.
 */
export const TITLE_ROOM = 'titleRoom';

/**
 * Edge data the canvas sets after an ELK run: the route ELK chose around the boxes, as
 * Cytoscape segment weights and distances (components/graph/edge-routes.ts).
 */
export const ROUTE_WEIGHTS = 'routeW';
export const ROUTE_DISTANCES = 'routeD';

/** Data the canvas sets on elements (not the graph's): a refresh's patching keeps it. */
export const CANVAS_DATA = [TITLE_ROOM, ROUTE_WEIGHTS, ROUTE_DISTANCES] as const;

/**
 * Zoomed out on a small graph (a multi-host view fitted to the window): port labels would be a
 * few pixels high, but the containers' names — hosts, bridges, namespaces — still say what is where.
 * A title longer than the room the layout gave it ends in an ellipsis (the full name shows
 * zoomed in).
 */
function titleRules(): Rule[] {
  return [
    {
      selector: ':parent, node[?collapsed]',
      style: {
        label: 'data(label)',
        'text-wrap': 'wrap',
        'text-valign': 'top',
        'text-halign': 'center',
        'font-size': ZOOMED_OUT_TITLE_FONT.container,
        'font-weight': 'bold',
        'min-zoomed-font-size': 8,
        color: TEXT_COLOR,
        'text-events': 'yes',
      },
    },
    { selector: 'node[kind = "host"]', style: { 'font-size': ZOOMED_OUT_TITLE_FONT.host } },
    {
      selector: `:parent[${TITLE_ROOM}]`,
      style: { 'text-wrap': 'ellipsis', 'text-max-width': `data(${TITLE_ROOM})` },
    },
  ] as Rule[];
}

function shapeRules(large: boolean, labels: boolean): Rule[] {
  return [
    {
      selector: 'node',
      style: {
        'border-width': NODE_BORDER.node,
        'border-color': 'data(color)',
        'background-color': NODE_COLORS.fill,
        shape: 'round-rectangle',
      },
    },
    // Sizes only on leaves: a width on a compound node fights its computed size and re-dirties
    // the compound bounds on every frame.
    { selector: 'node:childless', style: { ...NODE_BOX.leaf } },
    {
      selector: ':parent, node[?collapsed]',
      style: { padding: `${NODE_BOX.containerPadding}px`, 'background-opacity': 0.6 },
    },
    {
      selector: 'node[kind = "host"]',
      style: { 'background-color': NODE_COLORS.hostFill, 'border-color': NODE_COLORS.hostBorder },
    },
    {
      selector: 'node[kind = "bridge"]',
      style: { 'background-color': NODE_COLORS.bridgeFill, 'border-color': NODE_COLORS.bridgeBorder },
    },
    {
      selector: 'node[kind = "namespace"]',
      style: {
        'background-color': NODE_COLORS.namespaceFill,
        'border-color': NODE_COLORS.namespaceBorder,
        'border-style': labels ? 'dashed' : 'solid',
      },
    },
    {
      selector: 'node[kind = "link"]',
      style: { shape: 'ellipse', 'background-color': NODE_COLORS.linkFill },
    },
    { selector: 'node[kind = "port"][type = "patch"]', style: { shape: 'cut-rectangle' } },
    {
      selector: 'node[kind = "port"][type = "internal"]',
      style: { 'background-color': NODE_COLORS.internalFill },
    },
    // Every tunnel type, not only the common three: an erspan or stt port is a tunnel end too.
    {
      selector: TUNNEL_INTERFACE_TYPES.map((t) => `node[kind = "port"][type = "${t}"]`).join(', '),
      style: { shape: 'hexagon' },
    },
    {
      selector: 'node[?collapsed]',
      style: { 'border-width': NODE_BORDER.collapsed, 'border-style': 'double', ...NODE_BOX.collapsed },
    },
    { selector: 'node[kind = "ghost"]', style: { 'border-style': 'dashed', 'background-opacity': 0.3 } },
    // A port whose flows strip, push or rewrite the VLAN of traffic entering it: a double border
    // and room for the "VLAN 1 → untagged" line(s) of its label.
    { selector: 'node[rewrite]', style: { 'border-style': 'double', 'border-width': NODE_BORDER.rewrite } },
    { selector: 'node[rewrite]:childless', style: { ...NODE_BOX.rewrite } },
    // Labels of more than two lines (address, default route, VM, VLANs, rewrites); an ellipse's
    // text needs a little more room than a box's.
    ...Array.from({ length: NODE_BOX.tallMaxLines - 2 }, (_, i) => i + 3).map((n) => ({
      selector: `node[lines >= ${n}][!collapsed]:childless`,
      style: { height: NODE_BOX.tallHeight(n) },
    })),
    {
      selector: 'node[error]',
      style: { 'border-color': NODE_COLORS.error, 'border-width': NODE_BORDER.error },
    },
    {
      selector: 'node[unread]',
      style: {
        'border-color': NODE_COLORS.unread,
        'border-style': 'dotted',
        'border-width': NODE_BORDER.unread,
      },
    },
    ...(large
      ? [
          { selector: 'node', style: { 'z-index': 100 } },
          // Containers are plain boxes here (flatten.ts): sized by the grid, drawn beneath by depth.
          {
            selector: 'node[boxW]',
            style: { width: 'data(boxW)', height: 'data(boxH)', 'z-index': 0, 'background-opacity': 0.6 },
          },
          { selector: 'node[depth > 0]', style: { 'z-index': 1 } },
          { selector: 'node[depth > 1]', style: { 'z-index': 2 } },
        ]
      : []),
    { selector: 'node[state = "down"]', style: { 'background-color': NODE_COLORS.downFill } },
    { selector: `node.${UNPLACED_CLASS}`, style: { display: 'none' } },
    {
      selector: 'edge',
      style: {
        width: 2,
        'line-color': '#8a96a3',
        'curve-style': large ? 'haystack' : 'bezier',
        'haystack-radius': 0,
        // Between the container boxes and the nodes of big graphs (style above).
        ...(large ? { 'z-index': 50 } : {}),
      },
    },
    // Routed edges (small graphs laid out by ELK): straight segments around the boxes.
    ...(large
      ? []
      : [
          {
            selector: `edge[${ROUTE_WEIGHTS}]`,
            style: {
              'curve-style': 'segments' as const,
              'segment-weights': `data(${ROUTE_WEIGHTS})`,
              'segment-distances': `data(${ROUTE_DISTANCES})`,
              'edge-distances': 'node-position' as const,
            },
          },
        ]),
    // A dotted line costs one dash per 2 graph units whatever the zoom: a big graph's long dotted
    // edges took 550 ms of the first draw at 5,000 nodes and 340 ms of every pan frame at zoom 1.
    // Port-to-link edges are solid on big graphs and zoomed out (with the namespaces' dashed
    // borders: 500 nodes, frames before the texture layers exist 35 → 17 ms); their grey, which no
    // other edge kind has, still tells them apart.
    ...(Object.entries(EDGE_LOOKS) as [EdgeKind, (typeof EDGE_LOOKS)[EdgeKind]][]).map(([kind, look]) => ({
      selector: `edge[kind = "${kind}"]`,
      style: {
        'line-color': look.color,
        width: look.width,
        'line-style': kind === 'backs' && (large || !labels) ? 'solid' : look.line,
      },
    })),
    {
      selector: `edge.${UNKNOWN_REMOTE_CLASS}`,
      style: {
        'line-color': UNKNOWN_REMOTE_EDGE.color,
        width: UNKNOWN_REMOTE_EDGE.width,
        'line-style': UNKNOWN_REMOTE_EDGE.line,
      },
    },
    { selector: 'edge[error]', style: { 'line-color': EDGE_LOOKS.dangling.color, 'line-style': 'dashed' } },
    { selector: 'edge[count > 1]', style: { width: 'mapData(count, 1, 50, 2, 8)' } },
    { selector: '.dimmed', style: { opacity: 0.15 } },
    { selector: '.hit', style: { 'border-color': HIT_COLOR, 'border-width': 5, 'z-index': 10 } },
    // Lint findings: a glow under the element in the colour of its worst finding.
    ...(['error', 'warning', 'info'] as const).map((s) => ({
      selector: `node.finding-${s}`,
      style: { 'underlay-color': FINDING_COLORS[s], 'underlay-opacity': 0.5, 'underlay-padding': 7 },
    })),
    // A packet trace: the ports, bridges and edges it crossed, where it left and where it died.
    { selector: 'node.traced', style: { 'border-color': TRACE_COLOR, 'border-width': 5, 'z-index': 15 } },
    { selector: 'edge.traced', style: { 'line-color': TRACE_COLOR, width: 6, 'z-index': 15 } },
    { selector: 'node.trace-out', style: { 'background-color': '#3b2a55' } },
    {
      selector: 'node.trace-drop',
      style: { 'border-color': FINDING_COLORS.error, 'border-style': 'dashed', 'border-width': 5 },
    },
    // Pending edits (overlay.ts): added green, removed red and dashed where it was, changed amber.
    {
      selector: 'node[pending = "added"]',
      style: { 'border-color': PENDING_COLORS.added, 'border-width': 4 },
    },
    { selector: 'edge[pending = "added"]', style: { 'line-color': PENDING_COLORS.added, width: 4 } },
    {
      selector: 'node[pending = "removed"]',
      style: {
        'border-color': PENDING_COLORS.removed,
        'border-width': 4,
        'border-style': 'dashed',
        opacity: 0.6,
      },
    },
    {
      selector: 'edge[pending = "removed"]',
      style: { 'line-color': PENDING_COLORS.removed, 'line-style': 'dashed', opacity: 0.6 },
    },
    {
      selector: 'node[pending = "changed"]',
      style: { 'border-color': PENDING_COLORS.changed, 'border-width': 4 },
    },
    { selector: 'edge.changed', style: { 'line-color': HIT_COLOR, width: 5 } },
    {
      selector: 'node.changed',
      style: { 'background-color': '#3d3415', 'border-color': HIT_COLOR, 'border-width': 5 },
    },
    {
      selector: 'node:selected',
      style: { 'border-color': SELECTED_COLOR, 'border-width': 5, 'overlay-opacity': 0 },
    },
    { selector: 'edge:selected', style: { 'line-color': SELECTED_COLOR, width: 5 } },
  ];
}

function textRules(large: boolean): Rule[] {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'text-wrap': 'wrap',
        'text-valign': 'center',
        'text-halign': 'center',
        'font-family': LABEL_TEXT.family,
        'font-size': LABEL_TEXT.size,
        'min-zoomed-font-size': 7,
        'text-max-width': `${LABEL_TEXT.maxWidth}px`,
        color: TEXT_COLOR,
      },
    },
    {
      selector: ':parent, node[?collapsed]',
      // text-events: a click on a box's title selects the box (not the host or an edge behind it).
      style: {
        'text-valign': 'top',
        'text-halign': 'center',
        'font-weight': 'bold',
        'font-size': LABEL_TEXT.titleSize,
        'text-events': 'yes',
      },
    },
    { selector: 'node[kind = "host"]', style: { 'font-size': LABEL_TEXT.hostTitleSize } },
    {
      selector: 'node[?collapsed]',
      style: { 'text-valign': 'center', 'text-max-width': `${LABEL_TEXT.collapsedMaxWidth}px` },
    },
    { selector: 'node[rewrite]', style: { 'text-max-width': `${LABEL_TEXT.rewriteMaxWidth}px` } },
    { selector: 'node[kind = "ghost"]', style: { color: '#ffb4b4' } },
    // An unknown remote is not a fault (a missing patch peer is): plain label text.
    { selector: `node.${UNKNOWN_REMOTE_CLASS}`, style: { color: TEXT_COLOR } },
    { selector: 'node[error]', style: { color: '#ffb4b4' } },
    ...(large
      ? [
          // Big graphs: one-line labels keep the first draw cheap.
          { selector: 'node', style: { 'text-wrap': 'none', 'min-zoomed-font-size': 9 } },
          {
            selector: 'node[boxW]',
            style: { 'text-valign': 'top', 'text-margin-y': 24, 'font-weight': 'bold', 'font-size': 12 },
          },
        ]
      : [
          // Edge labels cost frames on big graphs; only edges that have one get the mapping.
          {
            selector: 'edge[label]',
            style: {
              label: 'data(label)',
              'font-size': 8,
              color: '#8a96a3',
              'text-rotation': 'autorotate',
              'min-zoomed-font-size': 8,
            },
          },
        ]),
    { selector: 'node[state = "down"]', style: { 'text-opacity': 0.6 } },
  ] as Rule[];
}
