import { gridLayout, type Positions } from './grid-layout';
import type { GraphElement } from './types';
import { isNode } from './types';

/** Height of a node, which fits the top padding of the grid's boxes. */
const TITLE_H = 36;

/**
 * Big graphs without compound nodes: every container becomes a plain node sized like the box the
 * grid layout packs its children into (`boxW`, `boxH`, `depth`), and no node keeps a `parent`.
 * Cytoscape's layered texture cache lets a pan redraw cached bitmaps, but any compound node
 * invalidates it on every frame (measured on 5,000 nodes: pan frames 900 ms → 17 ms without).
 * Top-level containers (hosts) become title nodes above their area instead of boxes. Returns the
 * elements and the position of every node.
 */
export function flattenContainers(elements: GraphElement[]): {
  elements: GraphElement[];
  positions: Positions;
} {
  const { positions, sizes } = gridLayout(elements);
  const parentOf = new Map<string, string>();
  for (const el of elements) if (isNode(el) && el.data.parent) parentOf.set(el.data.id, el.data.parent);
  const depth = (id: string): number => {
    let d = 0;
    for (let p = parentOf.get(id); p !== undefined; p = parentOf.get(p)) d++;
    return d;
  };
  const out = elements.map((el): GraphElement => {
    if (!isNode(el)) return el;
    const { parent: _parent, ...data } = el.data;
    const size = sizes[el.data.id];
    if (!size) return { ...el, data };
    const d = depth(el.data.id);
    const at = positions[el.data.id];
    if (d === 0 && at) {
      // A box around everything (the host) alone costs the cache as much as all compounds did
      // (measured: 650 ms → 17 ms per pan frame without it): a title node atop its area instead.
      positions[el.data.id] = { x: at.x, y: at.y - size.h / 2 + TITLE_H / 2 };
      return { ...el, data: { ...data, depth: d } };
    }
    return { ...el, data: { ...data, boxW: size.w, boxH: size.h, depth: d } };
  });
  return { elements: out, positions };
}
