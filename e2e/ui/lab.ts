import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type ConsoleMessage, expect, type Page, type Route, test } from '@playwright/test';
import { z } from 'zod';
import { type E2ERole, signIn } from './session';

const LabState = z.object({
  hosts: z.array(
    z.object({ name: z.string(), address: z.string(), port: z.number(), hostKeyFingerprint: z.string() }),
  ),
});

/** A lab host from `.lab/state.json` (the lab is up before the UI suite runs). */
export function labHost(name: string) {
  const state = LabState.parse(JSON.parse(readFileSync(path.resolve('.lab/state.json'), 'utf8')));
  const host = state.hosts.find((h) => h.name === name);
  if (!host) throw new Error(`lab host ${name} is not up: npm run lab -- up openstack-aio compute`);
  return host;
}

export const LAB_KEY = path.resolve('.lab/id_ed25519');

/** Waits for the test handle: layout finished (docs/testing.md). */
export async function graphReady(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => window.__patchbay?.ready === true, null, { timeout });
}

/**
 * Waits until `id` is drawn and the layout is done. `ready` alone can still describe the graph
 * before a host's first read arrived (an empty canvas is "ready" too).
 */
export async function elementReady(page: Page, id: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (x) => window.__patchbay?.ready === true && window.__patchbay.cy.getElementById(x).nonempty(),
    id,
    { timeout },
  );
}

/** Labels (first line) of the nodes whose parent is the node labelled `parent` of the given kind. */
export async function childrenOf(page: Page, kind: string, parentLabel: string): Promise<string[]> {
  return page.evaluate(
    ([k, label]) => {
      const cy = window.__patchbay?.cy;
      const parent = cy
        ?.nodes(`[kind = "${k}"]`)
        .filter((n) => String(n.data('label')).split('\n')[0]?.startsWith(label) ?? false)
        .first() as import('cytoscape').NodeSingular | undefined;
      return parent?.nonempty()
        ? parent.children().map((c) => String(c.data('label')).split('\n')[0] ?? '')
        : [];
    },
    [kind, parentLabel] as const,
  );
}

/**
 * Sets the canvas's zoom. Not `evaluate(() => cy.zoom(z))`: the setter returns the Cytoscape core,
 * and Playwright serializes whatever evaluate returns (13-20 s and 3 GB for a lab host's graph).
 */
export const zoomTo = (page: Page, level: number) =>
  page.evaluate((z) => {
    window.__patchbay?.cy.zoom(z);
  }, level);

/** A screenshot kept with the test's artifacts. */
export const shot = (page: Page, name: string) =>
  page.screenshot({ path: test.info().outputPath(`${name}.png`) });

/**
 * Adds a lab host unless an earlier spec file left it in the inventory; true when this call added
 * it (the caller then removes it when done).
 */
export async function useLabHost(page: Page, name: string): Promise<boolean> {
  await page.goto('/hosts');
  // The inventory has loaded: either its empty note or a host's row.
  await expect(page.getByText('No hosts yet').or(page.getByRole('row').nth(1))).toBeVisible();
  if ((await page.getByRole('row', { name: new RegExp(name) }).count()) > 0) return false;
  await addLabHost(page, name);
  return true;
}

/** Adds a lab host through the hosts page (root, lab key), trusting its key in the UI. */
export async function addLabHost(page: Page, name: string) {
  const lab = labHost(name);
  await page.goto('/hosts');
  const form = page.getByRole('form', { name: 'Add host' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Address').fill(lab.address);
  await form.getByLabel('Port').fill(String(lab.port));
  await form.getByLabel('User').fill('root');
  await form.getByLabel('Authentication').selectOption('key');
  await form.getByLabel('Key path (on the server)').fill(LAB_KEY);
  await form.getByRole('button', { name: /Add and test/ }).click();
  // A new host's key is unknown: the UI shows its fingerprint and asks for trust.
  await expect(page.getByTestId('host-key-fingerprint')).toHaveText(lab.hostKeyFingerprint, {
    timeout: 30_000,
  });
  // The prompt names the fingerprint once, beside its Trust button, and sends nobody elsewhere.
  const prompt = page.getByTestId('test-error');
  expect(((await prompt.textContent()) ?? '').split(lab.hostKeyFingerprint)).toHaveLength(2);
  await expect(prompt).not.toContainText('Hosts page');
  await shot(page, `${name}-unknown-key`);
  await page.getByRole('button', { name: 'Trust this key' }).click();
  await expect(page.getByTestId('test-ok')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('link', { name: `Open the view of ${name}` })).toBeVisible();
}

/** A command on a lab host over plain ssh (the lab's key and known_hosts): an independent read. */
export function onLabHost(name: string, command: string): string {
  const lab = labHost(name);
  return execFileSync(
    'ssh',
    [
      '-i',
      LAB_KEY,
      '-o',
      `UserKnownHostsFile=${path.resolve('.lab/known_hosts')}`,
      '-o',
      'BatchMode=yes',
      '-p',
      String(lab.port),
      `root@${lab.address}`,
      command,
    ],
    { encoding: 'utf8' },
  ).trim();
}

/** Removes a host from the inventory, leaving it as the other spec files expect it (empty). */
export async function removeLabHost(browser: Browser, name: string): Promise<void> {
  const page = await browser.newPage();
  await signIn(page, 'admin');
  await page.goto('/hosts');
  page.on('dialog', (d) => void d.accept());
  await page
    .getByRole('row', { name: new RegExp(name) })
    .getByRole('button', { name: 'Remove' })
    .click();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
  await page.close();
}

/**
 * Declares, for the spec file calling it: a page error (a render loop, an unhandled rejection)
 * fails the test that caused it; each test starts signed in as `role` when one is given.
 */
export function failOnPageErrors(role?: E2ERole): void {
  let errors: string[] = [];
  test.beforeEach(async ({ page }) => {
    errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    if (role) await signIn(page, role);
  });
  test.afterEach(() => expect(errors).toEqual([]));
}

/**
 * What breaks a part of the page on purpose: the page's console lines of `type` from now on, and
 * every request to `url` answered by `refuse` (an abort, a 503…), counted.
 */
export async function refuseRequests(
  page: Page,
  url: string,
  refuse: (route: Route) => Promise<void>,
  type: ReturnType<ConsoleMessage['type']>,
): Promise<{ logged: string[]; refused: () => number }> {
  const logged: string[] = [];
  page.on('console', (m) => {
    if (m.type() === type) logged.push(m.text());
  });
  let refused = 0;
  await page.route(url, (route) => {
    refused++;
    return refuse(route);
  });
  return { logged, refused: () => refused };
}
