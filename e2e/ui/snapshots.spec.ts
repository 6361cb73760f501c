import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { failOnPageErrors, graphReady, onLabHost, removeLabHost, shot, useLabHost } from './lab';

/**
 * Issue 12 on the `changes` lab host: a snapshot taken from the graph view; the host changed
 * behind Patchbay's back (plain ssh); the snapshot compared with live names exactly that change
 * and marks it on the graph; a share link opened without a session shows the snapshot read-only
 * and nothing else, and stops working (404) once revoked; the exported file imported again draws
 * the same graph. Expired links are covered by the snapshot service's unit tests (their clock is
 * injected there; a link made here cannot be aged).
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1600, height: 1000 } });
failOnPageErrors('admin');

const HOST = 'changes';
const PORT = 'snap-e2e';
const NAME = `e2e before ${PORT}`;

let addedHost = false;
let snapshotId = '';
let shareUrl = '';

/** Every element id drawn, sorted: two graphs of the same models have the same ones. */
const elementIds = (page: Page) =>
  page.evaluate(() => (window.__patchbay?.cy.elements().map((e) => e.id()) ?? []).sort());

const hasElement = (page: Page, id: string) =>
  page.evaluate((x) => window.__patchbay?.cy.getElementById(x).nonempty() ?? false, id);

test('an operator takes a snapshot of the host from the graph view (the `s` key)', async ({ page }) => {
  test.setTimeout(120_000);
  addedHost = await useLabHost(page, HOST);
  onLabHost(HOST, `ovs-vsctl --if-exists del-port br-int ${PORT}`);
  await page.goto(`/view?hosts=${HOST}`);
  await expect(page.getByTestId('snapshot-toggle')).toBeVisible();
  // The snapshot is of the last read: read the host as it is now first.
  const refreshed = page.waitForResponse((r) => r.url().includes('/api/trpc/hosts.refresh'));
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await refreshed;
  await expect(page.getByRole('button', { name: 'Refresh', exact: true })).toBeEnabled();
  await graphReady(page);
  await expect.poll(() => hasElement(page, `${HOST}|br:br-int`)).toBe(true);

  await page.keyboard.press('s');
  const form = page.getByRole('form', { name: 'Take a snapshot' });
  await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue(
    new RegExp(`^${HOST} \\d{4}-\\d\\d-\\d\\d`),
  );
  await form.getByLabel('Name', { exact: true }).fill(NAME);
  await form.getByLabel('Note (optional)').fill('taken by the UI suite before it adds a port');
  await form.getByRole('button', { name: 'Take snapshot' }).click();
  const link = page.getByTestId('snapshot-link');
  await expect(link).toHaveText(NAME);
  snapshotId = ((await link.getAttribute('href')) ?? '').replace('/snapshots/', '');
  expect(snapshotId).toMatch(/^[0-9a-f-]{36}$/);
  await shot(page, 'snapshot-taken');

  // Opened: the host as it was, read-only.
  await link.click();
  await expect(page.getByTestId('snapshot-banner')).toContainText(`Snapshot ${NAME} — taken`);
  await expect(page.getByTestId('snapshot-banner')).toContainText('read-only');
  await expect(page.getByTestId('snapshot-banner')).toContainText('before it adds a port');
  await expect.poll(() => hasElement(page, `${HOST}|br:br-int`)).toBe(true);
  for (const name of ['Refresh', 'Edit', 'Snapshot', 'Trace'])
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  // The host's history lists it.
  await page.goto(`/snapshots?host=${HOST}`);
  await expect(page.locator(`[data-snapshot="${snapshotId}"]`)).toContainText(NAME);
});

test('compared with live after a port is added on the host: the text names that port and the graph marks it added', async ({
  page,
}) => {
  test.setTimeout(120_000);
  onLabHost(HOST, `ovs-vsctl add-port br-int ${PORT} -- set Interface ${PORT} type=internal`);
  await page.goto(`/snapshots/${snapshotId}`);
  await page.getByRole('link', { name: 'Compare with live' }).click();
  await expect(page).toHaveURL(new RegExp(`/snapshots/compare\\?from=${snapshotId}&to=live`));
  const text = page.getByTestId('compare-text');
  await expect(text).toContainText(`+ port br-int/${PORT}`, { timeout: 60_000 });
  const lines = await page.getByTestId('compare-line').allTextContents();
  expect(lines[0]).toMatch(new RegExp(`^host ${HOST}: [1-9]\\d* added, 0 removed, 0 changed$`));
  const changes = lines.filter((l) => /^\s*[+~-] /.test(l));
  expect(changes.length).toBeGreaterThan(0);
  // Exactly that change: every object added is the port or what comes with it (its interface, its device).
  for (const line of changes) expect(line).toMatch(new RegExp(`^\\s*\\+ \\w+ .*${PORT}`));

  await graphReady(page);
  const portId = `${HOST}|port:br-int/${PORT}`;
  await expect
    .poll(() =>
      page.evaluate((id) => window.__patchbay?.cy.getElementById(id).data('pending') ?? null, portId),
    )
    .toBe('added');
  await expect(page.getByTestId('compare-legend')).toContainText('added');
  // A line selects what it names.
  await text.getByRole('button', { name: `+ port br-int/${PORT}` }).click();
  await expect
    .poll(() => page.evaluate(() => window.__patchbay?.cy.$(':selected').map((e) => e.id()) ?? []))
    .toEqual([portId]);
  await expect(page).toHaveURL(/select=/);
  await shot(page, 'snapshot-compare-live');
});

/** A browser context with no cookies: someone who was only given the link. */
async function stranger(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  const apiCalls: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) apiCalls.push(r.url());
  });
  return { context, page, errors, apiCalls };
}

test('a share link opens the snapshot read-only without a session, refuses writes, and answers 404 once revoked', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await page.goto('/snapshots');
  const row = page.locator(`[data-snapshot="${snapshotId}"]`);
  await row.getByRole('button', { name: 'Share links' }).click();
  const panel = page.getByTestId('share-panel');
  await panel.getByLabel('Expiry unit').selectOption('hours');
  await panel.getByLabel('Expiry amount').fill('2');
  await panel.getByRole('button', { name: 'Create share link' }).click();
  const urlBox = panel.getByTestId('share-url');
  await expect(urlBox).toHaveValue(/^http:\/\/[^/]+\/s\/[A-Za-z0-9_-]{43}$/);
  shareUrl = await urlBox.inputValue();
  await expect(panel.getByTestId('share-link')).toHaveCount(1);
  await expect(panel.getByTestId('share-link')).toHaveAttribute('data-status', 'active');
  await shot(page, 'snapshot-share-created');

  const anon = await stranger(browser);
  try {
    const res = await anon.page.goto(shareUrl);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['referrer-policy']).toBe('no-referrer');
    await expect(anon.page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    const banner = anon.page.getByTestId('shared-banner');
    await expect(banner).toContainText(`Shared snapshot ${NAME} — taken`);
    await expect(banner).toContainText('read-only; link expires');
    await graphReady(anon.page);
    // The snapshot, not the host now: br-int without the port added after it.
    expect(await hasElement(anon.page, `${HOST}|br:br-int`)).toBe(true);
    expect(await hasElement(anon.page, `${HOST}|port:br-int/${PORT}`)).toBe(false);
    for (const name of ['Refresh', 'Edit', 'Snapshot', 'Trace'])
      await expect(anon.page.getByRole('button', { name, exact: true })).toHaveCount(0);
    await expect(anon.page.getByTestId('app-header')).toHaveCount(0);
    await expect(anon.page.getByRole('link', { name: 'Sign in' })).toBeVisible();
    // The page brought its data: nothing was asked of the API.
    expect(anon.apiCalls).toEqual([]);
    await shot(anon.page, 'snapshot-shared');

    // The link is no session: writes through the API are refused.
    const post = (path: string, data: unknown) =>
      anon.context.request.post(`/api/trpc/${path}`, {
        data,
        headers: { origin: baseURL as string, 'content-type': 'application/json' },
      });
    expect((await post('snapshots.take', { hostIds: [randomUUID()], name: 'x', note: '' })).status()).toBe(
      401,
    );
    expect((await post('hosts.refresh', { id: randomUUID() })).status()).toBe(401);
    expect((await anon.context.request.get('/api/trpc/snapshots.list')).status()).toBe(401);

    // Revoked: the same URL answers 404, like a malformed or an unknown token.
    await panel.getByRole('button', { name: 'Revoke' }).click();
    await expect(panel.getByTestId('share-link')).toHaveAttribute('data-status', 'revoked');
    expect((await anon.page.goto(shareUrl))?.status()).toBe(404);
    expect((await anon.page.goto('/s/not-a-token'))?.status()).toBe(404);
    expect((await anon.page.goto(`/s/${randomBytes(32).toString('base64url')}`))?.status()).toBe(404);
    expect(anon.errors).toEqual([]);
  } finally {
    await anon.context.close();
  }
});

test('the exported snapshot file, imported again, is a new snapshot drawing the same graph', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(`/snapshots/${snapshotId}`);
  await graphReady(page);
  await expect.poll(() => hasElement(page, `${HOST}|br:br-int`)).toBe(true);
  const original = await elementIds(page);

  const download = page.waitForEvent('download');
  await page.getByTestId('snapshot-banner').getByRole('button', { name: 'Export', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^patchbay-e2e_before_snap-e2e-\d{4}-\d\d-\d\d\.json$/);
  const path = test.info().outputPath('snapshot.json');
  await file.saveAs(path);
  const saved = JSON.parse(readFileSync(path, 'utf8'));
  expect(saved).toMatchObject({ schemaVersion: 2, kind: 'patchbay-snapshot', name: NAME });
  expect(saved.hosts.map((h: { model: { host: string } }) => h.model.host)).toEqual([HOST]);

  await page.goto('/snapshots');
  await page.getByTestId('import-file').setInputFiles(path);
  const imported = page.getByTestId('import-ok');
  await expect(imported).toContainText(`Imported as ${NAME}`);
  const href = (await imported.getByRole('link').getAttribute('href')) ?? '';
  expect(href).toMatch(/^\/snapshots\/[0-9a-f-]{36}$/);
  expect(href).not.toBe(`/snapshots/${snapshotId}`);
  await page.goto(href);
  await expect(page.getByTestId('snapshot-banner')).toContainText('(imported)');
  await graphReady(page);
  await expect.poll(() => elementIds(page)).toEqual(original);

  // A file that is not a snapshot is refused, naming where.
  await page.goto('/snapshots');
  await page.getByTestId('import-file').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...saved, name: '' })),
  });
  await expect(page.getByTestId('import-error').locator('code')).toHaveText(['name']);
});

test('a host history offers its snapshot schedule, set and stopped by an operator', async ({ page }) => {
  await page.goto(`/snapshots?host=${HOST}`);
  const schedule = page.getByTestId('host-schedule');
  await expect(schedule).toContainText(`Scheduled snapshots of ${HOST}: off`);
  await schedule.getByLabel('Take one').selectOption({ label: 'every 6 hours' });
  await schedule.getByRole('button', { name: 'Schedule' }).click();
  await expect(schedule).toContainText('every 6 hours, next');
  // The server has it: a reload shows the same.
  await page.reload();
  await expect(page.getByTestId('host-schedule')).toContainText('every 6 hours, next');
  await page.getByTestId('host-schedule').getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('host-schedule')).toContainText(`Scheduled snapshots of ${HOST}: off`);
});

test.afterAll(async ({ browser }) => {
  // Put the host back; leave the inventory as this file found it.
  onLabHost(HOST, `ovs-vsctl --if-exists del-port br-int ${PORT}`);
  if (addedHost) await removeLabHost(browser, HOST);
});
