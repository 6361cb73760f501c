import { expect, type Page, test } from '@playwright/test';
import { failOnPageErrors, LAB_KEY, onLabHost, removeLabHost, useLabHost } from './lab';

/**
 * A read's health and age (issue 13; docs/ui.md "Read health"): every view says how old the read
 * it shows is, a refresh names what changed, a stale stored read is read again on open, and a
 * host that cannot be reached says why and offers Retry. On the `changes` lab host, whose test
 * port is removed again afterwards, and on a host at an address where nothing answers.
 */
test.describe.configure({ mode: 'serial' });
failOnPageErrors('admin');

const HOST = 'changes';
const PORT = 'health-e2e';
const PORT_ID = `${HOST}|port:br-int/${PORT}`;
const OFFLINE = 'offline-e2e';
let added = false;
let offlineAdded = false;

/** The host is drawn and laid out (an empty canvas is "ready" too, before the first read arrives). */
const drawn = (page: Page) =>
  page.waitForFunction(
    (id) => window.__patchbay?.ready === true && window.__patchbay.cy.getElementById(id).nonempty(),
    `${HOST}|br:br-int`,
    { timeout: 60_000 },
  );

/** The test port's label as drawn ('' while it is not): its second line is its VLAN. */
const portLabel = (page: Page) =>
  page.evaluate((id) => String(window.__patchbay?.cy.getElementById(id).data('label') ?? ''), PORT_ID);

const refresh = (page: Page) => page.getByRole('button', { name: 'Refresh', exact: true }).click();

// A local time as Chromium prints it: 14:02:11, or 2:02:11 PM.
const LOCAL_TIME = /\d{1,2}:\d{2}:\d{2}(\s?[AP]M)?/;

test('the view and the hosts page say how old the read is', async ({ page }) => {
  test.setTimeout(120_000);
  added = await useLabHost(page, HOST);
  onLabHost(
    HOST,
    `ovs-vsctl --may-exist add-port br-int ${PORT} -- set Interface ${PORT} type=internal -- set Port ${PORT} tag=101`,
  );
  await page.goto(`/view?hosts=${HOST}`);
  await drawn(page);
  await refresh(page);
  await expect.poll(() => portLabel(page), { timeout: 30_000 }).toContain('vlan 101');
  // One compact line for a host read whole and recently: relative and local time.
  const ages = page.getByTestId('read-ages');
  await expect(ages).toHaveText(/^read (just now|\d+ s ago) \(/);
  await expect(ages).toContainText(LOCAL_TIME);

  await page.goto('/hosts');
  const status = page.locator(`tr[data-host="${HOST}"]`).getByTestId('host-status');
  await expect(status).toHaveAttribute('data-health', 'complete');
  await expect(status.locator('span').first()).toHaveText('ok');
  const age = status.locator('time');
  await expect(age).toHaveText(/^read (just now|\d+ s ago)$/);
  await expect(age).toHaveAttribute('title', LOCAL_TIME);
});

test('a refresh names what changed: the port and its new tag', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`/view?hosts=${HOST}`);
  await drawn(page);
  await expect.poll(() => portLabel(page)).toContain('vlan 101');
  onLabHost(HOST, `ovs-vsctl set Port ${PORT} tag=102`);
  await refresh(page);
  // Listed while the refresh highlight lasts (5 s), from the structural diff of the two reads.
  await expect(page.getByTestId('changes')).toContainText(`~ port br-int/${PORT}: tag 101 → 102`, {
    timeout: 30_000,
  });
});

test('a stored read older than the stale threshold is read again when the view opens', async ({ page }) => {
  test.setTimeout(120_000);
  // Changed behind Patchbay's back: the stored read (seconds old) still says 102.
  onLabHost(HOST, `ovs-vsctl set Port ${PORT} tag=103`);
  // Ages are judged by the browser's clock: ten minutes ahead, the stored read is past the
  // five-minute threshold without waiting for it (and the new read will be as old again).
  await page.clock.install({ time: Date.now() + 10 * 60_000 });
  await page.goto(`/view?hosts=${HOST}`);
  const stale = page.getByTestId('host-stale');
  await expect(stale).toContainText(`${HOST} — read 10 min ago (`);
  await expect(stale).toContainText('· stale');
  // Read on open, Refresh untouched: the graph shows the host as it is now.
  await expect.poll(() => portLabel(page), { timeout: 30_000 }).toContain('vlan 103');
});

test('a host that cannot be reached, viewed alone, says why and offers Retry', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/hosts');
  const form = page.getByRole('form', { name: 'Add host' });
  await form.getByLabel('Name').fill(OFFLINE);
  // In the lab's subnet, where no lab host has this address: nothing answers.
  await form.getByLabel('Address').fill('198.18.0.250');
  await form.getByLabel('User').fill('root');
  await form.getByLabel('Authentication').selectOption('key');
  await form.getByLabel('Key path (on the server)').fill(LAB_KEY);
  await form.getByRole('button', { name: /Add and test/ }).click();
  await expect(page.getByTestId('test-error')).toContainText(/Nothing answered|did not answer in time/, {
    timeout: 60_000,
  });
  offlineAdded = true;

  await page.goto(`/view?hosts=${OFFLINE}`);
  const why = page.getByTestId('host-unread');
  await expect(why).toContainText(`${OFFLINE} could not be read at`, { timeout: 60_000 });
  await expect(why).toContainText(/Nothing answered|did not answer in time/);
  await expect(page.getByText('No host model to show yet.')).toHaveCount(0);
  await expect(why.getByRole('link', { name: `${OFFLINE} on the Hosts page` })).toHaveAttribute(
    'href',
    `/hosts#host-${OFFLINE}`,
  );
  // Retry reads the host again; once that read failed too, the reason and Retry are back.
  const retried = page.waitForResponse((r) => r.url().includes('/api/trpc/hosts.refresh'), {
    timeout: 60_000,
  });
  await why.getByRole('button', { name: 'Retry' }).click();
  await retried;
  await expect(why.getByRole('button', { name: 'Retry' })).toBeVisible({ timeout: 60_000 });
  await expect(why).toContainText(/Nothing answered|did not answer in time/);
});

test.afterAll(async ({ browser }) => {
  onLabHost(HOST, `ovs-vsctl --if-exists del-port br-int ${PORT}`);
  if (added) await removeLabHost(browser, HOST);
  if (offlineAdded) await removeLabHost(browser, OFFLINE);
});
