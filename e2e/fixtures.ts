/**
 * What many specs need: logging in through the real login page, the same way
 * on the local Auth0 and on Auth0's Universal Login (same field names).
 */
import { test as base, expect, type Page } from '@playwright/test';
import { e2eTarget } from './target';
import type { TestUser } from './users';

const { password } = e2eTarget();

/** Fills the login page the browser is on and submits it. */
export async function submitLoginForm(page: Page, email: string, secret = password) {
  await page.locator('input[name="username"]').fill(email);
  await page.locator('input[name="password"]').fill(secret);
  await page.locator('button[name="action"][value="default"]').click();
}

type Fixtures = {
  /** Logs in from the home page and waits until the app shows the user as signed in. */
  login: (user: TestUser) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  login: async ({ page }, use) => {
    await use(async (user) => {
      await page.goto('/');
      await page.getByRole('link', { name: 'Log in' }).first().click();
      await submitLoginForm(page, user.email);
      await expect(page.getByRole('button', { name: new RegExp(user.name) })).toBeVisible();
    });
  },
});

export { expect };
