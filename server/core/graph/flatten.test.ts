import { describe, expect, it } from 'vitest';
import { HostModel } from '../model';
import { flattenContainers } from './flatten';
import { toElements } from './from-models';
import { hostElementId } from './ids';
import { syntheticHost } from './synthetic';
import { type GraphNode, isNode } from './types';

describe('flattenContainers', () => {
  const els = toElements([HostModel.parse(syntheticHost(500))]);
  const { elements, positions } = flattenContainers(els);
  const flat = elements.filter(isNode);
  const byId = new Map(flat.map((n) => [n.data.id, n]));
  const parents = new Set(els.filter(isNode).map((n) => n.data.parent));

  it('keeps every element, drops every parent, positions every node', () => {
    expect(elements).toHaveLength(els.length);
    for (const n of flat) {
      expect(n.data.parent).toBeUndefined();
      expect(positions[n.data.id]).toBeDefined();
    }
  });

  it('sizes exactly the inner containers, each box around its children; hosts get a title', () => {
    for (const n of flat) {
      const inner = parents.has(n.data.id) && n.data.kind !== 'host';
      expect(n.data.boxW !== undefined).toBe(inner);
    }
    expect(byId.get(hostElementId('synthetic-500'))?.data.depth).toBe(0);
    for (const child of els.filter(isNode)) {
      const p = child.data.parent;
      if (!p || byId.get(p)?.data.kind === 'host') continue;
      const box = byId.get(p) as GraphNode;
      const c = positions[p] as { x: number; y: number };
      const at = positions[child.data.id] as { x: number; y: number };
      expect(Math.abs(at.x - c.x)).toBeLessThan((box.data.boxW as number) / 2);
      expect(Math.abs(at.y - c.y)).toBeLessThan((box.data.boxH as number) / 2);
      const childDepth = byId.get(child.data.id)?.data.depth;
      if (childDepth !== undefined) expect(childDepth).toBe((box.data.depth as number) + 1);
    }
  });
});
