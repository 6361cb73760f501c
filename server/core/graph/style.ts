import type { StylesheetStyle } from 'cytoscape';

/** Above this many elements the style drops what costs frames (bezier edges, edge labels). */
export const LARGE_GRAPH = 1500;

/**
 * The Cytoscape stylesheet. Only data()/mapData() mappings and classes — no style functions — so
 * Cytoscape can cache styles per element. Classes the canvas toggles: `dimmed` (VLAN filter),
 * `hit` (search), `changed` (refresh highlight), `focus` (selection neighbourhood).
 */
export function graphStyle(opts: { large?: boolean } = {}): StylesheetStyle[] {
  const large = opts.large === true;
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
        'border-width': 2,
        'border-color': 'data(color)',
        'background-color': '#ffffff',
        shape: 'round-rectangle',
        width: 'label',
        height: 'label',
        padding: '6px',
        color: '#111827',
      },
    },
    {
      selector: ':parent, node[?collapsed]',
      style: {
        'text-valign': 'top',
        'text-halign': 'center',
        'font-weight': 'bold',
        'font-size': 12,
        padding: '14px',
        'background-opacity': 0.6,
      },
    },
    {
      selector: 'node[kind = "host"]',
      style: { 'background-color': '#f8fafc', 'border-color': '#334155', 'font-size': 14 },
    },
    {
      selector: 'node[kind = "bridge"]',
      style: { 'background-color': '#eff6ff', 'border-color': '#2563eb' },
    },
    {
      selector: 'node[kind = "namespace"]',
      style: { 'background-color': '#f0fdf4', 'border-color': '#16a34a', 'border-style': 'dashed' },
    },
    { selector: 'node[kind = "link"]', style: { shape: 'ellipse', 'background-color': '#fefce8' } },
    { selector: 'node[kind = "port"][type = "patch"]', style: { shape: 'cut-rectangle' } },
    { selector: 'node[kind = "port"][type = "internal"]', style: { 'background-color': '#f1f5f9' } },
    {
      selector:
        'node[kind = "port"][type = "vxlan"], node[kind = "port"][type = "gre"], node[kind = "port"][type = "geneve"]',
      style: { shape: 'hexagon' },
    },
    {
      selector: 'node[?collapsed]',
      style: {
        'text-valign': 'center',
        'border-width': 3,
        'border-style': 'double',
        width: 'label',
        height: 'label',
      },
    },
    {
      selector: 'node[kind = "ghost"]',
      style: { 'border-style': 'dashed', color: '#b91c1c', 'background-opacity': 0.3 },
    },
    { selector: 'node[error]', style: { 'border-color': '#dc2626', 'border-width': 3, color: '#991b1b' } },
    { selector: 'node[state = "down"]', style: { 'background-color': '#e5e7eb', 'text-opacity': 0.7 } },
    {
      selector: 'edge',
      style: {
        width: 2,
        'line-color': '#64748b',
        'curve-style': large ? 'haystack' : 'bezier',
        'haystack-radius': 0,
        ...(large
          ? {}
          : {
              label: 'data(label)',
              'font-size': 8,
              'text-rotation': 'autorotate',
              'min-zoomed-font-size': 8,
            }),
      },
    },
    { selector: 'edge[kind = "patch"]', style: { 'line-color': '#2563eb', width: 3 } },
    { selector: 'edge[kind = "veth"]', style: { 'line-color': '#a16207', 'line-style': 'solid' } },
    { selector: 'edge[kind = "backs"]', style: { 'line-color': '#94a3b8', 'line-style': 'dotted' } },
    { selector: 'edge[kind = "master"]', style: { 'line-color': '#16a34a' } },
    {
      selector: 'edge[kind = "tunnel"]',
      style: { 'line-color': '#7c3aed', width: 3, 'line-style': 'dashed' },
    },
    {
      selector: 'edge[kind = "dangling"], edge[error]',
      style: { 'line-color': '#dc2626', 'line-style': 'dashed' },
    },
    { selector: 'edge[count > 1]', style: { width: 'mapData(count, 1, 50, 2, 8)' } },
    { selector: '.dimmed', style: { opacity: 0.15 } },
    { selector: '.hit', style: { 'border-color': '#f59e0b', 'border-width': 5, 'z-index': 10 } },
    { selector: 'edge.changed', style: { 'line-color': '#f59e0b', width: 5 } },
    {
      selector: 'node.changed',
      style: { 'background-color': '#fef3c7', 'border-color': '#f59e0b', 'border-width': 5 },
    },
    {
      selector: 'node:selected',
      style: { 'border-color': '#0ea5e9', 'border-width': 5, 'overlay-opacity': 0 },
    },
    { selector: 'edge:selected', style: { 'line-color': '#0ea5e9', width: 5 } },
  ];
}
