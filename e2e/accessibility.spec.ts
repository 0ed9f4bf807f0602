import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, passAuth0Screens, test } from './fixtures';
import { e2eTarget } from './target';
import { users } from '../test-helpers/demo-users';

/** No WCAG 2.1 A/AA violation and no axe best-practice violation on the page as it is now. */
async function expectNoViolations(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const summary = violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, what).toEqual([]);
}

test('signed out: home, products, the error page and a missing page', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Log in' }).first()).toBeVisible();
  await expectNoViolations(page, 'home');

  await page.goto('/products');
  await expect(page.getByText('Log in to see the products your role allows.')).toBeVisible();
  await expectNoViolations(page, 'products, signed out');

  await page.goto('/auth-error?error=access_denied&error_description=Blocked');
  await expect(page.getByRole('heading', { name: 'Access denied' })).toBeVisible();
  await expectNoViolations(page, 'error page');

  await page.goto('/no-such-page');
  await expectNoViolations(page, '404 page');
});

test('the local Auth0 login page, also with an error', async ({ page }) => {
  test.skip(!e2eTarget().localAuth0, "Auth0's own Universal Login is not ours to check");
  await page.goto('/auth/login');
  await expect(page.locator('input[name="username"]')).toBeVisible();
  await expectNoViolations(page, 'login page');
  expect(
    await passAuth0Screens(page, { email: users.admin.email, password: 'wrong password' }),
  ).toBe('login form');
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoViolations(page, 'login page with an error');
});

test('signed in: profile, products with the form, the user menu open', async ({ page, signIn }) => {
  await signIn(users.admin);
  await page.goto('/');
  await page.getByRole('button', { name: new RegExp(users.admin.name) }).click();
  await expect(page.getByRole('link', { name: 'Log out' })).toBeVisible();
  await expectNoViolations(page, 'home with the user menu open');

  await page.goto('/profile');
  await expect(page.getByRole('region', { name: /what your API sees/ })).toBeVisible();
  await expectNoViolations(page, 'profile');

  await page.goto('/products');
  await expect(page.getByRole('list', { name: 'Products' })).toBeVisible();
  await page
    .getByRole('form', { name: 'Add product' })
    .getByRole('button', { name: 'Add product' })
    .click();
  await expect(page.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page, 'products with form errors');
});

test('a user without a role: the permission message', async ({ page, signIn }) => {
  await signIn(users.noRole);
  await page.goto('/products');
  await expect(page.getByRole('main').getByRole('alert')).toBeVisible();
  await expectNoViolations(page, 'products, not allowed');
});

// WCAG 1.4.10 (Reflow): at 320 CSS pixels wide, nothing scrolls sideways. A
// long unbreakable value (a token's `jti`, a URL) is what usually breaks it.
test.describe('on a narrow screen (320 px), no page scrolls sideways', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  async function expectNoSidewaysScroll(page: Page, what: string) {
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${what}: pixels wider than the screen`).toBe(0);
  }

  test('signed out, and signed in as each user', async ({ page, signIn }) => {
    await page.goto('/');
    await expectNoSidewaysScroll(page, 'home');
    await page.goto('/auth-error?error=auth0_unreachable');
    await expectNoSidewaysScroll(page, 'error page');

    for (const user of [users.admin, users.employee, users.noRole]) {
      await page.context().clearCookies();
      await signIn(user);
      await page.goto('/profile');
      await expect(page.getByRole('region', { name: /what your API sees/ })).toBeVisible();
      await expectNoSidewaysScroll(page, `profile of ${user.email}`);
      await page.goto('/products');
      await expect(
        page.getByRole('list', { name: 'Products' }).or(page.getByRole('main').getByRole('alert')),
      ).toBeVisible();
      await expectNoSidewaysScroll(page, `products of ${user.email}`);
    }
  });
});
