import { expect, type Page } from '@playwright/test';

export type E2ERole = 'admin' | 'operator' | 'viewer';

/**
 * The accounts the UI suite signs in with. They are created before the server starts (with
 * `npx patchbay user add`), each with its password from the environment, so no password is
 * written in the repository.
 */
export const E2E_USERS: Record<E2ERole, { name: string; passwordEnv: string }> = {
  admin: { name: 'admin', passwordEnv: 'PATCHBAY_E2E_ADMIN_PASSWORD' },
  operator: { name: 'operator1', passwordEnv: 'PATCHBAY_E2E_OPERATOR_PASSWORD' },
  viewer: { name: 'viewer1', passwordEnv: 'PATCHBAY_E2E_VIEWER_PASSWORD' },
};

export function credentials(role: E2ERole): { name: string; password: string } {
  const { name, passwordEnv } = E2E_USERS[role];
  const password = process.env[passwordEnv];
  if (!password)
    throw new Error(`${passwordEnv} is not set: the ${role} account (${name}) needs its password`);
  return { name, password };
}

/** Fills the sign-in form on the current page and submits it. */
export async function submitSignIn(page: Page, name: string, password: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('User name').fill(name);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in through the sign-in page as the suite's user of `role`; resolves once the app shows them. */
export async function signIn(page: Page, role: E2ERole): Promise<void> {
  const { name, password } = credentials(role);
  await page.goto('/login');
  await submitSignIn(page, name, password);
  await expect(page.getByTestId('session-user')).toContainText(name);
}
