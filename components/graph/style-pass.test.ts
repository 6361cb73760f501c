import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { graphStyle, syntheticHost, toElements } from '@/server/core/graph';
import { HostModel } from '@/server/core/model';
import { styleAll, wholeGraphPass } from './style-pass';

const elements = toElements([HostModel.parse(syntheticHost(120))]);
const canvas = (): Core =>
  cytoscape({
    headless: true,
    styleEnabled: true,
    elements,
    style: graphStyle({ large: false, labels: true }),
  });

/** Every element's style as Cytoscape resolves it, property by property. */
const styles = (cy: Core) =>
  Object.fromEntries(
    cy.elements().map((e) => {
      const own = (e as unknown as { _private: { style: Record<string, { strValue?: string } | undefined> } })
        ._private.style;
      return [e.id(), Object.fromEntries(Object.entries(own).map(([k, v]) => [k, v?.strValue]))];
    }),
  );
/** The host's box and a leaf it holds. */
function hostAndLeaf(cy: Core) {
  const host = cy
    .nodes()
    .orphans()
    .filter((n) => n.isParent())
    .first() as NodeSingular;
  return {
    host,
    leaf: host
      .descendants()
      .filter((n) => !n.isParent())
      .first(),
  };
}
const proto = () =>
  Object.getPrototypeOf(cytoscape({ headless: true }).collection()) as Record<string, unknown>;
const HELD = ['dirtyStyleCache', 'dirtyCompoundBoundsCache', 'dirtyBoundingBoxCache'];

describe('styleAll', () => {
  it("styles every element as Cytoscape's own lazy pass does", () => {
    const lazy = canvas();
    lazy.elements().forEach((e) => {
      (e as unknown as { pstyle: (name: string) => unknown }).pstyle('label'); // styles it, Cytoscape's way
    });
    const eager = canvas();
    styleAll(eager);
    expect(styles(eager)).toEqual(styles(lazy));
    expect(Object.keys(styles(eager)).length).toBe(elements.length);
  });

  it("puts Cytoscape's cache invalidation back, so a container hidden later hides what it holds", () => {
    const own = HELD.map((name) => proto()[name]);
    const cy = canvas();
    styleAll(cy);
    expect(HELD.map((name) => proto()[name])).toEqual(own);
    const { host, leaf } = hostAndLeaf(cy);
    expect(leaf.visible()).toBe(true); // cached from here on
    host.style('display', 'none');
    expect(leaf.visible()).toBe(false);
  });

  it("leaves no derived state cached from before the pass, where an element's own style did not change", () => {
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      elements,
      // No data mappers: Cytoscape re-applies those (dropping the element's cache) on every pass.
      style: [
        { selector: 'node', style: { 'background-color': '#888' } },
        { selector: '.gone', style: { display: 'none' } },
      ],
    });
    const { host, leaf } = hostAndLeaf(cy);
    styleAll(cy);
    expect(leaf.visible()).toBe(true); // cached from here on
    // The host's class changes; what it holds keeps its own style, but no longer shows.
    cy.batch(() => {
      host.addClass('gone');
    });
    styleAll(cy);
    expect(leaf.visible()).toBe(false);
  });
});

/** Stylesheets without labels or mappers: bounds that differ only by the nodes' size. */
const sized = (px: number) => [
  { selector: 'node', style: { width: px, height: px, label: '' } },
  { selector: ':parent', style: { padding: `${px / 2}px` } },
];
const bounds = (cy: Core) =>
  Object.fromEntries(cy.elements().map((e) => [e.id(), e.boundingBox({})] as const));
/** Every node placed, so bounds depend on the style only. */
const placed = (cy: Core) => {
  cy.nodes()
    .filter((n) => !n.isParent())
    .forEach((n, i) => {
      n.position({ x: (i % 20) * 50, y: Math.floor(i / 20) * 50 });
    });
  return cy;
};

describe('wholeGraphPass', () => {
  it('leaves every bounding box as a canvas styled that way from the start measures it, after a stylesheet swap', () => {
    const swapped = placed(cytoscape({ headless: true, styleEnabled: true, elements, style: sized(10) }));
    bounds(swapped); // cached from here on
    wholeGraphPass(swapped, () => swapped.batch(() => swapped.style(sized(30))));
    styleAll(swapped);
    const fresh = placed(cytoscape({ headless: true, styleEnabled: true, elements, style: sized(30) }));
    expect(bounds(swapped)).toEqual(bounds(fresh));
    expect(bounds(swapped)).not.toEqual(
      bounds(placed(cytoscape({ headless: true, styleEnabled: true, elements, style: sized(10) }))),
    );
  });

  it('puts every held invalidation back even when the pass throws', () => {
    const own = HELD.map((name) => proto()[name]);
    const cy = canvas();
    expect(() =>
      wholeGraphPass(cy, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(HELD.map((name) => proto()[name])).toEqual(own);
  });
});
