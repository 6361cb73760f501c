import { expect, type Page, test } from '@playwright/test';
import { elementReady, failOnPageErrors, graphReady, onLabHost, removeLabHost, useLabHost } from './lab';

/**
 * A stable picture (issue 13): after a one-port change on the host and a refresh, every node that
 * was drawn stays exactly where it was; only the new port is placed.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1600, height: 1000 } });
failOnPageErrors('admin');

const HOST = 'changes';
const PORT = 'layout-e2e';
let added = false;

/** Model positions of every drawn node that is not a box (boxes follow their content). */
const leafPositions = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      (window.__patchbay?.cy.nodes(':childless') ?? []).map((n) => [n.id(), { ...n.position() }]),
    ),
  );

/** The positions once the layout is done and nothing moves any more (two reads 300 ms apart agree). */
async function settled(page: Page) {
  let last = '';
  for (;;) {
    await graphReady(page);
    const now = await leafPositions(page);
    const text = JSON.stringify(now);
    if (text === last) return now;
    last = text;
    await page.waitForTimeout(300);
  }
}

test('a refresh after a one-port change moves no surviving node', async ({ page }) => {
  added = await useLabHost(page, HOST);
  await page.goto(`/view?hosts=${HOST}`);
  await elementReady(page, `${HOST}|br:br-int`);
  const before = await settled(page);
  expect(Object.keys(before).length).toBeGreaterThan(5);

  onLabHost(HOST, `ovs-vsctl add-port br-int ${PORT} -- set Interface ${PORT} type=internal`);
  // The layout's answer held back 2 s: until it comes, the new port is not drawn (not piled at
  // the origin over what is there).
  let answered = false;
  await page.route('**/api/trpc/layout.compute*', async (route) => {
    await new Promise((r) => setTimeout(r, 2_000));
    answered = true;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  const portId = `${HOST}|port:br-int/${PORT}`;
  const drawn = (id: string) =>
    page.evaluate((x) => {
      const n = window.__patchbay?.cy.getElementById(x);
      return !n || n.empty() ? null : n.visible();
    }, id);
  await expect.poll(() => drawn(portId)).not.toBeNull();
  expect(await drawn(portId)).toBe(false);
  expect(answered).toBe(false);
  const after = await settled(page);
  expect(await drawn(portId)).toBe(true);
  const moved = Object.entries(before)
    .filter(([id]) => id in after)
    .filter(([id, p]) => {
      const q = after[id] as { x: number; y: number };
      return Math.abs(p.x - q.x) > 0.5 || Math.abs(p.y - q.y) > 0.5;
    })
    .map(([id]) => id);
  expect(moved).toEqual([]);
  // The new port was placed, not left at the origin on top of something.
  expect(after[portId]).toBeDefined();
});

test.afterAll(async ({ browser }) => {
  onLabHost(HOST, `ovs-vsctl --if-exists del-port br-int ${PORT}`);
  if (added) await removeLabHost(browser, HOST);
});
