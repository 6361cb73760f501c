import { expect, type Page, test } from '@playwright/test';
import { addLabHost, elementReady, failOnPageErrors, onLabHost, removeLabHost, shot } from './lab';

/**
 * Issue 11's story on the `changes` lab host: edit in the graph, review the plan, apply with live
 * progress, and the outcomes an operator must be able to trust (applied and verified, refused on
 * drift, rolled back). Every host check is an independent SSH read, not Patchbay's model.
 */
test.describe.configure({ mode: 'serial' });
// Room for the whole host on screen: drags need both ends visible.
test.use({ viewport: { width: 1600, height: 1000 } });
failOnPageErrors('admin');

const HOST = 'changes';

const tap = (page: Page, label: string, kind: string) =>
  page.evaluate(
    ([l, k]) => {
      const node = window.__patchbay?.cy
        .nodes()
        .filter((n) => String(n.data('label')).split('\n')[0] === l && n.data('kind') === k)
        .first();
      if (!node || node.empty()) throw new Error(`no ${k} node ${l}`);
      node.emit('tap');
    },
    [label, kind] as const,
  );

async function openEditor(page: Page) {
  await page.goto(`/view?hosts=${HOST}`);
  // The host's own graph laid out (`ready` alone may still be the empty canvas before its read
  // arrived, and the tests click at node positions).
  await elementReady(page, `${HOST}|br:br-int`);
  // Edit mode is offered once the host is known to be the only one shown (and the role allows).
  await expect(page.getByTestId('edit-mode')).toBeVisible();
  await page.keyboard.press('e');
  await expect(page.getByTestId('editor')).toBeVisible();
}

async function act(page: Page, action: string, fields: Record<string, string>) {
  const editor = page.getByTestId('editor');
  await editor.getByLabel('Action').selectOption({ label: action });
  const form = editor.getByRole('form', { name: action });
  for (const [label, value] of Object.entries(fields)) {
    const field = form.getByLabel(label, { exact: true });
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await form.getByRole('button', { name: 'Add to pending' }).click();
}

const pendingCount = (page: Page) => page.getByTestId('pending-edit').count();

test('an operator builds a change in the graph, reviews it and applies it; the host has it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await addLabHost(page, HOST);
  await openEditor(page);
  await act(page, 'Add bridge', { Name: 'br-e2e' });
  await act(page, 'Add namespace', { Name: 'ns-e2e' });
  // The pending bridge is drawn (green) in the desired view, so it can be selected and edited.
  await expect
    .poll(() => page.evaluate(() => window.__patchbay?.cy.nodes('[pending = "added"]').length ?? 0))
    .toBeGreaterThan(0);
  await tap(page, 'br-e2e', 'bridge');
  await act(page, 'Add port to br-e2e', { Name: 'pe2e', Type: 'internal', 'VLAN tag': '5' });
  await act(page, 'Patch br-e2e to another bridge', {
    'Port on br-e2e': 'e2e-to-int',
    'Other bridge': 'br-int',
    'Port on the other bridge': 'int-to-e2e',
  });
  await tap(page, 'pe2e', 'port');
  await act(page, 'Move pe2e to a namespace', { 'Namespace (empty: the root)': 'ns-e2e' });
  await tap(page, 'ns-e2e', 'namespace');
  await act(page, 'Address in ns-e2e', { Link: 'pe2e', 'Address (CIDR)': '10.77.0.2/24' });
  await act(page, 'Link state in ns-e2e', { Link: 'pe2e', State: 'up' });
  await act(page, 'Route in ns-e2e', { 'Destination (CIDR or default)': 'default', Gateway: '10.77.0.1' });
  expect(await pendingCount(page)).toBe(8);
  await expect(page.getByTestId('pending').getByRole('alert')).toHaveCount(0);
  await shot(page, 'editor-pending');

  // Undo and redo before applying (keyboard).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+z');
  await expect.poll(() => pendingCount(page)).toBe(7);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => pendingCount(page)).toBe(8);

  // Review: exactly these changes.
  await page.getByRole('button', { name: 'Review plan' }).click();
  const text = page.getByTestId('plan-text');
  await expect(text).toContainText('+ bridge br-e2e');
  const lines = ((await text.textContent()) ?? '').split('\n').filter((l) => /^[+~-] /.test(l));
  expect(lines).toEqual([
    '+ namespace ns-e2e',
    '+ bridge br-e2e datapath_type=netdev',
    '+ port br-e2e/e2e-to-int patch peer=int-to-e2e',
    '+ port br-e2e/pe2e tag=5 internal',
    '+ port br-int/int-to-e2e patch peer=e2e-to-int',
    '+ link ns-e2e/pe2e (made by OVS) up',
    '+ address ns-e2e/pe2e 10.77.0.2/24',
    '+ route ns-e2e default via 10.77.0.1 dev pe2e',
  ]);
  await expect(page.getByTestId('plan-commands')).toContainText('ovs-vsctl --timeout=30', {
    useInnerText: false,
  });
  await shot(page, 'editor-review');

  // Apply: progress streams in, then the outcome.
  await page.getByRole('button', { name: /^Apply \d+ step/ }).click();
  await expect(page.getByTestId('outcome')).toHaveAttribute('data-outcome', 'applied', { timeout: 60_000 });
  await expect(page.getByTestId('progress')).toContainText('verify');
  await shot(page, 'editor-applied');
  await expect.poll(() => pendingCount(page)).toBe(0);
  await expect(page.getByTestId('history-run').first()).toContainText('applied');

  // An independent read of the host.
  expect(onLabHost(HOST, 'ovs-vsctl br-exists br-e2e && echo yes')).toBe('yes');
  expect(onLabHost(HOST, 'ovs-vsctl get Port pe2e tag')).toBe('5');
  expect(onLabHost(HOST, 'ovs-vsctl get Interface int-to-e2e options:peer')).toBe('e2e-to-int');
  expect(onLabHost(HOST, 'ip -n ns-e2e -br addr show pe2e')).toContain('10.77.0.2/24');
  expect(onLabHost(HOST, 'ip -n ns-e2e route show default')).toContain('via 10.77.0.1');
  // The live graph shows it after the refresh.
  await expect
    .poll(() =>
      page.evaluate(() =>
        window.__patchbay?.cy.nodes('[kind = "bridge"]').map((n) => String(n.data('label')).split('\n')[0]),
      ),
    )
    .toContain('br-e2e');
});

test('keyboard only: e for edit mode, / to find and select, Del to delete, Ctrl+Z to undo, Enter to add', async ({
  page,
}) => {
  await openEditor(page);
  await page.keyboard.press('/');
  await page.keyboard.type('tap1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('editor')).toContainText('Edit tap1');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('editor')).toContainText('to edit it');
  await page.keyboard.press('Delete');
  await expect.poll(() => pendingCount(page)).toBe(0);
  // Escape cleared the selection; select again and delete.
  await page.keyboard.press('/');
  await page.keyboard.type('tap1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('editor')).toContainText('Edit tap1');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('pending-edit')).toHaveText([/delete-port name=tap1/]);
  await page.keyboard.press('Control+z');
  await expect.poll(() => pendingCount(page)).toBe(0);
  // A form field takes typing and Enter submits it.
  await page.getByTestId('editor').getByLabel('Action').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pending-edit')).toHaveText([/set-port name=tap1 tag=7/]);
  await page.getByRole('button', { name: 'Discard all' }).click();
});

test('the inspector is the form: a flow deleted from its row and one added from the flow table, reviewed as planned', async ({
  page,
}) => {
  await openEditor(page);
  await tap(page, 'br-ex', 'bridge');
  const editor = page.getByTestId('editor');
  await expect(editor).toContainText('Edit br-ex');
  // Each row of the bridge's flow table deletes its own flow.
  await editor.getByRole('button', { name: /^Delete flow table=0 priority=2 in_port=/ }).click();
  await expect(page.getByTestId('pending-edit')).toHaveText([
    /delete-flow bridge=br-ex table=0 priority=2 match=in_port="?qg-1"?/,
  ]);
  // "Add flow…" opens the add-flow form with the cursor in it.
  await editor.getByRole('button', { name: 'Add flow…' }).click();
  const form = editor.getByRole('form', { name: 'Add a flow to br-ex' });
  await expect(form.getByLabel('Table', { exact: true })).toBeFocused();
  await form.getByLabel('Priority', { exact: true }).fill('7');
  await form.getByLabel('Match', { exact: true }).fill('dl_vlan=77');
  await form.getByLabel('Actions', { exact: true }).fill('drop');
  await form.getByRole('button', { name: 'Add to pending' }).click();
  await expect(page.getByTestId('pending-edit').nth(1)).toHaveText(
    /add-flow bridge=br-ex .*match=dl_vlan=77/,
  );
  await page.getByRole('button', { name: 'Review plan' }).click();
  await expect(page.getByTestId('plan-commands')).toContainText('priority=2,in_port=');
  await expect(page.getByTestId('plan-commands')).toContainText('dl_vlan=77');
  await shot(page, 'editor-flows');
  await page.getByRole('button', { name: 'Discard all' }).click();
  // Nothing was applied: the host still has the flow.
  expect(onLabHost(HOST, 'ovs-ofctl dump-flows br-ex')).toContain('priority=2,in_port');
});

/** Page coordinates of a node: its centre, or (grip) a point just inside its box's corner. */
const at = (page: Page, label: string, kind: string, grip = false) =>
  page.evaluate(
    ([l, k, g]) => {
      const cy = window.__patchbay?.cy;
      const n = cy
        ?.nodes()
        .filter((x) => String(x.data('label')).split('\n')[0] === l && x.data('kind') === k)
        .first();
      if (!cy || !n || n.empty()) throw new Error(`no ${k} node ${l}`);
      const box = cy.container()?.getBoundingClientRect();
      const b = n.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
      const p = g ? { x: b.x1 + 5, y: b.y1 + 5 } : (n as import('cytoscape').NodeSingular).renderedPosition();
      return {
        x: (box?.left ?? 0) + p.x,
        y: (box?.top ?? 0) + p.y,
        cx: (box?.left ?? 0) + (b.x1 + b.x2) / 2,
        cy: (box?.top ?? 0) + (b.y1 + b.y2) / 2,
      };
    },
    [label, kind, grip] as const,
  );

async function drag(page: Page, from: { x: number; y: number }, by: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + by.x, from.y + by.y, { steps: 12 });
  await page.mouse.up();
}

test('drag and drop: a bridge onto another makes a patch pair, a link onto a namespace moves it; a reload keeps them', async ({
  page,
}) => {
  await openEditor(page);
  const ex = await at(page, 'br-ex', 'bridge', true);
  const int = await at(page, 'br-int', 'bridge');
  await drag(page, ex, { x: int.cx - ex.cx, y: int.cy - ex.cy });
  await expect(page.getByTestId('pending-edit')).toHaveText([
    /add-patch bridge=br-ex port=to-br-int peerBridge=br-int peerPort=to-br-ex/,
  ]);
  const eth1 = await at(page, 'eth1', 'link');
  const router = await at(page, 'router1', 'namespace');
  await drag(page, eth1, { x: router.cx - eth1.x, y: router.cy - eth1.y });
  await expect(page.getByTestId('pending-edit').nth(1)).toHaveText(/move-link name=eth1 to=router1/);
  await shot(page, 'editor-dragged');
  // A pending deletion names what goes with it.
  await tap(page, 'br-ex', 'bridge');
  await expect(page.getByTestId('editor')).toContainText('Edit br-ex');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('cascade')).toContainText('deleting bridge br-ex deletes its');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => pendingCount(page)).toBe(2);
  // Pending edits are kept per host: a reload loses nothing.
  await page.reload();
  await openEditor(page);
  await expect.poll(() => pendingCount(page)).toBe(2);
  await page.getByRole('button', { name: 'Discard all' }).click();
});

test('a node’s context menu: right-click a bridge, pick "Add port", the form opens with the cursor in it; Shift+F10 from the keyboard', async ({
  page,
}) => {
  await openEditor(page);
  const br = await at(page, 'br-int', 'bridge', true);
  await page.mouse.click(br.x, br.y, { button: 'right' });
  const menu = page.getByRole('menu', { name: 'Actions on br-int' });
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitem', { name: /^Add port/ }).click();
  await expect(menu).toHaveCount(0);
  const form = page.getByTestId('editor').getByTestId('form-add-port');
  await expect(form.getByRole('textbox').first()).toBeFocused();
  // Keyboard: the menu of the selection, arrows, Enter.
  await page.keyboard.press('Escape');
  await tap(page, 'br-int', 'bridge');
  // Keys act on what the view shows: wait for the selection before the key.
  await expect(page.getByTestId('editor')).toContainText('Edit br-int');
  await page.keyboard.press('Shift+F10');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: 'Delete br-int' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pending-edit')).toHaveText([/delete-bridge name=br-int/]);
  await page.getByRole('button', { name: 'Discard all' }).click();
});

test('a change made on the host behind Patchbay’s back makes apply refuse and name it', async ({ page }) => {
  await openEditor(page);
  await tap(page, 'tap1', 'port');
  await act(page, 'VLAN of tap1', { 'Tag (empty: none)': '9' });
  await page.getByRole('button', { name: 'Review plan' }).click();
  await expect(page.getByTestId('plan-text')).toContainText('~ port br-int/tap1 tag 1 → 9');
  onLabHost(HOST, 'ovs-vsctl set Port tap1 tag=31');
  await page.getByRole('button', { name: /^Apply \d+ step/ }).click();
  const outcome = page.getByTestId('outcome');
  await expect(outcome).toHaveAttribute('data-outcome', 'refused', { timeout: 60_000 });
  await expect(outcome).toContainText('br-int/tap1');
  expect(onLabHost(HOST, 'ovs-vsctl get Port tap1 tag')).toBe('31');
  onLabHost(HOST, 'ovs-vsctl set Port tap1 tag=1');
  await page.getByRole('button', { name: 'Discard all' }).click();
  expect(await pendingCount(page)).toBe(0);
});

test('a failing plan is rolled back and the host is unchanged', async ({ page }) => {
  await openEditor(page);
  await tap(page, 'br-ex', 'bridge');
  await act(page, 'Delete a flow of br-ex', {
    Table: '0',
    Priority: '2',
    'Match (as shown)': 'in_port=qg-1',
  });
  await act(page, 'Add namespace', { Name: 'ns-rb' });
  await page.getByRole('button', { name: 'Review plan' }).click();
  await expect(page.getByTestId('plan-text')).toContainText('+ namespace ns-rb');
  // Injected on purpose: `ip netns add` fails (read-only /run/netns) after the flow was deleted.
  onLabHost(HOST, 'mount -o remount,bind,ro /run/netns');
  try {
    await page.getByRole('button', { name: /^Apply \d+ step/ }).click();
    const outcome = page.getByTestId('outcome');
    await expect(outcome).toHaveAttribute('data-outcome', 'rolled-back', { timeout: 60_000 });
    await expect(outcome).toContainText('back at its base');
    await expect(outcome).toContainText('ip netns add ns-rb');
  } finally {
    onLabHost(HOST, 'mount -o remount,bind,rw /run/netns');
  }
  expect(onLabHost(HOST, 'ovs-ofctl dump-flows br-ex')).toContain('priority=2,');
  expect(onLabHost(HOST, 'ip netns list')).not.toContain('ns-rb');
  await page.getByRole('button', { name: 'Discard all' }).click();
});

test.afterAll(async ({ browser }) => {
  // Put the host back and leave the inventory as the other files expect it (empty).
  onLabHost(
    HOST,
    'ovs-vsctl --if-exists del-port br-int int-to-e2e -- --if-exists del-br br-e2e; ip netns del ns-e2e 2>/dev/null; true',
  );
  await removeLabHost(browser, HOST);
});
