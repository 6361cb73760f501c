import { type Browser, expect, type Page, test } from '@playwright/test';
import { elementReady, failOnPageErrors, refuseRequests, removeLabHost, useLabHost } from './lab';
import { credentials } from './session';

/**
 * Signed-in views are laid out by the server's ELK (server/layout, layout.compute): warm, and its
 * answers shared between browsers. The picture is ELK's either way: a browser whose request fails
 * lays the same graph out in its own worker, at the same places.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1600, height: 1000 } });
failOnPageErrors('admin');

const HOST = 'openstack-aio';
const BRIDGE = `${HOST}|br:br-int`;
let added = false;

/** Every leaf's position (model coordinates: the same whatever the viewport's pan and zoom). */
const positions = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      (window.__patchbay?.cy.nodes(':childless').toArray() ?? []).map((n) => [
        n.id(),
        `${Math.round(n.position().x)},${Math.round(n.position().y)}`,
      ]),
    ),
  );

/**
 * A browser of its own (nothing stored: no layout kept in localStorage), signed in through the API:
 * signing in through the form lands on the home page, whose graph would fill the browser's store.
 */
async function freshView(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const res = await context.request.post('/api/trpc/auth.login', {
    data: credentials('admin'),
    headers: { origin: baseURL ?? '' },
  });
  expect(res.status()).toBe(200);
  return { context, page: await context.newPage() };
}

const layoutAnswer = (page: Page) =>
  page.waitForResponse((r) => new URL(r.url()).pathname === '/api/trpc/layout.compute');

test('the server lays a signed-in view out, and answers the next browser from what it kept', async ({
  page,
  browser,
  baseURL,
}) => {
  added = await useLabHost(page, HOST);
  const first = layoutAnswer(page);
  await page.goto(`/view?hosts=${HOST}`);
  expect((await first).status()).toBe(200);
  await elementReady(page, BRIDGE);
  const drawn = await positions(page);
  expect(Object.keys(drawn).length).toBeGreaterThan(10);

  const { context: other, page: next } = await freshView(browser, baseURL);
  try {
    const asked: string[] = [];
    next.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/trpc/layout.compute') asked.push(r.url());
    });
    const answer = layoutAnswer(next);
    await next.goto(`/view?hosts=${HOST}`);
    const res = await answer;
    expect(res.status()).toBe(200);
    expect(((await res.json()) as { result: { data: { cached: boolean } } }).result.data.cached).toBe(true);
    await elementReady(next, BRIDGE);
    expect(await positions(next)).toEqual(drawn);
    // Asked once: the request sent ahead of the canvas (prefetchLayout) is the layout's own.
    expect(asked).toHaveLength(1);
  } finally {
    await other.close();
  }
});

test("when the server cannot lay it out, the browser's worker draws the same picture", async ({
  page,
  browser,
  baseURL,
}) => {
  await page.goto(`/view?hosts=${HOST}`);
  await elementReady(page, BRIDGE);
  const drawn = await positions(page);

  const { context: other, page: next } = await freshView(browser, baseURL);
  try {
    const { logged: warned, refused } = await refuseRequests(
      next,
      '**/api/trpc/layout.compute*',
      (route) => route.fulfill({ status: 503, contentType: 'text/plain', body: 'unavailable' }),
      'warning',
    );
    await next.goto(`/view?hosts=${HOST}`);
    await elementReady(next, BRIDGE);
    expect(refused()).toBeGreaterThan(0);
    expect(warned.some((t) => t.includes('the server did not lay the graph out; the browser does'))).toBe(
      true,
    );
    expect(await positions(next)).toEqual(drawn);
  } finally {
    await other.close();
  }
});

test('until its first layout answers, the canvas draws nothing and says it is laying out', async ({
  browser,
  baseURL,
}) => {
  const { context: other, page: next } = await freshView(browser, baseURL);
  try {
    // The server's answer held back for 3 s.
    let answered = false;
    await next.route('**/api/trpc/layout.compute*', async (route) => {
      await new Promise((r) => setTimeout(r, 3_000));
      answered = true;
      await route.continue();
    });
    await next.goto(`/view?hosts=${HOST}`);
    const canvas = next.getByTestId('topology-canvas');
    await expect
      .poll(() => canvas.evaluate((el) => getComputedStyle(el, '::after').content), { timeout: 10_000 })
      .toBe('"Laying out…"');
    await expect
      .poll(() => canvas.evaluate((el) => getComputedStyle(el, '::after').opacity), { timeout: 5_000 })
      .toBe('1');
    // The graph's elements are there (once the models have loaded), but Cytoscape has drawn no
    // frame: the pile where nodes are added is never shown.
    await expect
      .poll(() => next.evaluate(() => window.__patchbay?.cy.elements().length ?? 0), { timeout: 10_000 })
      .toBeGreaterThan(10);
    const before = await next.evaluate(() => ({
      ready: window.__patchbay?.ready,
      drawn: window.__patchbay?.firstFrameMs !== undefined,
    }));
    expect(answered).toBe(false);
    expect(before).toEqual({ ready: false, drawn: false });
    await elementReady(next, BRIDGE);
    expect(await canvas.evaluate((el) => getComputedStyle(el, '::after').content)).toBe('none');
    // Drawn once the answer came, laid out (the leaves stand apart).
    const spread = await next.evaluate(() => {
      const xs = (window.__patchbay?.cy.nodes(':childless') ?? []).map((n) => Math.round(n.position().x));
      return new Set(xs).size;
    });
    expect(spread).toBeGreaterThan(1);
    await expect.poll(() => next.evaluate(() => window.__patchbay?.firstFrameMs !== undefined)).toBe(true);
  } finally {
    await other.close();
  }
});

test.afterAll(async ({ browser }) => {
  if (added) await removeLabHost(browser, HOST);
});
