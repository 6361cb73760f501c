import { type GraphElement, isEdge, isNode } from './types';

export type PendingMark = 'added' | 'removed' | 'changed';

/**
 * The editor's picture of pending edits: the desired graph, each element a plan adds or changes
 * marked (`data.pending`), and what the plan removes kept where it was, marked `removed` (its
 * containers come along when they are gone too, and edges only when both ends are drawn).
 * `marks` are a plan's `elements` (server/core/changes/elements.ts). Pure.
 */
export function pendingOverlay(
  live: readonly GraphElement[],
  desired: readonly GraphElement[],
  marks: { added: readonly string[]; removed: readonly string[]; changed: readonly string[] },
): GraphElement[] {
  const added = new Set(marks.added);
  const changed = new Set(marks.changed);
  const removed = new Set(marks.removed);
  const mark = (el: GraphElement, pending: PendingMark): GraphElement =>
    ({ ...el, data: { ...el.data, pending } }) as GraphElement;
  const out: GraphElement[] = desired.map((el) => {
    const id = el.data.id;
    if (added.has(id)) return mark(el, 'added');
    if (changed.has(id) || removed.has(id)) return mark(el, 'changed');
    return el;
  });
  const present = new Set(out.map((el) => el.data.id));
  const liveById = new Map(live.map((el) => [el.data.id, el]));
  const keep = (id: string | undefined) => {
    while (id !== undefined && !present.has(id)) {
      const el = liveById.get(id);
      if (!el || !isNode(el)) return;
      out.push(mark(el, 'removed'));
      present.add(id);
      id = el.data.parent;
    }
  };
  // Nodes the plan removes, and nodes that vanish with them (a removed bridge's ports).
  for (const el of live)
    if (isNode(el) && !present.has(el.data.id) && removed.has(el.data.id)) keep(el.data.id);
  for (const el of live)
    if (isNode(el) && !present.has(el.data.id) && el.data.parent && removedAncestor(el, liveById, removed))
      keep(el.data.id);
  for (const el of live) {
    if (!isEdge(el) || present.has(el.data.id)) continue;
    if (present.has(el.data.source) && present.has(el.data.target)) {
      out.push(mark(el, 'removed'));
      present.add(el.data.id);
    }
  }
  return out;
}

function removedAncestor(
  el: GraphElement,
  byId: ReadonlyMap<string, GraphElement>,
  removed: ReadonlySet<string>,
): boolean {
  let parent = isNode(el) ? el.data.parent : undefined;
  while (parent !== undefined) {
    if (removed.has(parent)) return true;
    const p = byId.get(parent);
    parent = p && isNode(p) ? p.data.parent : undefined;
  }
  return false;
}
