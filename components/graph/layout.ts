import type { Core, LayoutOptions } from 'cytoscape';
import { type GraphElement, gridPositions, type Positions } from '@/server/core/graph';

/** ELK layered is worth its cost up to this many leaf nodes; above it the linear grid is used. */
export const ELK_MAX_NODES = 400;

/**
 * Layered layout, left to right: bridges, their ports, then the namespaces those ports lead into.
 * Deterministic (ELK has no randomness), so a re-layout of the same graph gives the same picture.
 */
const elkLayout: LayoutOptions = {
  name: 'elk',
  fit: true,
  padding: 30,
  animate: false,
  nodeDimensionsIncludeLabels: true,
  elk: {
    algorithm: 'layered',
    'elk.direction': 'RIGHT',
    'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
    'elk.layered.spacing.nodeNodeBetweenLayers': 40,
    'elk.spacing.nodeNode': 18,
    'elk.padding': '[top=30,left=14,bottom=14,right=14]',
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  },
} as LayoutOptions;

/**
 * The layout to run: the precomputed positions of a flattened big graph (flatten.ts), saved
 * positions when every leaf has one, the grid for huge graphs, ELK otherwise. Positions the user
 * dragged are applied on top after the layout stops.
 */
export function chooseLayout(
  cy: Core,
  elements: GraphElement[],
  saved: Positions,
  preset: Positions | null,
): LayoutOptions {
  if (preset) return presetLayout({ ...preset, ...saved });
  const leaves = cy.nodes().filter((n) => !n.isParent());
  const allSaved = leaves.length > 0 && leaves.toArray().every((n) => saved[n.id()] !== undefined);
  if (allSaved) return presetLayout(saved);
  if (leaves.length > ELK_MAX_NODES) return presetLayout({ ...gridPositions(elements), ...saved });
  return elkLayout;
}

function presetLayout(positions: Positions): LayoutOptions {
  return {
    name: 'preset',
    fit: true,
    padding: 30,
    animate: false,
    positions: (node: { id: () => string }) => positions[node.id()] ?? { x: 0, y: 0 },
  } as LayoutOptions;
}
