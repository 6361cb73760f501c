import { expect, test } from '@playwright/test';
import { labDown, labUpMissing } from '../../scripts/lab/lab';
import { addLabHost, graphReady, shot } from './lab';
import { signIn } from './session';

// The `large` lab host (4 bridges, 2,004 ports, 300 namespaces, 10,004 flows) read for real: it
// must open collapsed with counts, stay small on screen, and still let search reach any port.
let broughtUp: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  broughtUp = await labUpMissing(['large']);
});

test.beforeEach(({ page }) => signIn(page, 'admin'));

test.afterAll(async () => {
  test.setTimeout(120_000);
  if (broughtUp.length) await labDown(broughtUp);
});

test('a host with 2,000 ports opens collapsed with counts, and search opens the way to a port', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await addLabHost(page, 'large');
  await page.goto('/view?hosts=large');
  await page.waitForFunction(
    () => (window.__patchbay?.cy.nodes('[kind = "bridge"]').length ?? 0) === 4,
    null,
    {
      timeout: 120_000,
    },
  );
  await graphReady(page, 120_000);
  const view = await page.evaluate(() => {
    const cy = window.__patchbay?.cy;
    return {
      drawn: cy?.nodes().length ?? 0,
      collapsedBridges: cy?.nodes('[kind = "bridge"][?collapsed]').map((n) => String(n.data('label'))) ?? [],
      collapsedNamespaces: cy?.nodes('[kind = "namespace"][?collapsed]').length ?? 0,
    };
  });
  expect(view.collapsedBridges).toHaveLength(4);
  expect(view.collapsedBridges.find((l) => l.startsWith('br-l0'))).toMatch(/\d+ ports/);
  expect(view.collapsedNamespaces).toBeGreaterThanOrEqual(300);
  // A few hundred containers on screen instead of thousands of ports and links.
  expect(view.drawn).toBeLessThan(400);
  await shot(page, 'large-collapsed');

  // Search for a port inside a collapsed bridge: the bridge opens and the port is selected.
  await page.keyboard.press('/');
  await page.keyboard.type('l2v10');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/select=large(%7C|\|)port(%3A|:)br-l2(%2F|\/)l2v10/);
  await page.waitForFunction(
    () =>
      window.__patchbay?.cy.$(':selected').some((n) => String(n.data('label')).startsWith('l2v10')) ?? false,
    null,
    { timeout: 30_000 },
  );
  const bridgeOpen = await page.evaluate(() =>
    window.__patchbay?.cy
      .nodes('[kind = "bridge"]')
      .some((n) => n.data('label') === 'br-l2' && !n.data('collapsed')),
  );
  expect(bridgeOpen).toBe(true);
  await shot(page, 'large-search');
});
