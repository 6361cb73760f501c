/**
 * ELK's options for the canvas, shared by the browser's worker and the server's layout thread so
 * that both give the same picture for the same request (layered, left to right: bridges, their
 * ports, then the namespaces those ports lead into; deterministic, ELK has no randomness).
 */

/** The layout's outer padding. ELK's edge routes (root coordinates) leave it out. */
export const ELK_ROOT_PADDING = { top: 30, left: 14 } as const;

/** ELK layered is worth its cost up to this many leaf nodes; above it the canvas uses the grid. */
export const ELK_MAX_NODES = 400;

/** The ELK build both sides run (package.json pins it): another build may answer differently. */
export const ELK_BUILD = 'elkjs-0.9.3';

export const ELK_OPTIONS: Record<string, string | number> = {
  algorithm: 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.layered.spacing.nodeNodeBetweenLayers': 40,
  'elk.spacing.nodeNode': 18,
  'elk.padding': `[top=${ELK_ROOT_PADDING.top},left=${ELK_ROOT_PADDING.left},bottom=14,right=14]`,
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  // Edges routed around the boxes (edge-routes.ts draws ELK's routes), in root coordinates
  // like the node positions the layout computes.
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.json.edgeCoords': 'ROOT',
};

/** The stylesheet's padding of a container box (style.ts), plus its border. */
const BOX_PADDING = 16;

/** Height of a one-line title at `font` px (Cytoscape draws labels with a line height of 1.2). */
const lineHeight = (font: number) => Math.ceil(font * 1.25);

/**
 * ELK options of one container whose title (drawn above its box by Cytoscape) measures `title`:
 * ELK knows nothing of titles and gives every container its default padding, so titles landed on
 * the boxes above them. The top padding makes room for the title between the children and
 * whatever ELK places above — as measured, or one line of the zoomed-out size (`zoomedOutFont`),
 * whichever is taller; the minimum width, centred content, keeps a title wider than the children
 * off its neighbours. (Zoomed out, a longer title is cut to the box's width: style.ts.)
 */
export function containerLayoutOptions(
  title: { w: number; h: number },
  zoomedOutFont: number,
): Record<string, string> {
  const top = BOX_PADDING + Math.max(Math.ceil(title.h), lineHeight(zoomedOutFont));
  return {
    'elk.padding': `[top=${top},left=${BOX_PADDING},bottom=${BOX_PADDING},right=${BOX_PADDING}]`,
    'elk.nodeSize.constraints': '[MINIMUM_SIZE]',
    'elk.nodeSize.minimum': `(${Math.ceil(title.w) + 2 * BOX_PADDING}, 0)`,
    'elk.contentAlignment': '[H_CENTER, V_TOP]',
  };
}
