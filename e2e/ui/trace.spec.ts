import { expect, type Page, test } from '@playwright/test';
import { failOnPageErrors, graphReady, onLabHost, removeLabHost, shot, useLabHost } from './lab';
import { signIn } from './session';

/**
 * Issue 14's trace on the graph, on the `openstack-aio` lab host: the seed's broadcast from a
 * VLAN-1 port of br-int crosses the patch pair tagged 1, is stripped at br-ex and leaves untagged;
 * a viewer may trace (read-only), and the path is drawn on the graph.
 */
test.describe.configure({ mode: 'serial' });
failOnPageErrors();

const HOST = 'openstack-aio';
/** Whether this file added the host (graph.spec.ts may have left it in the inventory). */
let added = false;

async function openHost(page: Page) {
  await page.goto(`/view?hosts=${HOST}`);
  await graphReady(page);
  await expect
    .poll(() => page.evaluate(() => window.__patchbay?.cy.nodes('[kind = "bridge"]').length ?? 0))
    .toBeGreaterThan(0);
}

test('a viewer traces the seed broadcast: tagged 1 across the patch pair, stripped at br-ex, out untagged', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, 'admin');
  added = await useLabHost(page, HOST);
  // The rest as a viewer: a trace is read-only.
  await page.context().clearCookies();
  await signIn(page, 'viewer');
  await openHost(page);
  // A port of br-int in VLAN 1, read from the host itself (no name is assumed).
  const port = onLabHost(HOST, 'ovs-vsctl --bare --columns=name find Port tag=1').split('\n')[0] ?? '';
  expect(port).not.toBe('');
  await page.evaluate((name) => {
    const node = window.__patchbay?.cy
      .nodes('[kind = "port"]')
      .filter((n) => String(n.data('label')).split('\n')[0] === name)
      .first();
    if (!node || node.empty()) throw new Error(`no port ${name}`);
    node.emit('tap');
  }, port);
  await page.keyboard.press('t');
  const trace = page.getByTestId('trace');
  await expect(trace.getByLabel('Bridge')).toHaveValue('br-int');
  await expect(trace.getByLabel('In port')).toHaveValue(port);
  await trace.getByRole('button', { name: 'Trace', exact: true }).click();
  const result = trace.getByTestId('trace-result');
  await expect(result).toContainText(/patch \S+ → \S+, tagged 1/);
  await expect(result).toContainText(/br-ex table 0 priority \d+ .*dl_vlan=1 → pop_vlan/);
  await expect(trace.getByTestId('trace-fate')).toContainText(/on br-ex, untagged/);
  // The path is on the graph: both bridges and the patch edge between them.
  const traced = await page.evaluate(() =>
    window.__patchbay?.cy
      .$('.traced')
      .map((e) => `${e.data('kind')}:${String(e.data('label') ?? '').split('\n')[0]}`),
  );
  expect(traced).toEqual(expect.arrayContaining(['bridge:br-int', 'bridge:br-ex', 'patch:patch']));
  await shot(page, 'trace-seed');
  // Bad input is refused in the form, with the field named, and nothing runs.
  await trace.getByLabel('VLAN').fill('5000');
  await expect(trace.getByRole('alert')).toContainText('dl_vlan');
  await expect(trace.getByRole('button', { name: 'Trace', exact: true })).toBeDisabled();
  // Closing the trace takes the path off the graph.
  await trace.getByRole('button', { name: 'Close trace' }).click();
  await expect.poll(() => page.evaluate(() => window.__patchbay?.cy.$('.traced').length)).toBe(0);
});

test('an operator pings from a namespace: the replies, and the link the route leaves by is drawn', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await openHost(page);
  // Two namespaces on one /24, read from the host (no name or address is assumed).
  const addrs = onLabHost(
    HOST,
    'for n in $(ip netns list | cut -d" " -f1); do ip -n $n -4 -o addr show scope global | sed "s/^/$n /"; done',
  )
    .split('\n')
    .map((l) => l.split(/\s+/))
    .map((w) => ({ ns: w[0] ?? '', dev: w[2] ?? '', ip: (w[4] ?? '').split('/')[0] ?? '' }));
  const net = (ip: string) => ip.split('.').slice(0, 3).join('.');
  const from = addrs.find((a) => addrs.some((b) => b.ns !== a.ns && net(b.ip) === net(a.ip)));
  const to = addrs.find((b) => from && b.ns !== from.ns && net(b.ip) === net(from.ip));
  if (!from || !to) throw new Error('no two namespaces on one subnet');
  await page.keyboard.press('t');
  const trace = page.getByTestId('trace');
  await trace.getByLabel('from a namespace').check();
  await trace.getByLabel('Namespace', { exact: true }).selectOption(from.ns);
  await trace.getByLabel('To address').fill(to.ip);
  await trace.getByRole('button', { name: 'Ping' }).click();
  await expect(trace.getByTestId('reach-result')).toContainText(`3/3 replies`, { timeout: 20_000 });
  await expect(trace.getByTestId('reach-result')).toContainText(`route: dev ${from.dev}`);
  await expect.poll(() => page.evaluate(() => window.__patchbay?.cy.$('.traced').length)).toBe(1);
});

test.afterAll(async ({ browser }) => {
  if (added) await removeLabHost(browser, HOST);
});
