import type { GraphElement } from './types';

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
