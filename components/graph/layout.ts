import type { LayoutOptions, NodeSingular } from 'cytoscape';
import {
  type GraphElement,
  gridPositions,
  isNode,
  type Positions,
  ZOOMED_OUT_TITLE_FONT,
} from '@/server/core/graph';
import { ELK_MAX_NODES } from '@/server/core/layout';

/**
 * Above this many collapsed containers the grid is used too: ELK puts siblings of one layer in one
 * column, so a host opened collapsed (hundreds of namespaces) became a strip too thin to read.
 */
export const ELK_MAX_COLLAPSED = 40;

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
 * The ELK layout of the canvas (elk-layout.ts; ELK's options: server/core/layout). A container's
 * title box as Cytoscape measured it, and its zoomed-out font, set its padding and minimum width.
 */
export const ELK_LAYOUT: LayoutOptions = {
  name: 'elk',
  fit: false,
  animate: false,
  nodeDimensionsIncludeLabels: true,
  containerTitle: (node: NodeSingular) => {
    const { w, h } = titleOf(node);
    const kind = node.data('kind') === 'host' ? 'host' : 'container';
    return { w, h, zoomedOutFont: ZOOMED_OUT_TITLE_FONT[kind] };
  },
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
