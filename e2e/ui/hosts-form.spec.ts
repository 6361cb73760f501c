import { expect, test } from '@playwright/test';
import { failOnPageErrors, LAB_KEY, labHost, removeLabHost, useLabHost } from './lab';

/**
 * The add-host form says what is wrong in words, and a refusal never turns into an unhandled
 * rejection in the page (failOnPageErrors fails the test on one): a relative key path (the
 * README's own `.lab/id_ed25519`) and a duplicate name. The same form edits a host in place
 * (issue 13), on the lab host `empty`, which no other UI spec uses.
 */
test.describe.configure({ mode: 'serial' });
failOnPageErrors('admin');

const NAME = 'form-check';
let added = false;
const LAB = 'empty';
let addedLab = false;

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

test('a host is edited in place: prefilled, saved, tested, and refused in words', async ({ page }) => {
  // Adding the lab host (and trusting its key) takes up to a minute by itself.
  test.setTimeout(180_000);
  const lab = labHost(LAB);
  addedLab = await useLabHost(page, LAB);
  // A fresh page: the add form's own test result is gone, only the edit form's can show.
  await page.goto('/hosts');
  const row = page.locator(`tr[data-host="${LAB}"]`);
  const edit = row.getByRole('button', { name: `Edit ${LAB}` });
  const section = page.getByTestId('edit-host-section');
  const form = page.getByRole('form', { name: 'Edit host' });

  await test.step('Escape and Cancel close the form and save nothing', async () => {
    await edit.click();
    await expect(form.getByLabel('Name')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(form).toHaveCount(0);
    await expect(edit).toBeFocused();
    await edit.click();
    await form.getByLabel('Labels').fill('not-saved');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect(form).toHaveCount(0);
    await expect(row).not.toContainText('not-saved');
  });

  await test.step('the form is prefilled with the host as stored, secrets left empty', async () => {
    await edit.click();
    await expect(form.getByLabel('Name')).toHaveValue(LAB);
    await expect(form.getByLabel('Address')).toHaveValue(lab.address);
    await expect(form.getByLabel('Port')).toHaveValue(String(lab.port));
    await expect(form.getByLabel('User')).toHaveValue('root');
    await expect(form.getByLabel('Authentication')).toHaveValue('key');
    await expect(form.getByLabel('Key path (on the server)')).toHaveValue(LAB_KEY);
    await expect(form.getByLabel('Key passphrase')).toHaveValue('');
  });

  await test.step('new labels are saved, the connection tested, and the row shows them', async () => {
    await form.getByLabel('Labels').fill('rack-7, e2e-edit');
    await form.getByRole('button', { name: 'Save and test' }).click();
    await expect(section.getByTestId('test-ok')).toBeVisible({ timeout: 30_000 });
    await expect(section.getByRole('link', { name: `Open the view of ${LAB}` })).toBeVisible();
    await expect(row).toContainText('rack-7');
    await expect(row).toContainText('e2e-edit');
    await section.getByRole('button', { name: 'Close' }).click();
    await expect(form).toHaveCount(0);
  });

  await test.step('an invalid label is refused in words, nothing saved', async () => {
    await edit.click();
    await expect(form.getByLabel('Labels')).toHaveValue('rack-7, e2e-edit');
    await form.getByLabel('Labels').fill('rack-7, no!');
    await form.getByRole('button', { name: 'Save and test' }).click();
    const alert = section.getByRole('alert');
    await expect(alert).toContainText('Labels: letters, digits');
    await expect(alert).not.toContainText('{');
    await expect(row).not.toContainText('no!');
  });

  await test.step('a port nothing listens on is saved, and the test says what failed in words', async () => {
    await form.getByLabel('Labels').fill('rack-7, e2e-edit');
    await form.getByLabel('Port').fill('1');
    await form.getByRole('button', { name: 'Save and test' }).click();
    await expect(row).toContainText(`root@${lab.address}:1`);
    const error = section.getByTestId('test-error');
    // Refused at once on the lab bridge; a dropped packet would end in the 15 s test timeout.
    await expect(error).toContainText(/CONNECT_FAILED|TIMEOUT/, { timeout: 30_000 });
    await expect(error).toContainText(/check the address and port|did not answer in time/);
    await expect(error).not.toContainText('{');
  });

  await test.step('the port set back, its key is still trusted and the test passes', async () => {
    await form.getByLabel('Port').fill(String(lab.port));
    await form.getByRole('button', { name: 'Save and test' }).click();
    await expect(section.getByTestId('test-ok')).toBeVisible({ timeout: 30_000 });
    await expect(row).toContainText(`root@${lab.address}:${lab.port}`);
  });
});

test.afterAll(async ({ browser }) => {
  if (added) await removeLabHost(browser, NAME);
  if (addedLab) await removeLabHost(browser, LAB);
});
