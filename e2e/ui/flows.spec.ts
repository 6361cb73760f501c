import { expect, type Page, test } from '@playwright/test';
import { addLabHost, failOnPageErrors, graphReady, removeLabHost, shot } from './lab';

/**
 * Issue 14 on the `compute` lab host, whose br-tun continues from table 0 to table 2
 * (`in_port=patch-int actions=resubmit(,2)`; openstack-aio's bridges have no such chain): tables
 * as sections, the chain followed by click and by keyboard, ports by name, the filter in every view.
 */
test.describe.configure({ mode: 'serial' });
failOnPageErrors('admin');

const HOST = 'compute';

async function openBrTun(page: Page) {
  await page.goto(`/view?hosts=${HOST}`);
  await graphReady(page);
  // The host's first read may still be on its way when the (empty) graph is ready.
  await expect
    .poll(() =>
      page.evaluate(() =>
        window.__patchbay?.cy.nodes('[kind = "bridge"]').map((n) => String(n.data('label')).split('\n')[0]),
      ),
    )
    .toContain('br-tun');
  await page.evaluate(() => {
    const node = window.__patchbay?.cy
      .nodes('[kind = "bridge"]')
      .filter((n) => String(n.data('label')).split('\n')[0] === 'br-tun')
      .first();
    if (!node || node.empty()) throw new Error('no bridge br-tun');
    node.emit('tap');
  });
  const flows = page.getByTestId('inspector').getByTestId('flow-table');
  await expect(flows).toBeVisible();
  return flows;
}

test('br-tun reads as tables, its resubmit followed by click and by keyboard, ports by name', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await addLabHost(page, HOST);
  const flows = await openBrTun(page);
  const view = (name: string) => flows.getByRole('button', { name, exact: true });

  // Three flows open as the flat table, the port by name and the resubmit a button.
  await expect(view('Table')).toHaveAttribute('aria-pressed', 'true');
  const fromPatch = flows.locator('tr', { hasText: 'in_port=patch-int' });
  await expect(fromPatch).toContainText('resubmit(,2)');
  await expect(flows).not.toContainText('in_port=1');

  // A click on the resubmit switches to the logic view and lands on table 2.
  await fromPatch.getByRole('button', { name: 'resubmit(,2)' }).click();
  await expect(view('Logic')).toHaveAttribute('aria-pressed', 'true');
  const table0 = flows.getByRole('region', { name: 'table 0', exact: true });
  const table2 = flows.getByRole('region', { name: 'table 2', exact: true });
  await expect(table2).toHaveAttribute('data-flash', 'true');
  await expect(table2.getByRole('heading', { name: 'table 2' })).toBeFocused();
  await expect(table2).toBeInViewport();
  expect(
    await flows.locator('section[data-table]').evaluateAll((s) => s.map((e) => e.getAttribute('data-table'))),
  ).toEqual(['0', '2']);
  // Sections say where packets go next and where they come from; blocks name the port.
  await expect(table0).toContainText('priority=1,in_port=patch-int');
  await expect(table0).toContainText('continues to table 2');
  await expect(table0).toContainText(/\d+% of table 0's packets/);
  await expect(table2).toContainText('comes from table 0');
  await expect(table2).toContainText('NORMAL');
  await shot(page, 'flows-logic');

  // Keyboard only: Enter on "comes from table 0" lands on table 0; Tab reaches its "continues to".
  await table2.getByRole('button', { name: 'table 0' }).focus();
  await page.keyboard.press('Enter');
  await expect(table0.getByRole('heading', { name: 'table 0' })).toBeFocused();
  await expect(table0).toHaveAttribute('data-flash', 'true');
  await page.keyboard.press('Tab');
  await expect(table0.getByRole('button', { name: 'table 2' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(table2.getByRole('heading', { name: 'table 2' })).toBeFocused();
});

test('the filter applies to every view, and a jump to a table it hides clears it', async ({ page }) => {
  const flows = await openBrTun(page);
  const view = (name: string) => flows.getByRole('button', { name, exact: true });
  const filter = flows.getByLabel('Filter flows');
  await view('Logic').click();
  await filter.fill('NORMAL');
  await expect(flows.locator('section[data-table]')).toHaveCount(1);
  const table2 = flows.getByRole('region', { name: 'table 2', exact: true });
  await table2.getByRole('button', { name: 'table 0' }).click();
  await expect(filter).toHaveValue('');
  await expect(flows.getByRole('region', { name: 'table 0', exact: true })).toBeVisible();

  await view('Cookies').click();
  const cookie = flows.getByRole('region', { name: 'cookie 0x0', exact: true });
  await expect(cookie).toContainText('in_port=patch-int');
  await filter.fill('drop');
  await expect(cookie.locator('tbody tr')).toHaveCount(1);

  await view('Raw').click();
  const raw = flows.getByTestId('flow-raw');
  await expect(raw).toContainText('actions=drop');
  await expect(raw).not.toContainText('resubmit');
  await filter.fill('');
  await expect(raw).toContainText('resubmit(,2)');
});

test.afterAll(({ browser }) => removeLabHost(browser, HOST));
