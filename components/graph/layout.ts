import type { LayoutOptions, NodeSingular } from 'cytoscape';
import {
  type GraphElement,
  type GraphNodeData,
  gridPositions,
  isNode,
  leafSize,
  type Positions,
  titleSize,
  ZOOMED_OUT_TITLE_FONT,
} from '@/server/core/graph';
import { ELK_MAX_NODES, type LayoutRequest } from '@/server/core/layout';
import { type ContainerTitle, type ElkLayoutOptions, requestOf } from './elk-layout';
import { measureText } from './measure-text';

/**
 * Above this many collapsed containers the grid is used too: ELK puts siblings of one layer in one
 * column, so a host opened collapsed (hundreds of namespaces) became a strip too thin to read.
 */
export const ELK_MAX_COLLAPSED = 40;

/**
 * The width ELK gave each container in its last run (elk-layout.ts elkBoxes): the room its title
 * has (style.ts TITLE_ROOM), the box less its border. Only one-line titles: Cytoscape's ellipsis
 * draws a title's lines as one (a bond's "bond0 / trunk 10,20,30" spilled both ways); the lines
 * under a name are short.
 */
export const titleRooms = (
  containers: NodeSingular[],
  boxes: ReadonlyMap<string, { width?: number }>,
): [NodeSingular, number][] =>
  containers.flatMap((n) => {
    const width = boxes.get(n.id())?.width;
    const oneLine = !String(n.data('label') ?? '').includes('\n');
    return width && oneLine ? [[n, Math.floor(width) - 4] as [NodeSingular, number]] : [];
  });

/**
 * The ELK layout of the canvas (elk-layout.ts; ELK's options: server/core/layout). Sizes come
 * from the graph's data as the stylesheet will draw it (node-sizes.ts), not from Cytoscape, which
 * would style and measure every element first. A container's title box and its zoomed-out font
 * set its padding and minimum width.
 */
export const ELK_LAYOUT = {
  name: 'elk',
  fit: false,
  animate: false,
  leafSize: (node: NodeSingular) => leafSizeOf(node.data() as GraphNodeData),
  containerTitle: (node: NodeSingular) => containerTitleOf(node.data() as GraphNodeData),
} satisfies Omit<ElkLayoutOptions, 'remote' | 'onError'>;

const leafSizeOf = (data: GraphNodeData) => leafSize(data, measureText);
const containerTitleOf = (data: GraphNodeData): ContainerTitle => ({
  ...titleSize(data, measureText),
  zoomedOutFont: ZOOMED_OUT_TITLE_FONT[data.kind === 'host' ? 'host' : 'container'],
});

/**
 * The ELK layout's request for `elements` before they are drawn (elk-layout.ts prefetchLayout):
 * the one Cytoscape's canvas asks once filled with them in this order, at this aspect ratio.
 * `sizes`: ELK_LAYOUT's own, from the data (tests give others: they have no canvas to measure with).
 */
export function layoutRequestOf(
  elements: GraphElement[],
  aspectRatio: number,
  sizes = { leaf: leafSizeOf, title: containerTitleOf },
): LayoutRequest {
  const nodes = elements.filter(isNode);
  const parents = new Set(nodes.map((n) => n.data.parent));
  const edges = elements.flatMap((el) =>
    isNode(el) ? [] : [{ id: el.data.id, source: el.data.source, target: el.data.target }],
  );
  return requestOf(
    nodes.map((n) => ({
      id: n.data.id,
      parent: n.data.parent ?? null,
      isParent: parents.has(n.data.id),
      node: n.data,
    })),
    edges,
    sizes.leaf,
    sizes.title,
    aspectRatio,
  );
}

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
  // Nothing to lay out yet (the models are loading): ELK would only be asked about nothing.
  if (leaves.length === 0 || leaves.every((id) => saved[id] !== undefined)) return presetLayout(saved);
  const collapsed = elements.filter((el) => isNode(el) && el.data.collapsed).length;
  if (leaves.length > ELK_MAX_NODES || collapsed > ELK_MAX_COLLAPSED)
    return gridLayoutOptions(elements, saved);
  return ELK_LAYOUT as LayoutOptions;
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
