import { type GraphElement, isEdge, isNode } from './types';

export interface ElementDiff {
  appeared: string[];
  changed: string[];
  disappeared: string[];
}

/** Data without what moves on every read or only reflects the view (collapse state). */
function signature(el: GraphElement): string {
  const { collapsed: _c, childCount: _n, label: _l, ...rest } = el.data as Record<string, unknown>;
  return JSON.stringify(rest);
}

/** What a refresh changed, by element id: drives the short highlight after a refresh. */
export function diffElements(prev: GraphElement[], next: GraphElement[]): ElementDiff {
  const before = new Map(prev.map((el) => [el.data.id, signature(el)]));
  const after = new Map(next.map((el) => [el.data.id, signature(el)]));
  const appeared: string[] = [];
  const changed: string[] = [];
  for (const [id, sig] of after) {
    const old = before.get(id);
    if (old === undefined) appeared.push(id);
    else if (old !== sig) changed.push(id);
  }
  const disappeared = [...before.keys()].filter((id) => !after.has(id));
  return { appeared, changed, disappeared };
}

/**
 * Where to show what disappeared: for a node, its nearest container that is still there; for an
 * edge, its ends that are still there. Deduplicated.
 */
export function goneAnchors(prev: GraphElement[], next: GraphElement[], disappeared: string[]): string[] {
  const alive = new Set(next.map((el) => el.data.id));
  const byId = new Map(prev.map((el) => [el.data.id, el]));
  const out = new Set<string>();
  for (const id of disappeared) {
    const el = byId.get(id);
    if (!el) continue;
    if (isEdge(el)) {
      for (const end of [el.data.source, el.data.target]) if (alive.has(end)) out.add(end);
      continue;
    }
    let parent = isNode(el) ? el.data.parent : undefined;
    while (parent !== undefined && !alive.has(parent)) {
      const p = byId.get(parent);
      parent = p && isNode(p) ? p.data.parent : undefined;
    }
    if (parent !== undefined) out.add(parent);
  }
  return [...out];
}
