import type { StylesheetStyle } from 'cytoscape';

/** Below this zoom node labels (10 px) would be under 7 px on screen: the canvas drops them. */
export const LABEL_MIN_ZOOM = 0.7;

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
 * Zoomed out on a small graph (a multi-host view fitted to the window): port labels would be a
 * few pixels high, but the containers' names — hosts, bridges, namespaces — still say what is where.
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
        'font-size': 20,
        'font-weight': 'bold',
        'min-zoomed-font-size': 8,
        color: '#d7dde3',
        'text-events': 'yes',
      },
    },
    { selector: 'node[kind = "host"]', style: { 'font-size': 26 } },
  ] as Rule[];
}

function shapeRules(large: boolean, labels: boolean): Rule[] {
  return [
    {
      selector: 'node',
      style: {
        'border-width': 2,
        'border-color': 'data(color)',
        'background-color': '#1b2128',
        shape: 'round-rectangle',
      },
    },
    // Sizes only on leaves: a width on a compound node fights its computed size and re-dirties
    // the compound bounds on every frame.
    { selector: 'node:childless', style: { width: 116, height: 36 } },
    { selector: ':parent, node[?collapsed]', style: { padding: '14px', 'background-opacity': 0.6 } },
    { selector: 'node[kind = "host"]', style: { 'background-color': '#11161c', 'border-color': '#3b4652' } },
    {
      selector: 'node[kind = "bridge"]',
      style: { 'background-color': '#12233a', 'border-color': '#4fa3ff' },
    },
    {
      selector: 'node[kind = "namespace"]',
      style: {
        'background-color': '#11261b',
        'border-color': '#4cc38a',
        'border-style': labels ? 'dashed' : 'solid',
      },
    },
    { selector: 'node[kind = "link"]', style: { shape: 'ellipse', 'background-color': '#252417' } },
    { selector: 'node[kind = "port"][type = "patch"]', style: { shape: 'cut-rectangle' } },
    { selector: 'node[kind = "port"][type = "internal"]', style: { 'background-color': '#202832' } },
    {
      selector:
        'node[kind = "port"][type = "vxlan"], node[kind = "port"][type = "gre"], node[kind = "port"][type = "geneve"]',
      style: { shape: 'hexagon' },
    },
    {
      selector: 'node[?collapsed]',
      style: { 'border-width': 3, 'border-style': 'double', width: 190, height: 64 },
    },
    { selector: 'node[kind = "ghost"]', style: { 'border-style': 'dashed', 'background-opacity': 0.3 } },
    // A port whose flows strip, push or rewrite the VLAN of traffic entering it: a double border
    // and room for the "VLAN 1 → untagged" line(s) of its label.
    { selector: 'node[rewrite]', style: { 'border-style': 'double', 'border-width': 4 } },
    { selector: 'node[rewrite]:childless', style: { width: 140, height: 50 } },
    { selector: 'node[error]', style: { 'border-color': '#ff6b6b', 'border-width': 3 } },
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
    { selector: 'node[state = "down"]', style: { 'background-color': '#2a2f36' } },
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
    { selector: 'edge[kind = "patch"]', style: { 'line-color': '#4fa3ff', width: 3 } },
    { selector: 'edge[kind = "veth"]', style: { 'line-color': '#d4a24c' } },
    // A dotted line costs one dash per 2 graph units whatever the zoom: a big graph's long dotted
    // edges took 550 ms of the first draw at 5,000 nodes and 340 ms of every pan frame at zoom 1.
    // They are solid on big graphs and zoomed out (with the namespaces' dashed borders: 500 nodes,
    // frames before the texture layers exist 35 → 17 ms); their grey, which no other edge kind
    // has, still tells them apart.
    {
      selector: 'edge[kind = "backs"]',
      style: { 'line-color': '#8a96a3', 'line-style': large || !labels ? 'solid' : 'dotted' },
    },
    { selector: 'edge[kind = "master"]', style: { 'line-color': '#4cc38a' } },
    {
      selector: 'edge[kind = "tunnel"]',
      style: { 'line-color': '#b18cff', width: 3, 'line-style': 'dashed' },
    },
    {
      selector: 'edge[kind = "dangling"], edge[error]',
      style: { 'line-color': '#ff6b6b', 'line-style': 'dashed' },
    },
    { selector: 'edge[count > 1]', style: { width: 'mapData(count, 1, 50, 2, 8)' } },
    { selector: '.dimmed', style: { opacity: 0.15 } },
    { selector: '.hit', style: { 'border-color': '#f5c542', 'border-width': 5, 'z-index': 10 } },
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
      style: { 'border-color': '#ff4d4d', 'border-style': 'dashed', 'border-width': 5 },
    },
    // Pending edits (overlay.ts): added green, removed red and dashed where it was, changed amber.
    { selector: 'node[pending = "added"]', style: { 'border-color': '#4cc38a', 'border-width': 4 } },
    { selector: 'edge[pending = "added"]', style: { 'line-color': '#4cc38a', width: 4 } },
    {
      selector: 'node[pending = "removed"]',
      style: { 'border-color': '#ff6b6b', 'border-width': 4, 'border-style': 'dashed', opacity: 0.6 },
    },
    {
      selector: 'edge[pending = "removed"]',
      style: { 'line-color': '#ff6b6b', 'line-style': 'dashed', opacity: 0.6 },
    },
    { selector: 'node[pending = "changed"]', style: { 'border-color': '#f59e0b', 'border-width': 4 } },
    { selector: 'edge.changed', style: { 'line-color': '#f5c542', width: 5 } },
    {
      selector: 'node.changed',
      style: { 'background-color': '#3d3415', 'border-color': '#f5c542', 'border-width': 5 },
    },
    {
      selector: 'node:selected',
      style: { 'border-color': '#38bdf8', 'border-width': 5, 'overlay-opacity': 0 },
    },
    { selector: 'edge:selected', style: { 'line-color': '#38bdf8', width: 5 } },
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
        'font-size': 10,
        'min-zoomed-font-size': 7,
        'text-max-width': '108px',
        color: '#d7dde3',
      },
    },
    {
      selector: ':parent, node[?collapsed]',
      // text-events: a click on a box's title selects the box (not the host or an edge behind it).
      style: {
        'text-valign': 'top',
        'text-halign': 'center',
        'font-weight': 'bold',
        'font-size': 12,
        'text-events': 'yes',
      },
    },
    { selector: 'node[kind = "host"]', style: { 'font-size': 14 } },
    { selector: 'node[?collapsed]', style: { 'text-valign': 'center', 'text-max-width': '180px' } },
    { selector: 'node[rewrite]', style: { 'text-max-width': '132px' } },
    { selector: 'node[kind = "ghost"]', style: { color: '#ffb4b4' } },
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
