import type { GraphElement } from './types';
import { isNode } from './types';

export type Positions = Record<string, { x: number; y: number }>;

const LEAF_W = 110;
const LEAF_H = 56;
const COLLAPSED_W = 190;
const COLLAPSED_H = 70;
const REWRITE_W = 140;
const PAD = 36;
const GAP = 60;

export type Sizes = Record<string, { w: number; h: number }>;

interface Box {
  w: number;
  h: number;
  /** Places the box's nodes (centres) given its top-left corner; records container sizes. */
  place: (x: number, y: number, out: Positions, sizes: Sizes) => void;
}

/** Leaf positions of `gridLayout`; Cytoscape sizes compound nodes around their children. */
export function gridPositions(elements: GraphElement[]): Positions {
  const { positions, sizes } = gridLayout(elements);
  for (const id of Object.keys(sizes)) delete positions[id];
  return positions;
}

/**
 * Shelf packing of children inside their container, containers inside hosts, hosts side by side.
 * Linear in the number of nodes: the layout for huge graphs where ELK would take seconds. Gives
 * the centre of every node and the size of every container (a node with children).
 */
export function gridLayout(elements: GraphElement[]): { positions: Positions; sizes: Sizes } {
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  // Leaves the stylesheet draws wider than a port: collapsed containers and VLAN-rewrite ports.
  const leafSize = new Map<string, { w: number; h: number }>();
  for (const el of elements) {
    if (!isNode(el)) continue;
    if (el.data.collapsed) leafSize.set(el.data.id, { w: COLLAPSED_W, h: COLLAPSED_H });
    else if (el.data.rewrite) leafSize.set(el.data.id, { w: REWRITE_W, h: LEAF_H });
    const p = el.data.parent;
    if (p === undefined) roots.push(el.data.id);
    else {
      const list = children.get(p);
      if (list) list.push(el.data.id);
      else children.set(p, [el.data.id]);
    }
  }

  const box = (id: string): Box => {
    const kids = children.get(id);
    if (!kids || kids.length === 0) {
      const { w, h } = leafSize.get(id) ?? { w: LEAF_W, h: LEAF_H };
      return {
        w,
        h,
        place: (x, y, out) => {
          out[id] = { x: x + w / 2, y: y + h / 2 };
        },
      };
    }
    const boxes = kids.map(box);
    // Leaves first in a compact grid, then sub-containers: a bridge's ports form a block.
    const area = boxes.reduce((s, b) => s + (b.w + GAP / 2) * (b.h + GAP / 2), 0);
    const maxW = Math.max(...boxes.map((b) => b.w));
    const rowLimit = Math.max(maxW, Math.sqrt(area) * 1.4);
    const rows: { items: Box[]; w: number; h: number }[] = [];
    let row = { items: [] as Box[], w: 0, h: 0 };
    for (const b of boxes) {
      if (row.items.length > 0 && row.w + b.w > rowLimit) {
        rows.push(row);
        row = { items: [], w: 0, h: 0 };
      }
      row.items.push(b);
      row.w += b.w + GAP / 2;
      row.h = Math.max(row.h, b.h);
    }
    rows.push(row);
    const w = Math.max(...rows.map((r) => r.w)) + 2 * PAD;
    const h = rows.reduce((s, r) => s + r.h + GAP / 2, 0) + 2 * PAD;
    return {
      w,
      h,
      place: (x, y, out, sizes) => {
        out[id] = { x: x + w / 2, y: y + h / 2 };
        sizes[id] = { w, h };
        let cy = y + PAD;
        for (const r of rows) {
          let cx = x + PAD;
          for (const b of r.items) {
            b.place(cx, cy, out, sizes);
            cx += b.w + GAP / 2;
          }
          cy += r.h + GAP / 2;
        }
      },
    };
  };

  const positions: Positions = {};
  const sizes: Sizes = {};
  let x = 0;
  for (const r of roots) {
    const b = box(r);
    b.place(x, 0, positions, sizes);
    x += b.w + GAP * 2;
  }
  return { positions, sizes };
}
