import { expect, type Page, test } from '@playwright/test';
import { elementReady, failOnPageErrors, removeLabHost, shot, useLabHost, zoomTo } from './lab';

/**
 * Nothing drawn hides a name (issue 13): on each lab host, at a zoom where labels show, no two
 * container titles or node labels intersect, no two boxes overlap unless one holds the other, a
 * title lies on no other box than its own ancestors, and a port's label stays inside its port. Measured from what Cytoscape draws (model coordinates).
 */
test.use({ viewport: { width: 1600, height: 1000 } });
failOnPageErrors('admin');

const HOSTS = ['openstack-aio', 'compute', 'kvm'];
const added: string[] = [];

/** What overlaps what, as sentences; empty when the picture is clean. */
const overlaps = (page: Page) =>
  page.evaluate(() => {
    type Box = { x1: number; y1: number; x2: number; y2: number };
    const cy = window.__patchbay?.cy;
    if (!cy) return ['no graph'];
    // Boxes a pixel smaller on each side: borders that touch are not an overlap.
    const inset = (b: Box): Box => ({ x1: b.x1 + 1, y1: b.y1 + 1, x2: b.x2 - 1, y2: b.y2 - 1 });
    const meet = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
    const inside = (a: Box, b: Box) => a.x1 >= b.x1 && a.x2 <= b.x2 && a.y1 >= b.y1 && a.y2 <= b.y2;
    const name = (n: import('cytoscape').NodeSingular) => String(n.data('label')).split('\n')[0];
    // Zoomed out, only containers have a label drawn.
    const nodes = cy.nodes().filter((n) => String(n.style('label') ?? '') !== '');
    // The glow of a lint finding is not the box.
    const bodyOnly = { includeOverlays: false, includeUnderlays: false } as object;
    const label = new Map<string, Box>();
    const body = new Map<string, Box>();
    for (const n of nodes) {
      label.set(
        n.id(),
        inset(n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true })),
      );
      body.set(
        n.id(),
        inset(n.boundingBox({ ...bodyOnly, includeNodes: true, includeEdges: false, includeLabels: false })),
      );
    }
    const found: string[] = [];
    const list = nodes.toArray() as import('cytoscape').NodeSingular[];
    for (const [i, a] of list.entries()) {
      const la = label.get(a.id()) as Box;
      const nested = new Set([...a.ancestors().map((x) => x.id()), ...a.descendants().map((x) => x.id())]);
      for (const b of list.slice(i + 1)) {
        if (meet(la, label.get(b.id()) as Box)) found.push(`label of ${name(a)} meets label of ${name(b)}`);
        if (!nested.has(b.id()) && meet(body.get(a.id()) as Box, body.get(b.id()) as Box))
          found.push(`${name(a)} lies on ${name(b)}`);
      }
      if (a.isParent()) {
        const ancestors = new Set(a.ancestors().map((x) => x.id()));
        for (const b of list)
          if (b !== a && !ancestors.has(b.id()) && meet(la, body.get(b.id()) as Box))
            found.push(`title of ${name(a)} lies on ${name(b)}`);
      } else if (!inside(la, body.get(a.id()) as Box)) found.push(`label of ${name(a)} spills out of it`);
    }
    return found;
  });

/**
 * Edges ELK routed that run across a box they neither start nor end in (nor inside of), as
 * sentences. Drawn segments, as Cytoscape computed them, against the boxes as drawn.
 */
const crossings = (page: Page) =>
  page.evaluate(() => {
    type P = { x: number; y: number };
    const cy = window.__patchbay?.cy;
    if (!cy) return ['no graph'];
    const routed = cy.edges('[routeW]');
    if (routed.empty()) return ['no edge is routed'];
    // Does segment a→b pass through the box (shrunk by 2: touching a border is not crossing)?
    const cuts = (a: P, b: P, x: { x1: number; y1: number; x2: number; y2: number }) => {
      let t0 = 0;
      let t1 = 1;
      const d = { x: b.x - a.x, y: b.y - a.y };
      const edges: [number, number][] = [
        [-d.x, a.x - (x.x1 + 2)],
        [d.x, x.x2 - 2 - a.x],
        [-d.y, a.y - (x.y1 + 2)],
        [d.y, x.y2 - 2 - a.y],
      ];
      for (const [p, q] of edges) {
        if (p === 0) {
          if (q < 0) return false;
        } else {
          const r = q / p;
          if (p < 0) t0 = Math.max(t0, r);
          else t1 = Math.min(t1, r);
          if (t0 > t1) return false;
        }
      }
      return true;
    };
    const found: string[] = [];
    const bodies = cy.nodes().map((n) => ({
      n,
      box: n.boundingBox({ includeLabels: false, includeOverlays: false, includeUnderlays: false } as object),
    }));
    for (const e of routed) {
      const ends = e.source().union(e.target());
      const allowed = new Set(
        ends
          .union(ends.ancestors())
          .union(ends.descendants())
          .map((n) => n.id()),
      );
      const pts: P[] = [e.sourceEndpoint(), ...(e.segmentPoints() ?? []), e.targetEndpoint()];
      for (const { n, box } of bodies) {
        if (allowed.has(n.id())) continue;
        if (pts.slice(1).some((b, i) => cuts(pts[i] as P, b, box)))
          found.push(`${e.id()} crosses ${String(n.data('label')).split('\n')[0]}`);
      }
    }
    return found;
  });

/**
 * Nodes whose size as the layout was told it (node-sizes.ts, from the graph's data) is not what
 * Cytoscape measures once the labelled stylesheet is applied, as sentences. Leaves: the body with
 * its label, as Cytoscape's layoutDimensions (a hexagon's mitred corners may add a pixel or two);
 * containers: the title's box. Marks (findings, selection) are left out on both sides.
 */
const sizeMismatches = (page: Page) =>
  page.evaluate(() => {
    const h = window.__patchbay;
    if (!h) return ['no graph'];
    const found: string[] = [];
    const unmarked = { includeOverlays: false, includeUnderlays: false, includeEdges: false } as object;
    for (const n of h.cy.nodes().toArray() as import('cytoscape').NodeSingular[]) {
      const box = n.isParent()
        ? n.boundingBox({ ...unmarked, includeNodes: false, includeLabels: true })
        : n.boundingBox({ ...unmarked, includeNodes: true, includeLabels: true });
      const told = h.layoutSize(n.id());
      const slack = n.isParent() ? 1 : 2;
      if (Math.abs(box.w - told.w) > slack || Math.abs(box.h - told.h) > slack)
        found.push(
          `${String(n.data('label')).split('\n')[0]}: measured ${box.w.toFixed(1)}×${box.h.toFixed(1)}, told ${told.w}×${told.h}`,
        );
    }
    return found;
  });

for (const host of HOSTS)
  test(`no title or label overlaps another on ${host}`, async ({ page }) => {
    if (await useLabHost(page, host)) added.push(host);
    await page.goto(`/view?hosts=${host}`);
    await elementReady(page, `host:${host}`);
    // Labels show from zoom 0.7; at 1 every label is drawn at its size.
    await zoomTo(page, 1);
    await shot(page, `overlap-${host}`);
    // The layout sized every node as Cytoscape draws it (labels shown at zoom 1).
    expect(await sizeMismatches(page), 'node-sizes.ts against Cytoscape').toEqual([]);
    expect(await overlaps(page)).toEqual([]);
    expect(await crossings(page)).toEqual([]);
  });

test('no title overlaps another with every lab host on one page, zoomed out to fit', async ({ page }) => {
  if (await useLabHost(page, 'openstack-aio')) added.push('openstack-aio');
  if (await useLabHost(page, 'compute')) added.push('compute');
  if (await useLabHost(page, 'kvm')) added.push('kvm');
  await page.goto(`/view?hosts=${HOSTS.join(',')}`);
  for (const host of HOSTS) await elementReady(page, `host:${host}`);
  await shot(page, 'overlap-all');
  expect(await overlaps(page)).toEqual([]);
});

test.afterAll(async ({ browser }) => {
  for (const host of added) await removeLabHost(browser, host);
});
