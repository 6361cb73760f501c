import { expect, type Page, test } from '@playwright/test';
import { elementReady, failOnPageErrors, removeLabHost, useLabHost } from './lab';

/**
 * A hosts graph's page arrives with the hosts list and the stored models it shows
 * (app/(signed-in)/hosts-graph-data.tsx): the canvas lays the graph out right after hydration,
 * not after a round trip for the list and another for the models.
 */
test.describe.configure({ mode: 'serial' });
failOnPageErrors('admin');

const HOST = 'openstack-aio';
const BRIDGE = `${HOST}|br:br-int`;
let added = false;

/** The tRPC procedures the page asks for from now on (a batch names each of its calls). */
function proceduresAsked(page: Page): string[] {
  const asked: string[] = [];
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/api/trpc/')) asked.push(...pathname.slice('/api/trpc/'.length).split(','));
  });
  return asked;
}

test('/view draws its host without asking for the hosts list or the model', async ({ page }) => {
  added = await useLabHost(page, HOST);
  // The first open reads the host if it was never read (or long ago); the second finds it fresh.
  await page.goto(`/view?hosts=${HOST}`);
  await elementReady(page, BRIDGE);
  await page.waitForLoadState('networkidle');

  const asked = proceduresAsked(page);
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto(`/view?hosts=${HOST}`);
  await elementReady(page, BRIDGE);
  // The server's HTML is what the browser hydrates: no mismatch (ages and local times wait for it).
  expect(consoleErrors.filter((t) => /hydrat/i.test(t))).toEqual([]);
  expect(asked.filter((p) => p === 'hosts.list' || p === 'hosts.model')).toEqual([]);
  // The graph drawn is the stored model's: the host's bridges are there.
  const bridge = `${HOST}|br:br-ex`;
  expect(await page.evaluate((id) => window.__patchbay?.cy.getElementById(id).nonempty(), bridge)).toBe(true);
});

test('a host the URL names that is not in the inventory is said, and nothing is drawn for it', async ({
  page,
}) => {
  await page.goto('/view?hosts=no-such-host');
  await expect(page.getByText('No host named no-such-host in the inventory.')).toBeVisible();
  expect(await page.evaluate(() => window.__patchbay?.cy.nodes().length ?? 0)).toBe(0);
});

test.afterAll(async ({ browser }) => {
  if (added) await removeLabHost(browser, HOST);
});
