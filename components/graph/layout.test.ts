import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import {
  applyCollapse,
  defaultCollapsed,
  type GraphElement,
  type GraphNodeData,
  gridLayout,
  syntheticHost,
  toElements,
} from '@/server/core/graph';
import { containerLayoutOptions, ELK_MAX_NODES, ELK_OPTIONS } from '@/server/core/layout';
import { HostModel } from '@/server/core/model';
import { layoutRequest } from './elk-layout';
import { chooseLayout, ELK_LAYOUT, ELK_MAX_COLLAPSED, fitsElk, layoutRequestOf } from './layout';

const graph = (nodes: number): GraphElement[] => toElements([HostModel.parse(syntheticHost(nodes))]);
const leaves = (els: GraphElement[]) => {
  const parents = new Set(els.map((e) => (e.group === 'nodes' ? e.data.parent : undefined)));
  return els.filter((e) => e.group === 'nodes' && !parents.has(e.data.id)).map((e) => e.data.id);
};
const positionOf = (options: ReturnType<typeof chooseLayout>, id: string) =>
  (options as unknown as { positions: (n: { id: () => string }) => { x: number; y: number } }).positions({
    id: () => id,
  });

describe('chooseLayout', () => {
  const small = graph(100);
  const big = graph(3 * ELK_MAX_NODES);

  it('asks ELK nothing while there is nothing to lay out (the models still loading)', () => {
    expect(chooseLayout([], {}, null).name).toBe('preset');
  });

  it('lays small graphs out with ELK, big ones on the grid; neither fits (the canvas fits once)', () => {
    expect(fitsElk(small, null)).toBe(true);
    expect(chooseLayout(small, {}, null)).toBe(ELK_LAYOUT);
    expect(fitsElk(big, null)).toBe(false);
    const grid = chooseLayout(big, {}, null);
    expect(grid.name).toBe('preset');
    const fitOf = (o: object) => (o as { fit?: boolean }).fit;
    expect(fitOf(grid)).toBe(false);
    expect(fitOf(ELK_LAYOUT)).toBe(false);
  });

  it('uses saved positions alone when every leaf has one, over the preset otherwise', () => {
    const saved = Object.fromEntries(leaves(small).map((id, i) => [id, { x: i, y: -i }]));
    const first = leaves(small)[1] as string;
    const all = chooseLayout(small, saved, null);
    expect(all.name).toBe('preset');
    expect(positionOf(all, first)).toEqual({ x: 1, y: -1 });
    const preset = { [first]: { x: 5, y: 5 }, other: { x: 7, y: 7 } };
    const merged = chooseLayout(small, { other: { x: 1, y: 2 } }, preset);
    expect(fitsElk(small, preset)).toBe(false);
    expect(positionOf(merged, first)).toEqual({ x: 5, y: 5 });
    expect(positionOf(merged, 'other')).toEqual({ x: 1, y: 2 });
  });

  it('puts a host opened collapsed on the grid, with collapsed boxes that do not overlap', () => {
    // 1,000 nodes with every container collapsed: ~330 boxes, few enough leaves for ELK.
    const full = graph(1000);
    const drawn = applyCollapse(full, defaultCollapsed(full, 0));
    const collapsed = drawn.filter((e) => e.group === 'nodes' && e.data.collapsed);
    expect(collapsed.length).toBeGreaterThan(ELK_MAX_COLLAPSED);
    expect(leaves(drawn).length).toBeLessThanOrEqual(ELK_MAX_NODES);
    expect(fitsElk(drawn, null)).toBe(false);
    expect(chooseLayout(drawn, {}, null).name).toBe('preset');
    // Collapsed boxes are drawn 190 wide: their grid centres are further apart than that.
    const { positions } = gridLayout(drawn);
    const centres = collapsed.map((c) => positions[c.data.id]).filter((p) => p !== undefined);
    for (const a of centres)
      for (const b of centres)
        if (a !== b && Math.abs(a.y - b.y) < 70) expect(Math.abs(a.x - b.x)).toBeGreaterThanOrEqual(190);
  });
});

describe('containerLayoutOptions', () => {
  // Real ELK, as the canvas runs it: a container whose title is wider than its one child.
  const title = { w: 300, h: 15 };
  const layout = async () => {
    const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
    const elk = new ELK();
    const leaf = (id: string) => ({ id, width: 116, height: 36 });
    const root = await elk.layout({
      id: 'root',
      layoutOptions: Object.fromEntries(Object.entries(ELK_OPTIONS).map(([k, v]) => [k, String(v)])),
      children: [
        { id: 'box', layoutOptions: containerLayoutOptions(title, 20), children: [leaf('in')] },
        leaf('next'),
      ],
      edges: [{ id: 'e', sources: ['in'], targets: ['next'] }],
    });
    const box = root.children?.find((c) => c.id === 'box');
    const inner = box?.children?.[0];
    if (!box || !inner) throw new Error('no layout');
    return { box, inner };
  };

  it('leaves room above the children for the title', async () => {
    const { inner } = await layout();
    expect(inner.y).toBeGreaterThanOrEqual(16 + title.h);
  });

  it('leaves room for a line of the zoomed-out title size when the title is smaller', () => {
    const top = (o: Record<string, string>) => Number(/top=(\d+)/.exec(o['elk.padding'] ?? '')?.[1]);
    expect(top(containerLayoutOptions({ w: 10, h: 15 }, 26))).toBe(16 + 33);
    expect(top(containerLayoutOptions({ w: 10, h: 60 }, 26))).toBe(16 + 60);
  });

  it('makes the box as wide as its title, children centred under it', async () => {
    const { box, inner } = await layout();
    expect(box.width).toBeGreaterThanOrEqual(title.w + 32);
    const centre = (inner.x ?? 0) + (inner.width ?? 0) / 2;
    expect(Math.abs(centre - (box.width ?? 0) / 2)).toBeLessThan(1);
  });
});

describe('layoutRequestOf', () => {
  // Sizes from the data, as ELK_LAYOUT's are (a test has no canvas to measure text with).
  const sizes = {
    leaf: (d: GraphNodeData) => ({ w: 7 * d.id.length, h: 20 + (d.rewrite ? 12 : 0) }),
    title: (d: GraphNodeData) => ({ w: 8 * d.id.length, h: 17, zoomedOutFont: d.kind === 'host' ? 30 : 20 }),
  };
  const drawn = (els: GraphElement[]) =>
    layoutRequest(
      cytoscape({ headless: true, elements: els }).elements(),
      (n) => sizes.leaf(n.data() as GraphNodeData),
      (n) => sizes.title(n.data() as GraphNodeData),
      1.6,
    );

  it("asks what the canvas asks once filled with the same elements (asked ahead, it is the layout's own)", () => {
    const els = graph(500);
    const req = layoutRequestOf(els, 1.6, sizes);
    expect(req.nodes.length).toBeGreaterThan(400);
    expect(req).toEqual(drawn(els));
  });

  it('lists containers first whatever the order of the elements, as the canvas does', () => {
    const els = graph(60);
    const reordered = [
      ...els.filter((e) => e.group === 'nodes').reverse(),
      ...els.filter((e) => e.group === 'edges'),
    ];
    const req = layoutRequestOf(reordered, 1.6, sizes);
    const index = new Map(req.nodes.map((n, i) => [n.id, i]));
    for (const n of req.nodes)
      if (n.parent !== null) expect(index.get(n.parent)).toBeLessThan(index.get(n.id) ?? -1);
    expect(req).toEqual(drawn(reordered));
  });
});
