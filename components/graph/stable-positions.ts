/**
 * Keeping the picture still across a refresh: after a new layout of the whole graph, every node
 * that was already drawn goes back where it was, and each new node keeps its place relative to
 * its nearest container that has survivors (shifted by how far the layout moved that container's
 * old nodes). Nodes with no such container (a host whose first read arrived after the others
 * were drawn) go below everything kept, as the new layout arranged them. Pure: positions in,
 * positions out.
 */
export type Point = { x: number; y: number };

export interface LeafNode {
  id: string;
  /** Containers from the innermost out. */
  ancestors: string[];
}

export function stablePositions(
  leaves: readonly LeafNode[],
  before: ReadonlyMap<string, Point>,
  laidOut: ReadonlyMap<string, Point>,
): Map<string, Point> {
  // How far the new layout moved each container's surviving nodes, on average.
  const sums = new Map<string, { x: number; y: number; n: number }>();
  for (const leaf of leaves) {
    const old = before.get(leaf.id);
    const now = laidOut.get(leaf.id);
    if (!old || !now) continue;
    for (const a of leaf.ancestors) {
      const s = sums.get(a) ?? { x: 0, y: 0, n: 0 };
      s.x += old.x - now.x;
      s.y += old.y - now.y;
      s.n += 1;
      sums.set(a, s);
    }
  }
  const out = new Map<string, Point>();
  const orphans = new Map<string, Point>();
  for (const leaf of leaves) {
    const old = before.get(leaf.id);
    if (old) {
      out.set(leaf.id, old);
      continue;
    }
    const now = laidOut.get(leaf.id);
    if (!now) continue;
    const shift = leaf.ancestors.map((a) => sums.get(a)).find((s) => s !== undefined);
    if (shift) out.set(leaf.id, { x: now.x + shift.x / shift.n, y: now.y + shift.y / shift.n });
    else orphans.set(leaf.id, now);
  }
  const kept = span(out.values());
  const loose = span(orphans.values());
  // Kept nodes stay: the new layout's place for the orphans may be where they are drawn.
  const dx = kept && loose ? kept.x1 - loose.x1 : 0;
  const dy = kept && loose ? kept.y2 + ORPHAN_GAP - loose.y1 : 0;
  for (const [id, p] of orphans) out.set(id, { x: p.x + dx, y: p.y + dy });
  return out;
}

/**
 * Between the centres of the lowest kept node and the highest orphan: room for the boxes around
 * both (a host's and a bridge's padding and titles on each side).
 */
export const ORPHAN_GAP = 160;

function span(points: Iterable<Point>): { x1: number; y2: number; y1: number } | null {
  let box: { x1: number; y1: number; y2: number } | null = null;
  for (const p of points)
    box = box
      ? { x1: Math.min(box.x1, p.x), y1: Math.min(box.y1, p.y), y2: Math.max(box.y2, p.y) }
      : { x1: p.x, y1: p.y, y2: p.y };
  return box;
}

/**
 * Whether a change may keep the old picture: only when no node that stays turned from a
 * container into a leaf or back (expanding or collapsing a box needs a new layout).
 */
export function sameContainers(
  before: ReadonlyMap<string, boolean>,
  after: ReadonlyMap<string, boolean>,
): boolean {
  for (const [id, wasParent] of before) {
    const isParent = after.get(id);
    if (isParent !== undefined && isParent !== wasParent) return false;
  }
  return true;
}
