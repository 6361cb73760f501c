import { expect, test } from '@playwright/test';
import { failOnPageErrors, removeLabHost } from './lab';

/**
 * The add-host form says what is wrong in words, and a refusal never turns into an unhandled
 * rejection in the page (failOnPageErrors fails the test on one): a relative key path (the
 * README's own `.lab/id_ed25519`) and a duplicate name.
 */
test.describe.configure({ mode: 'serial' });
failOnPageErrors('admin');

const NAME = 'form-check';
let added = false;

async function fill(page: import('@playwright/test').Page, keyPath: string) {
  await page.goto('/hosts');
  const form = page.getByRole('form', { name: 'Add host' });
  await form.getByLabel('Name').fill(NAME);
  await form.getByLabel('Address').fill('127.0.0.1');
  await form.getByLabel('Port').fill('1');
  await form.getByLabel('Authentication').selectOption('key');
  await form.getByLabel('Key path (on the server)').fill(keyPath);
  await form.getByRole('button', { name: /add/i }).click();
  // Next.js keeps an empty route announcer with role alert: the form's own say something.
  return page.getByRole('alert').filter({ hasText: /\S/ });
}

test('a relative key path is refused in words: absolute on the server, with an example', async ({ page }) => {
  const alert = await fill(page, '.lab/id_ed25519');
  await expect(alert).toContainText('Authentication: the key path must be absolute on the server');
  await expect(alert).toContainText('/root/.ssh/id_ed25519');
  await expect(alert).not.toContainText('{');
  await expect(page.getByRole('row', { name: new RegExp(NAME) })).toHaveCount(0);
});

test('a name already taken is refused in words', async ({ page }) => {
  await fill(page, '/root/.ssh/id_ed25519');
  await expect(page.getByRole('row', { name: new RegExp(NAME) })).toHaveCount(1);
  added = true;
  const alert = await fill(page, '/root/.ssh/id_ed25519');
  await expect(alert.filter({ hasText: 'already exists' })).toContainText(
    `a host named "${NAME}" already exists`,
  );
});

test.afterAll(async ({ browser }) => {
  if (added) await removeLabHost(browser, NAME);
});
