import { expect, test } from '@playwright/test';
import { failOnPageErrors, graphReady, refuseRequests } from './lab';

/**
 * The ELK layout runs in a Web Worker (components/graph/elk-layout.ts). When that worker cannot
 * start — here its script is refused, as a proxy or an old browser might — the graph is laid out
 * on the grid instead of waiting forever.
 */
test.use({ viewport: { width: 1600, height: 1000 } });
failOnPageErrors();

test('the graph is laid out on the grid when the ELK worker cannot start', async ({ page }) => {
  const { logged, refused } = await refuseRequests(
    page,
    '**/_next/static/chunks/turbopack-worker-*',
    (route) => route.abort(),
    'error',
  );
  await page.goto('/example');
  await graphReady(page, 30_000);
  expect(refused()).toBeGreaterThan(0);
  expect(logged.some((t) => t.includes('the ELK layout failed, using the grid'))).toBe(true);
  // Laid out: the leaves stand apart, not piled where they were added.
  const spread = await page.evaluate(() => {
    const xs = (window.__patchbay?.cy.nodes(':childless') ?? []).map((n) => Math.round(n.position().x));
    return { nodes: xs.length, distinct: new Set(xs).size };
  });
  expect(spread.nodes).toBeGreaterThan(5);
  expect(spread.distinct).toBeGreaterThan(1);
});

test('with the worker, the same graph is laid out by ELK: its boxes are kept', async ({ page }) => {
  await page.goto('/example');
  await graphReady(page, 30_000);
  const withElkBoxes = await page.evaluate(() => {
    const h = window.__patchbay;
    return (h?.cy.nodes(':parent').toArray() ?? []).filter((n) => (h?.elkBox(n.id())?.width ?? 0) > 0).length;
  });
  expect(withElkBoxes).toBeGreaterThan(0);
});
