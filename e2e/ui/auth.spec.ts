import { randomUUID } from 'node:crypto';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { graphReady, LAB_KEY, labHost } from './lab';
import { credentials, signIn, submitSignIn } from './session';

// Sign-in, sign-out and what each role is shown. The accounts exist before the server starts
// (e2e/ui/session.ts); the inventory may be empty or not, so host controls are checked by absence.

const WRONG_PASSWORD = 'not-the-admin-password-e2e';

/** tRPC calls the page makes from now on, by procedure name. */
function trpcCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (req) => {
    const path = decodeURIComponent(new URL(req.url()).pathname);
    if (path.startsWith('/api/trpc/')) calls.push(...path.slice('/api/trpc/'.length).split(','));
  });
  return calls;
}

/** The controls that change hosts; none may be on a viewer's page. */
async function expectNoHostControls(page: Page) {
  for (const name of [
    'Test',
    'Remove',
    'Refresh',
    'Refresh all',
    'Trust this key',
    'Add and test connection',
  ])
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  // A row's Edit is named for its host: "Edit openstack-aio".
  await expect(page.getByRole('button', { name: /^Edit \S/ })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Add host' })).toHaveCount(0);
  await expect(page.getByLabel('Auto-refresh interval')).toHaveCount(0);
}

test('signed out, / sends to sign-in with the way back', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  // Users exist, so no first-run note; the example is one click away.
  await expect(page.getByTestId('setup-needed')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'See an example topology' })).toHaveAttribute(
    'href',
    '/example',
  );
});

test('/example is open signed out, shows the example banner and calls no host API', async ({ page }) => {
  const calls = trpcCalls(page);
  await page.goto('/example');
  await expect(page).toHaveURL(/\/example$/);
  const banner = page.getByTestId('example-banner');
  await expect(banner).toContainText('Example topology captured from the openstack-aio lab');
  await expect(banner.getByRole('link', { name: 'Sign in to see your hosts' })).toHaveAttribute(
    'href',
    '/login',
  );
  await graphReady(page);
  expect(
    await page.evaluate(() => window.__patchbay?.cy.nodes('[kind = "bridge"]').length ?? 0),
  ).toBeGreaterThan(1);
  await expect(page.getByTestId('app-header')).toHaveCount(0);
  await expectNoHostControls(page);
  await page.keyboard.press('r');
  await page.waitForTimeout(300);
  expect(calls.filter((c) => c.startsWith('hosts.'))).toEqual([]);
});

test('/setup says setup is done once users exist', async ({ page }) => {
  await page.goto(`/setup#token=${'x'.repeat(43)}`);
  await expect(page.getByTestId('setup-done')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create admin' })).toHaveCount(0);
});

test('a wrong password shows the error and stays on sign-in', async ({ page }) => {
  await page.goto('/login');
  await submitSignIn(page, 'admin', WRONG_PASSWORD);
  await expect(page.getByTestId('login-error')).toContainText('wrong user name or password');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('app-header')).toHaveCount(0);
});

test('sign in as admin, sign out: back at sign-in, and / asks to sign in again', async ({ page }) => {
  await signIn(page, 'admin');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('session-user')).toHaveText('admin · admin');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
});

test('sign-in returns to the page asked for, and never to another site', async ({ page, baseURL }) => {
  const { name, password } = credentials('viewer');
  await page.goto('/hosts');
  await expect(page).toHaveURL(/\/login\?next=%2Fhosts$/);
  await submitSignIn(page, name, password);
  await expect(page).toHaveURL(/\/hosts$/);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);

  await page.goto(`/login?next=${encodeURIComponent('//example.com/')}`);
  await submitSignIn(page, name, password);
  await expect(page.getByTestId('session-user')).toContainText(name);
  expect(new URL(page.url()).pathname).toBe('/');
  expect(new URL(page.url()).host).toBe(new URL(baseURL as string).host);
});

/** An admin adds a lab host over the API (so host rows and graph controls exist), and removes it after. */
async function withLabHostRow(browser: Browser, baseURL: string, run: () => Promise<void>) {
  const admin = await browser.newPage({ baseURL });
  await signIn(admin, 'admin');
  const api = (path: string, data: unknown) =>
    admin.request.post(`/api/trpc/${path}`, {
      data,
      headers: { origin: baseURL, 'content-type': 'application/json' },
    });
  const lab = labHost('openstack-aio');
  const added = await api('hosts.add', {
    name: 'role-check',
    address: lab.address,
    port: lab.port,
    user: 'root',
    auth: { method: 'key', keyPath: LAB_KEY },
  });
  expect(added.status(), await added.text()).toBe(200);
  const { id } = (await added.json()).result.data as { id: string };
  try {
    await run();
  } finally {
    await api('hosts.remove', { id });
    await admin.close();
  }
}

test('a viewer sees hosts and graphs, and nothing that changes anything', async ({
  page,
  browser,
  baseURL,
}) => {
  await withLabHostRow(browser, baseURL as string, () => viewerSeesNothingToChange(page));
});

async function viewerSeesNothingToChange(page: Page) {
  await signIn(page, 'viewer');
  const header = page.getByTestId('app-header');
  await expect(header).toContainText('viewer1 · viewer');
  await expect(header.getByRole('link', { name: 'Hosts' })).toBeVisible();
  await expect(header.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await expect(header.getByRole('link', { name: 'Audit' })).toHaveCount(0);

  await page.goto('/hosts');
  await expect(page.getByRole('heading', { name: 'Inventory' })).toBeVisible();
  // The host row is there (an admin would see Test and Remove on it); the viewer sees none.
  await expect(page.getByTestId('host-list')).toContainText('role-check');
  await expect(page.getByRole('heading', { name: 'Add a host' })).toHaveCount(0);
  await expect(page.getByTestId('add-host-section')).toHaveCount(0);
  await expectNoHostControls(page);

  const calls = trpcCalls(page);
  await page.goto('/');
  await expect(page.getByRole('toolbar', { name: 'Graph tools' })).toBeVisible();
  await expectNoHostControls(page);
  await expect(page.getByRole('link', { name: 'Add a host' })).toHaveCount(0);
  // No `r` shortcut either, and the shortcut help does not offer it.
  await page.keyboard.press('r');
  await page.keyboard.press('?');
  await expect(page.getByTestId('help')).toBeVisible();
  await expect(page.getByTestId('help')).not.toContainText('refresh');
  expect(calls.filter((c) => c === 'hosts.refresh' || c === 'hosts.refreshAll')).toEqual([]);

  // The admin pages answer with a plain refusal (no redirect).
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByTestId('forbidden')).toContainText(
    '403 — this page needs the admin role; you are viewer',
  );
}

test("a viewer's direct API call to remove a host is refused with 403", async ({ page, baseURL }) => {
  await signIn(page, 'viewer');
  const res = await page.request.post('/api/trpc/hosts.remove', {
    data: { id: randomUUID() },
    headers: { origin: baseURL as string, 'content-type': 'application/json' },
  });
  expect(res.status()).toBe(403);
  expect(await res.text()).toContain('needs the admin role');
});

test('an operator may refresh but not manage hosts or users', async ({ page, browser, baseURL }) => {
  await withLabHostRow(browser, baseURL as string, () => operatorRefreshesOnly(page, baseURL as string));
});

async function operatorRefreshesOnly(page: Page, baseURL: string) {
  await signIn(page, 'operator');
  const header = page.getByTestId('app-header');
  await expect(header).toContainText('operator1 · operator');
  await expect(header.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await page.goto('/hosts');
  await expect(page.getByTestId('host-list')).toContainText('role-check');
  await expect(page.getByRole('button', { name: 'Refresh', exact: true })).toBeVisible();
  await expect(page.getByTestId('add-host-section')).toHaveCount(0);
  for (const name of ['Test', 'Remove', 'Trust this key'])
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  const post = (path: string, data: unknown) =>
    page.request.post(`/api/trpc/${path}`, {
      data,
      headers: { origin: baseURL, 'content-type': 'application/json' },
    });
  // Past the role check, a refresh of a host that does not exist is "not found", not "forbidden".
  expect((await post('hosts.refresh', { id: randomUUID() })).status()).toBe(404);
  expect((await post('hosts.remove', { id: randomUUID() })).status()).toBe(403);
}

test('the admin sees Users and Audit, and the audit log lists the sign-in', async ({ page }) => {
  const admin = credentials('admin');
  await signIn(page, 'admin');
  const header = page.getByTestId('app-header');

  await header.getByRole('link', { name: 'Users' }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  const users = page.getByTestId('user-list');
  for (const name of ['admin', 'operator1', 'viewer1'])
    await expect(users.locator(`tr[data-user="${name}"]`)).toBeVisible();
  await expect(page.getByLabel('Role of viewer1')).toHaveValue('viewer');
  await expect(page.getByLabel('Role of admin')).toHaveValue('admin');

  await header.getByRole('link', { name: 'Audit' }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  // A sign-in's target is the user name (its actor is who was signed in before: "anonymous").
  const adminLogins = page
    .locator('[data-testid="audit-row"][data-action="auth.login"][data-outcome="ok"]')
    .filter({ has: page.locator('td', { hasText: /^admin$/ }) });
  await expect(adminLogins.first()).toBeVisible();

  await page.getByLabel('Action (exact)').fill('auth.login');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(adminLogins.first()).toBeVisible();
  const actions = await page
    .getByTestId('audit-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
  expect(new Set(actions)).toEqual(new Set(['auth.login']));

  await expect(page.getByRole('link', { name: 'Download JSON lines' })).toHaveAttribute(
    'href',
    '/api/audit/export',
  );
  const exported = await page.request.get('/api/audit/export');
  expect(exported.status()).toBe(200);
  const text = await exported.text();
  const entries = text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { action: string; target: string | null; outcome: string });
  expect(entries.some((e) => e.action === 'auth.login' && e.target === 'admin' && e.outcome === 'ok')).toBe(
    true,
  );
  // Passwords never reach the log, typed right or wrong.
  expect(text).not.toContain(admin.password);
  expect(text).not.toContain(WRONG_PASSWORD);
});
