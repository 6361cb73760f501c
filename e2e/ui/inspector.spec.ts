import { expect, test } from '@playwright/test';
import { elementReady, failOnPageErrors, removeLabHost, useLabHost } from './lab';

/**
 * The inspector says kernel and OVS values in words (issue 13): an OVS internal port's kernel
 * device is not "kind tun", link speeds are in Gb/s, states are words, rules read like `ip rule`,
 * and the long local routing table starts folded.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1600, height: 1000 } });
failOnPageErrors('admin');

const HOST = 'openstack-aio';
let added = false;

const tap = (page: import('@playwright/test').Page, id: string) =>
  page.evaluate((x) => {
    window.__patchbay?.cy.getElementById(x).emit('tap');
  }, id);

test('values in words: internal ports, states, rules, and the local table folded', async ({ page }) => {
  added = await useLabHost(page, HOST);
  await page.goto(`/view?hosts=${HOST}`);
  await elementReady(page, `${HOST}|port:br-int/br-int`);
  const inspector = page.getByTestId('inspector');

  // br-int's own internal port: its kernel device is OVS's, whatever kind the kernel reports.
  await tap(page, `${HOST}|port:br-int/br-int`);
  await expect(inspector).toContainText('OVS internal port');
  await expect(inspector.locator('tr', { hasText: /^kind/ }).first()).not.toHaveText(/^kind\s*tun$/);

  // The root namespace: states in words, rules as ip rule prints them, local table folded.
  await tap(page, `${HOST}|ns:`);
  await expect(inspector.getByTestId('routes-main')).toHaveAttribute('open', '');
  await expect(inspector.getByTestId('routes-local')).not.toHaveAttribute('open', '');
  await expect(inspector).not.toContainText('srclen');
  await expect(inspector).not.toContainText('UNKNOWN');
  await expect(inspector).toContainText('from all');
});

test.afterAll(async ({ browser }) => {
  if (added) await removeLabHost(browser, HOST);
});
