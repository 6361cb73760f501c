import { readFileSync, statSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import type { EdgeSingular } from 'cytoscape';
import { labHostExec } from '../../scripts/lab/lab';
import { addLabHost, childrenOf, graphReady, LAB_KEY, shot } from './lab';
import { signIn } from './session';

// One story in order: the inventory starts empty and hosts are added through the UI, by an admin.
test.describe.configure({ mode: 'serial' });
test.beforeEach(({ page }) => signIn(page, 'admin'));

/** Id of the node whose first label line is `label` (and kind, when given). */
const nodeId = (page: Page, label: string, kind?: string) =>
  page.evaluate(
    ([l, k]) =>
      window.__patchbay?.cy
        .nodes()
        .filter((n) => String(n.data('label')).split('\n')[0] === l && (!k || n.data('kind') === k))
        .first()
        .id() ?? null,
    [label, kind ?? ''] as const,
  );

/**
 * Whether the node whose first label line starts with `label`, inside the container of `kind` whose
 * label starts with `parentLabel`, has the VLAN filter's `dimmed` class; null when there is none.
 */
const dimmedIn = (page: Page, kind: string, parentLabel: string, label: string) =>
  page.evaluate(
    ([k, p, l]) => {
      const first = (n: { data: (key: string) => unknown }, prefix: string) =>
        String(n.data('label')).split('\n')[0]?.startsWith(prefix) ?? false;
      const parent = window.__patchbay?.cy
        .nodes(`[kind = "${k}"]`)
        .filter((n) => first(n, p))
        .first() as import('cytoscape').NodeSingular | undefined;
      const node = parent?.nonempty()
        ? parent
            .children()
            .filter((c) => first(c, l))
            .first()
        : undefined;
      return node?.nonempty() ? node.hasClass('dimmed') : null;
    },
    [kind, parentLabel, label] as const,
  );

test('home shows the example topology while no host exists', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('example-banner')).toContainText(
    'Example topology captured from the openstack-aio lab',
  );
  await graphReady(page);
  const counts = await page.evaluate(() => ({
    bridges: window.__patchbay?.cy.nodes('[kind = "bridge"]').length ?? 0,
    nodes: window.__patchbay?.cy.nodes().length ?? 0,
  }));
  expect(counts.bridges).toBeGreaterThanOrEqual(2);
  expect(counts.nodes).toBeGreaterThan(10);
  await shot(page, 'home-example');
});

test('add openstack-aio through the UI and explore its graph', async ({ page }) => {
  test.setTimeout(180_000);
  await addLabHost(page, 'openstack-aio');
  await page.getByRole('link', { name: 'Open the view of openstack-aio' }).click();
  await expect(page).toHaveURL(/\/view\?hosts=openstack-aio/);
  await page.waitForFunction(
    () => (window.__patchbay?.cy.nodes('[kind = "bridge"]').length ?? 0) >= 2,
    null,
    {
      timeout: 60_000,
    },
  );
  await graphReady(page);
  await shot(page, 'aio-view');

  // br-int and br-ex are real containers with their ports drawn inside.
  const brInt = await childrenOf(page, 'bridge', 'br-int');
  const brEx = await childrenOf(page, 'bridge', 'br-ex');
  expect(brInt).toEqual(expect.arrayContaining(['int-br-ex', 'br-int']));
  expect(brEx).toEqual(expect.arrayContaining(['phy-br-ex', 'br-ex']));

  // The patch pair is one edge.
  const patched = await page.evaluate(() => {
    const cy = window.__patchbay?.cy;
    return (
      cy?.edges('[kind = "patch"]').some((e) => {
        const edge = e as EdgeSingular;
        const ends = [edge.source(), edge.target()].map((n) => String(n.data('label')).split('\n')[0]).sort();
        return ends[0] === 'int-br-ex' && ends[1] === 'phy-br-ex';
      }) ?? false
    );
  });
  expect(patched).toBe(true);

  // The router namespace holds its qr- and qg- legs.
  const qrouter = await childrenOf(page, 'namespace', 'qrouter-');
  expect(qrouter.some((l) => l.startsWith('qr-'))).toBe(true);
  expect(qrouter.some((l) => l.startsWith('qg-'))).toBe(true);
  // Its inspector says which port the default route leaves by, and which bridge that port is on.
  const qrouterId = await page.evaluate(
    () =>
      window.__patchbay?.cy
        .nodes('[kind = "namespace"]')
        .filter((n) => String(n.data('label')).startsWith('qrouter-'))
        .first()
        .id() ?? null,
  );
  expect(qrouterId).not.toBeNull();
  await page.evaluate((id) => {
    window.__patchbay?.cy.getElementById(id).emit('tap');
  }, qrouterId as string);
  const defaultRoute = page
    .getByTestId('inspector')
    .getByTestId('routes-main')
    .locator('tr', { hasText: 'default' });
  await expect(defaultRoute).toContainText(/dev qg-\S+ \(port of br-ex\)/);

  // VLAN filter: VLAN 1 members stay lit, the VLAN 2 port is dimmed.
  await page.getByLabel('VLAN filter').selectOption('1');
  await expect(page).toHaveURL(/vlan=1/);
  const dim = await page.evaluate(() => {
    const cy = window.__patchbay?.cy;
    const port = (tag: string) =>
      cy
        ?.nodes('[kind = "port"]')
        .filter((n) => String(n.data('label')).endsWith(`vlan ${tag}`))
        .first();
    return {
      dimmed: cy?.$('.dimmed').length ?? 0,
      vlan1Dimmed: port('1')?.hasClass('dimmed'),
      vlan2Dimmed: port('2')?.hasClass('dimmed'),
    };
  });
  expect(dim.dimmed).toBeGreaterThan(0);
  expect(dim.vlan1Dimmed).toBe(false);
  expect(dim.vlan2Dimmed).toBe(true);
  // The filter follows the flows: br-ex strips VLAN 1 from br-int (`dl_vlan=1 actions=strip_vlan`),
  // so the untagged physical port, the router's qg- port and its end in the namespace carry it…
  expect(await dimmedIn(page, 'bridge', 'br-ex', 'eth1')).toBe(false);
  expect(await dimmedIn(page, 'bridge', 'br-ex', 'qg-')).toBe(false);
  expect(await dimmedIn(page, 'namespace', 'qrouter-', 'qg-')).toBe(false);
  await shot(page, 'aio-vlan-1');
  // …and drops every other VLAN arriving from br-int (`in_port=phy-br-ex actions=drop`): VLAN 2
  // gets no further than the patch port.
  await page.getByLabel('VLAN filter').selectOption('2');
  await expect(page).toHaveURL(/vlan=2/);
  await expect.poll(() => dimmedIn(page, 'bridge', 'br-ex', 'eth1')).toBe(true);
  expect(await dimmedIn(page, 'bridge', 'br-ex', 'phy-br-ex')).toBe(true);
  expect(await dimmedIn(page, 'namespace', 'qrouter-', 'qg-')).toBe(true);
  expect(await dimmedIn(page, 'bridge', 'br-int', 'int-br-ex')).toBe(false);
  await shot(page, 'aio-vlan-2');
  await page.getByLabel('VLAN filter').selectOption('');

  // The graph itself marks the port where br-ex strips VLAN 1 (double border, label line).
  const phyRewrite = await page.evaluate(
    () =>
      window.__patchbay?.cy
        .nodes('[kind = "port"]')
        .filter((n) => String(n.data('label')).split('\n')[0] === 'phy-br-ex')
        .first()
        .data('rewrite') ?? null,
  );
  expect(phyRewrite).toBe('VLAN 1 → untagged\nVLAN 2 → dropped');

  // Inspector: br-ex's strip_vlan flow, with the port name rather than its number.
  const brExId = await nodeId(page, 'br-ex', 'bridge');
  expect(brExId).not.toBeNull();
  await page.evaluate((id) => {
    window.__patchbay?.cy.getElementById(id).emit('tap');
  }, brExId as string);
  const flows = page.getByTestId('inspector').getByTestId('flow-table');
  const strip = flows.locator('tr', { hasText: 'strip_vlan' });
  await expect(strip).toContainText('in_port=phy-br-ex');
  // …and the same answer without reading flows: which VLAN is stripped, for traffic from where.
  const rewrite = page
    .getByTestId('inspector')
    .getByTestId('vlan-rewrites')
    .locator('tr', { hasText: 'phy-br-ex' });
  await expect(rewrite).toContainText('VLAN 1 → untagged');
  await shot(page, 'aio-inspector-br-ex');

  // Search finds an IP and selects the link that holds it.
  await page.keyboard.press('/');
  await page.keyboard.type('192.0.2.1');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/select=/);
  const selected = await page.evaluate(() => window.__patchbay?.cy.$(':selected').map((e) => e.id()) ?? []);
  expect(selected).toHaveLength(1);
  expect(selected[0]).toMatch(/^openstack-aio\|link:qrouter-.*\/qr-/);
  await expect(page.getByTestId('inspector')).toContainText('192.0.2.1/24');

  // Deep link: a reload restores the selection.
  await page.reload();
  await graphReady(page);
  await expect
    .poll(() => page.evaluate(() => window.__patchbay?.cy.$(':selected').map((e) => e.id()) ?? []))
    .toEqual(selected);
  await expect(page.getByTestId('inspector')).toContainText('192.0.2.1/24');

  // PNG export downloads a real image.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export PNG' }).click(),
  ]);
  const file = await download.path();
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  expect(statSync(file).size).toBeGreaterThan(5_000);
  expect(readFileSync(file).subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  );

  // SVG export: a vector document that names the bridges.
  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export SVG' }).click(),
  ]);
  expect(svgDownload.suggestedFilename()).toMatch(/\.svg$/);
  const svg = readFileSync(await svgDownload.path(), 'utf8');
  expect(svg).toMatch(/<svg[\s>]/);
  expect(svg).toContain('br-int');
});

test('a refresh marks what appeared on the host, and where something disappeared', async ({ page }) => {
  test.setTimeout(120_000);
  const probe = 'pbprobe0';
  const vsctl = async (...args: string[]) => {
    const r = await labHostExec('openstack-aio', ['ovs-vsctl', ...args]);
    expect(r.code, r.stderr).toBe(0);
  };
  const refresh = () => page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await page.goto('/view?hosts=openstack-aio');
  await graphReady(page);
  try {
    await vsctl('add-port', 'br-int', probe, '--', 'set', 'Interface', probe, 'type=internal');
    await refresh();
    await page.waitForFunction(
      (p) =>
        window.__patchbay?.cy.nodes('.changed').some((n) => String(n.data('label')).split('\n')[0] === p) ??
        false,
      probe,
      { timeout: 30_000 },
    );
    await shot(page, 'refresh-appeared');
    await vsctl('del-port', 'br-int', probe);
    await refresh();
    await expect(page.getByTestId('gone')).toContainText(`${probe} (openstack-aio)`, { timeout: 30_000 });
    const marked = await page.evaluate(
      () =>
        window.__patchbay?.cy.nodes('[kind = "bridge"].changed').map((n) => String(n.data('label'))) ?? [],
    );
    expect(marked).toContain('br-int');
  } finally {
    await labHostExec('openstack-aio', ['ovs-vsctl', '--if-exists', 'del-port', 'br-int', probe]);
  }
});

test('multi-host view draws the tunnel between openstack-aio and compute', async ({ page }) => {
  test.setTimeout(180_000);
  await addLabHost(page, 'compute');
  await page.goto('/view?hosts=openstack-aio,compute');
  await page.waitForFunction(() => (window.__patchbay?.cy.nodes('[kind = "host"]').length ?? 0) === 2, null, {
    timeout: 60_000,
  });
  await page.waitForFunction(() => (window.__patchbay?.cy.edges('[kind = "tunnel"]').length ?? 0) > 0, null, {
    timeout: 60_000,
  });
  await graphReady(page);
  const hosts = await page.evaluate(() =>
    window.__patchbay?.cy
      .edges('[kind = "tunnel"]')
      .map((e) =>
        [(e as EdgeSingular).source().data('host'), (e as EdgeSingular).target().data('host')]
          .sort()
          .join('~'),
      ),
  );
  expect(hosts).toContain('compute~openstack-aio');
  await shot(page, 'multi-host-tunnel');
});

test('a host that cannot be reached says why and what to do, and the others still render', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/hosts');
  const form = page.getByRole('form', { name: 'Add host' });
  await form.getByLabel('Name').fill('unreachable');
  // In the lab's subnet, where no lab host has this address: nothing answers.
  await form.getByLabel('Address').fill('198.18.0.250');
  await form.getByLabel('User').fill('root');
  await form.getByLabel('Authentication').selectOption('key');
  await form.getByLabel('Key path (on the server)').fill(LAB_KEY);
  await form.getByRole('button', { name: /Add and test/ }).click();
  await expect(page.getByTestId('test-error')).toContainText(/Nothing answered|did not answer in time/, {
    timeout: 60_000,
  });
  await page.goto('/view?hosts=openstack-aio,unreachable');
  const error = page.getByTestId('host-error');
  await expect(error).toContainText('unreachable', { timeout: 60_000 });
  await expect(error).toContainText(/Nothing answered|did not answer in time/);
  await graphReady(page);
  const bridges = await page.evaluate(() =>
    window.__patchbay?.cy.nodes('[kind = "bridge"]').map((n) => String(n.data('host'))),
  );
  expect(bridges).toContain('openstack-aio');
  await shot(page, 'unreachable-host');
});
