import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { failOnPageErrors, graphReady, shot } from './lab';

/**
 * Paste import (issue 12): the `ovs-vsctl show` and `ovs-ofctl dump-flows br-ex` an OpenStack
 * article quotes (e2e/ui/fixtures) are read in the browser and drawn like a collected host: the
 * patch pair as one edge, br-ex's flow that strips VLAN 1; with `ovs-ofctl show br-ex` pasted too,
 * port 2 is known as phy-br-ex. Saved as a snapshot, it opens like any other; its file, given to
 * the import page, opens without being saved.
 */
test.use({ viewport: { width: 1600, height: 1000 } });
failOnPageErrors('operator');

const HOST = 'article';
const fixture = (name: string) => readFileSync(path.resolve('e2e/ui/fixtures', name), 'utf8');
const ARTICLE = fixture('article-br-ex.txt');
const OFCTL_SHOW = fixture('ofctl-show-br-ex.txt');

async function paste(page: Page, text: string) {
  await page.goto('/import');
  await page.getByLabel('Host name for the pasted outputs').fill(HOST);
  await page.getByTestId('paste-text').fill(text);
  await expect
    .poll(() => page.evaluate(() => window.__patchbay?.cy.nodes('[kind = "bridge"]').length ?? 0))
    .toBe(2);
  await graphReady(page);
}

/** Labels (first line) of the two ends of every patch edge, each pair sorted. */
const patchEdges = (page: Page) =>
  page.evaluate(() =>
    (window.__patchbay?.cy.edges('[kind = "patch"]') ?? []).map((e) =>
      [e.source(), e.target()].map((n) => String(n.data('label')).split('\n')[0]).sort(),
    ),
  );

/** What br-ex's flows do to traffic from br-int on phy-br-ex: VLAN 1 stripped, the other tags dropped (priority=2 in_port=2 actions=drop). */
const PHY_REWRITE = 'VLAN 1 → untagged\nVLAN 2,3,4 → dropped';

const rewriteOf = (page: Page, id: string) =>
  page.evaluate((x) => window.__patchbay?.cy.getElementById(x).data('rewrite') ?? null, id);

async function inspectBrEx(page: Page) {
  await page.evaluate((id) => {
    window.__patchbay?.cy.getElementById(id).emit('tap');
  }, `${HOST}|br:br-ex`);
  return page.getByTestId('inspector');
}

test('the article’s ovs-vsctl show and dump-flows: one patch edge, and br-ex strips VLAN 1 from port 2', async ({
  page,
}) => {
  await paste(page, ARTICLE);
  const sections = page.getByTestId('paste-section');
  await expect(sections).toHaveCount(2);
  await expect(sections.nth(0)).toContainText('ovs-vsctl show');
  await expect(sections.nth(1)).toContainText('ovs-ofctl dump-flows (br-ex)');
  for (const s of await sections.all()) await expect(s).toHaveAttribute('data-recognised', 'true');
  await expect(page.getByTestId('paste-banner')).toContainText('Built from pasted text — partial');
  await expect(page.getByTestId('paste-banner')).toContainText('ovs-ofctl dump-flows br-ex');

  expect(await patchEdges(page)).toEqual([['int-br-ex', 'phy-br-ex']]);
  const inspector = await inspectBrEx(page);
  // Without ovs-ofctl show the paste does not say which port is 2: the strip is listed by number.
  const strip = inspector.getByTestId('vlan-rewrites').locator('tr', { hasText: 'VLAN 1 → untagged' });
  await expect(strip).toHaveCount(1);
  await expect(strip.locator('td').first()).toHaveText('2');
  expect(await rewriteOf(page, `${HOST}|port:br-ex/phy-br-ex`)).toBeNull();
  // Lint runs on it as on any host.
  await expect(page.getByTestId('findings-toggle')).toBeVisible();
  await shot(page, 'paste-article');
});

test('with ovs-ofctl show br-ex pasted too, in_port=2 is phy-br-ex in the flows and on the graph', async ({
  page,
}) => {
  await paste(page, `${ARTICLE}\n${OFCTL_SHOW}`);
  const sections = page.getByTestId('paste-section');
  await expect(sections).toHaveCount(3);
  await expect(sections.filter({ hasText: 'ovs-ofctl show (br-ex)' })).toHaveAttribute(
    'data-recognised',
    'true',
  );

  expect(await patchEdges(page)).toEqual([['int-br-ex', 'phy-br-ex']]);
  await expect.poll(() => rewriteOf(page, `${HOST}|port:br-ex/phy-br-ex`)).toBe(PHY_REWRITE);
  const inspector = await inspectBrEx(page);
  await expect(inspector.getByTestId('flow-table').locator('tr', { hasText: 'strip_vlan' })).toContainText(
    'in_port=phy-br-ex',
  );
  await expect(inspector.getByTestId('vlan-rewrites').locator('tr', { hasText: 'phy-br-ex' })).toContainText(
    'VLAN 1 → untagged',
  );
  await shot(page, 'paste-article-ofctl-show');
});

test('saved as a snapshot it opens like any other; its file, given to the import page, opens unsaved', async ({
  page,
}) => {
  await paste(page, `${ARTICLE}\n${OFCTL_SHOW}`);
  const save = page.getByRole('form', { name: 'Save as snapshot' });
  await save.getByLabel('Snapshot name').fill('article paste');
  await save.getByRole('button', { name: 'Save as snapshot' }).click();
  const saved = save.getByTestId('import-ok');
  await expect(saved).toContainText('Imported as article paste');
  await saved.getByRole('link').click();
  await expect(page.getByTestId('snapshot-banner')).toContainText('Snapshot article paste');
  await expect.poll(() => rewriteOf(page, `${HOST}|port:br-ex/phy-br-ex`)).toBe(PHY_REWRITE);
  await graphReady(page);
  expect(await patchEdges(page)).toEqual([['int-br-ex', 'phy-br-ex']]);

  const download = page.waitForEvent('download');
  await page.getByTestId('snapshot-banner').getByRole('button', { name: 'Export', exact: true }).click();
  const file = test.info().outputPath('article.json');
  await (await download).saveAs(file);
  const before = await page.evaluate(() =>
    (window.__patchbay?.cy.elements().map((e) => e.id()) ?? []).sort(),
  );

  await page.goto('/import');
  await page.getByTestId('paste-file').setInputFiles(file);
  await expect(page.getByTestId('paste-banner')).toContainText('Snapshot file article paste');
  await expect(page.getByTestId('paste-banner')).toContainText('Not saved');
  await expect(page.getByTestId('paste-section')).toHaveCount(0);
  await expect
    .poll(() => page.evaluate(() => (window.__patchbay?.cy.elements().map((e) => e.id()) ?? []).sort()))
    .toEqual(before);
});
