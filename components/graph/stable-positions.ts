/**
 * Keeping the picture still across a refresh: after a new layout of the whole graph, every node
 * that was already drawn goes back where it was, and each new node keeps its place relative to
 * its nearest container that has survivors (shifted by how far the layout moved that container's
 * old nodes). Pure: positions in, positions out.
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
  for (const leaf of leaves) {
    const old = before.get(leaf.id);
    if (old) {
      out.set(leaf.id, old);
      continue;
    }
    const now = laidOut.get(leaf.id);
    if (!now) continue;
    const shift = leaf.ancestors.map((a) => sums.get(a)).find((s) => s !== undefined);
    out.set(leaf.id, shift ? { x: now.x + shift.x / shift.n, y: now.y + shift.y / shift.n } : now);
  }
  return out;
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
