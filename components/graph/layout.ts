import type { LayoutOptions, NodeSingular } from 'cytoscape';
import {
  type GraphElement,
  gridPositions,
  isNode,
  type Positions,
  ZOOMED_OUT_TITLE_FONT,
} from '@/server/core/graph';

/** ELK layered is worth its cost up to this many leaf nodes; above it the linear grid is used. */
export const ELK_MAX_NODES = 400;
/**
 * Above this many collapsed containers the grid is used too: ELK puts siblings of one layer in one
 * column, so a host opened collapsed (hundreds of namespaces) became a strip too thin to read.
 */
export const ELK_MAX_COLLAPSED = 40;

/**
 * The layout's outer padding. ELK's edge routes (root coordinates) leave it out, the node
 * positions elk-layout.ts computes include it: edge-routes.ts shifts routes by it.
 */
export const ELK_ROOT_PADDING = { top: 30, left: 14 } as const;

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

/**
 * The width ELK gave each container in its last run (elk-layout.ts keeps ELK's node in the
 * element's scratch): the room its title has (style.ts TITLE_ROOM), the box less its border.
 * Only one-line titles: Cytoscape's ellipsis draws a title's lines as one (a bond's "bond0 /
 * trunk 10,20,30" spilled both ways); the lines under a name are short.
 */
export const titleRooms = (containers: NodeSingular[]): [NodeSingular, number][] =>
  containers.flatMap((n) => {
    const width = (n.scratch('elk') as { width?: number } | undefined)?.width;
    const oneLine = !String(n.data('label') ?? '').includes('\n');
    return width && oneLine ? [[n, Math.floor(width) - 4] as [NodeSingular, number]] : [];
  });

/** A container's title box as Cytoscape measured it (zero when it has none). */
const titleOf = (node: NodeSingular) =>
  node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });

/**
 * ELK layered, left to right: bridges, their ports, then the namespaces those ports lead into.
 * Deterministic (ELK has no randomness), so a re-layout of the same graph gives the same picture.
 * No fit here: the canvas fits once after saved positions are applied.
 */
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

/** The ELK layout of the canvas (elk-layout.ts); deterministic like ELK_OPTIONS. */
export const ELK_LAYOUT: LayoutOptions = {
  name: 'elk',
  fit: false,
  animate: false,
  nodeDimensionsIncludeLabels: true,
  elk: ELK_OPTIONS,
  nodeLayoutOptions: (node: NodeSingular) =>
    node.isParent()
      ? containerLayoutOptions(
          titleOf(node),
          node.data('kind') === 'host' ? ZOOMED_OUT_TITLE_FONT.host : ZOOMED_OUT_TITLE_FONT.container,
        )
      : {},
} as LayoutOptions;

/** Ids of the nodes that contain no other node. */
function leafIds(elements: GraphElement[]): string[] {
  const parents = new Set<string>();
  for (const el of elements) if (isNode(el) && el.data.parent) parents.add(el.data.parent);
  return elements.filter((el) => isNode(el) && !parents.has(el.data.id)).map((el) => el.data.id);
}

/**
 * Whether the graph is small enough for ELK (unless every node has a saved position). Graphs on
 * the grid do not need label sizes for their layout.
 */
export const fitsElk = (elements: GraphElement[], preset: Positions | null): boolean =>
  preset === null &&
  leafIds(elements).length <= ELK_MAX_NODES &&
  elements.filter((el) => isNode(el) && el.data.collapsed).length <= ELK_MAX_COLLAPSED;

/**
 * The layout to run: the precomputed positions of a flattened big graph (flatten.ts), saved
 * positions when every leaf has one, the grid for huge graphs, ELK otherwise. Positions the user
 * dragged are applied on top after the layout stops.
 */
export function chooseLayout(
  elements: GraphElement[],
  saved: Positions,
  preset: Positions | null,
): LayoutOptions {
  if (preset) return presetLayout({ ...preset, ...saved });
  const leaves = leafIds(elements);
  if (leaves.length > 0 && leaves.every((id) => saved[id] !== undefined)) return presetLayout(saved);
  const collapsed = elements.filter((el) => isNode(el) && el.data.collapsed).length;
  if (leaves.length > ELK_MAX_NODES || collapsed > ELK_MAX_COLLAPSED)
    return gridLayoutOptions(elements, saved);
  return ELK_LAYOUT;
}

/** The grid layout (also the fallback when ELK cannot be loaded). */
export const gridLayoutOptions = (elements: GraphElement[], saved: Positions): LayoutOptions =>
  presetLayout({ ...gridPositions(elements), ...saved });

function presetLayout(positions: Positions): LayoutOptions {
  return {
    name: 'preset',
    fit: false,
    animate: false,
    positions: (node: { id: () => string }) => positions[node.id()] ?? { x: 0, y: 0 },
  } as LayoutOptions;
}
