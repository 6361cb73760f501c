import { expect, type Page, test } from '@playwright/test';
import { elementReady, failOnPageErrors, removeLabHost, useLabHost } from './lab';

/**
 * A box's title is part of the box (issue 13): clicking "qrouter-…" selects that namespace, not
 * the host; clicking "br-ex" selects the bridge, not an edge passing over its title.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1600, height: 1000 } });
failOnPageErrors('admin');

const HOST = 'openstack-aio';
let added = false;

/** Page coordinates of the middle of a node's title (its label's box). */
const titleCentre = (page: Page, id: string) =>
  page.evaluate((x) => {
    const cy = window.__patchbay?.cy;
    const n = cy?.getElementById(x);
    if (!cy || !n || n.empty()) return null;
    const b = n.renderedBoundingBox({ includeLabels: true, includeNodes: false, includeEdges: false });
    const r = cy.container()?.getBoundingClientRect();
    return r ? { x: r.left + (b.x1 + b.x2) / 2, y: r.top + (b.y1 + b.y2) / 2 } : null;
  }, id);

const selected = (page: Page) =>
  page.evaluate(() => window.__patchbay?.cy.$(':selected').map((e) => e.id()) ?? []);

test('clicking a container title selects that container', async ({ page }) => {
  added = await useLabHost(page, HOST);
  await page.goto(`/view?hosts=${HOST}`);
  await elementReady(page, `${HOST}|br:br-int`);
  const qrouter = await page.evaluate(
    () =>
      window.__patchbay?.cy
        .nodes('[kind = "namespace"]')
        .filter((n) => String(n.data('label')).startsWith('qrouter-'))
        .first()
        .id() ?? '',
  );
  for (const id of [qrouter, `${HOST}|br:br-ex`]) {
    // Measured again before each try: in one full run the first click landed ~40 px below the
    // title (on the link under it), twice, as if the canvas moved between measuring and clicking;
    // the picture at the end was unchanged. What is asserted is the click on the title itself.
    await expect(async () => {
      const at = await titleCentre(page, id);
      expect(at, `title of ${id}`).not.toBeNull();
      await page.mouse.click(at?.x ?? 0, at?.y ?? 0);
      await expect.poll(() => selected(page), { timeout: 2_000 }).toEqual([id]);
    }).toPass({ timeout: 30_000 });
  }
});

test.afterAll(async ({ browser }) => {
  if (added) await removeLabHost(browser, HOST);
});
