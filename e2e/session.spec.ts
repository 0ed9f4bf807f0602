/**
 * The session over time, in a real browser: several tabs renewing an expired
 * access token at once, and a copied cookie after logout. These need the local
 * Auth0's short access-token lifetime (e2e/target.ts) to wait for an expiry.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { e2eTarget, LOCAL_ACCESS_TOKEN_LIFETIME } from './target';
import { users } from '../test-helpers/demo-users';

test.skip(
  !e2eTarget().localAuth0,
  "needs the local Auth0's short access-token lifetime; your tenant's is longer",
);

const untilExpired = (page: Page) => page.waitForTimeout(LOCAL_ACCESS_TOKEN_LIFETIME * 1000 + 500);

async function expectProducts(page: Page) {
  await expect(
    page.getByRole('list', { name: 'Products' }).getByRole('listitem').first(),
  ).toBeVisible();
}

test('three tabs reloading /products together after expiry all show the products, expiry after expiry', async ({
  context,
  signIn,
}) => {
  test.setTimeout(90_000);
  await signIn(users.employee);
  const tabs = await Promise.all([1, 2, 3].map(() => context.newPage()));
  await Promise.all(tabs.map((tab) => tab.goto('/products')));
  for (const tab of tabs) await expectProducts(tab);

  for (let expiry = 1; expiry <= 2; expiry++) {
    await untilExpired(tabs[0]!);
    await Promise.all(tabs.map((tab) => tab.reload()));
    for (const tab of tabs) {
      await expectProducts(tab);
      await expect(
        tab.getByRole('button', { name: new RegExp(users.employee.name) }),
      ).toBeVisible();
    }
  }
});

test('after logout, a copied session cookie stops working once its access token expires', async ({
  browser,
  page,
  login,
}) => {
  test.setTimeout(60_000);
  await login(users.employee);
  const copied = (await page.context().cookies()).filter((c) => c.name.startsWith('__session'));
  expect(copied).not.toEqual([]);

  await page.getByRole('button', { name: new RegExp(users.employee.name) }).click();
  await page.getByRole('link', { name: 'Log out' }).click();
  await expect(page.getByRole('link', { name: 'Log in' }).first()).toBeVisible();

  // Someone replays the cookie in another browser.
  const other = await browser.newContext();
  await other.addCookies(copied);
  const replay = await other.newPage();
  await untilExpired(replay);

  await replay.goto('/products');
  await expect(replay.getByText('Log in to see the products your role allows.')).toBeVisible();
  await expect(replay.getByRole('link', { name: 'Log in' }).first()).toBeVisible();
  expect((await replay.request.get('/api/products')).status()).toBe(401);

  // /profile sends the replayer to the login page, not to the user's profile.
  await replay.goto('/profile');
  await expect(replay.locator('input[name="password"]')).toBeVisible();
  await other.close();
});
