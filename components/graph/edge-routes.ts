import type { Core, EdgeCollection, NodeSingular } from 'cytoscape';
import { ROUTE_DISTANCES, ROUTE_WEIGHTS } from '@/server/core/graph';
import { ELK_ROOT_PADDING } from '@/server/core/layout';

type Point = { x: number; y: number };

/** An edge's route as ELK drew it (root coordinates: ELK_LAYOUT asks for them). */
export interface ElkSection {
  startPoint: Point;
  endPoint: Point;
  bendPoints?: Point[];
}

/**
 * ELK's route of an edge in the terms Cytoscape draws segments with: for each point, how far
 * along the line between the two node centres (weight) and how far off it (distance, positive to
 * the left of source → target) it lies. Null when the centres coincide (no line to measure by).
 */
export function segmentsOf(
  section: ElkSection,
  source: Point,
  target: Point,
  offset: Point = { x: 0, y: 0 },
): { weights: string; distances: string } | null {
  const dx = target.x - source.x;
  const dy = target.y - source.y;
  const length2 = dx * dx + dy * dy;
  if (length2 < 1) return null;
  const length = Math.sqrt(length2);
  const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({
    x: p.x + offset.x,
    y: p.y + offset.y,
  }));
  const weights: number[] = [];
  const distances: number[] = [];
  for (const p of points) {
    const px = p.x - source.x;
    const py = p.y - source.y;
    weights.push(round((px * dx + py * dy) / length2, 1e5));
    // Cytoscape's normal is (-dy, dx) / length.
    distances.push(round((px * -dy + py * dx) / length, 100));
  }
  return { weights: weights.join(' '), distances: distances.join(' ') };
}

/** Short data strings: a hundredth of a unit is far below a pixel at any zoom. */
const round = (n: number, per: number) => Math.round(n * per) / per;

/** From ELK's route coordinates to Cytoscape's (server/core/layout ELK_ROOT_PADDING). */
const ROUTE_OFFSET = { x: ELK_ROOT_PADDING.left, y: ELK_ROOT_PADDING.top };

/**
 * After an ELK run: each edge follows the route ELK chose around the boxes (`routes`: ELK's edges
 * by id, elk-layout.ts elkBoxes), except edges at a node placed otherwise (a saved drag, a
 * refresh that kept the old picture), which are drawn plain.
 */
export function applyRoutes(
  cy: Core,
  routes: ReadonlyMap<string, { sections?: ElkSection[] }>,
  movedAfterLayout: ReadonlySet<string>,
): void {
  cy.edges().forEach((e) => {
    const section = routes.get(e.id())?.sections?.[0];
    const [source, target] = [e.source(), e.target()];
    const moved = movedAfterLayout.has(source.id()) || movedAfterLayout.has(target.id());
    const segments =
      section && !moved ? segmentsOf(section, source.position(), target.position(), ROUTE_OFFSET) : null;
    if (segments) e.data({ [ROUTE_WEIGHTS]: segments.weights, [ROUTE_DISTANCES]: segments.distances });
    else clearRoute(e);
  });
}

/** Edges drawn plain again: their route no longer fits where their nodes are. */
export function clearRoutes(edges: EdgeCollection): void {
  edges.forEach((e) => {
    clearRoute(e);
  });
}

/** Edges at a node that moved (dragged), and at what it holds. */
export const clearRoutesAt = (node: NodeSingular): void =>
  clearRoutes(node.union(node.descendants()).connectedEdges());

const clearRoute = (e: { removeData: (names: string) => unknown; data: (k: string) => unknown }) => {
  if (e.data(ROUTE_WEIGHTS) !== undefined) e.removeData(`${ROUTE_WEIGHTS} ${ROUTE_DISTANCES}`);
};
