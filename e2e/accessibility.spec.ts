import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { enterOneTimeCode, expect, passAuth0Screens, test } from './fixtures';
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

test('signed in: profile, the step-up, products with the form, the user menu open', async ({
  page,
  signIn,
}) => {
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
  await expect(page.getByRole('link', { name: 'Confirm it’s you' })).toBeVisible();
  await expectNoViolations(page, 'products, the step-up prompt');

  await page.getByRole('link', { name: 'Confirm it’s you' }).click();
  expect(await passAuth0Screens(page, { email: users.admin.email })).toBe('one-time code');
  await expectNoViolations(page, 'the one-time code challenge');
  await enterOneTimeCode(page, users.admin);
  expect(await passAuth0Screens(page)).toBe('app');
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
    // The longest error code the page shows, as a crafted link may carry it.
    await page.goto(`/auth-error?error=${'an_unknown_error_code'.padEnd(64, '_x')}`);
    await expectNoSidewaysScroll(page, 'error page with a 64-character code');

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

// The claims' JSON wraps the way code does on a phone: no row is left empty or
// holding punctuation alone. Where a row breaks depends on the screen's width and on the values (the
// `jti` is random), so every width from 320 to 430 px is tried.
test('on a phone, the claims wrap without an empty row or a `",` alone', async ({
  page,
  signIn,
}) => {
  await signIn(users.admin);
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/profile');
  await expect(page.getByRole('region', { name: /what your API sees/ })).toBeVisible();
  for (let width = 320; width <= 430; width += 2) {
    await page.setViewportSize({ width, height: 640 });
    expect(await rowsLeftBehind(page), `${width} px wide`).toEqual([]);
  }
});

/**
 * The rows of the claims' JSON that hold nothing but spaces (a value pushed
 * past its line's indentation), or that a line wraps onto with nothing but
 * punctuation (a value that just fills a row and leaves its `",` alone on the
 * next one). A line of its own such as `],` is fine.
 */
function rowsLeftBehind(page: Page) {
  return page.locator('pre').evaluateAll((panels) =>
    panels.flatMap((panel) => {
      let rows = new Map<number, string>(); // the rows of one line, by their top
      const lines = [rows];
      const walker = document.createTreeWalker(panel, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          if (text[i] === '\n') {
            rows = new Map();
            lines.push(rows);
            continue;
          }
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const top = Math.round(range.getBoundingClientRect().top);
          rows.set(top, (rows.get(top) ?? '') + text[i]);
        }
      }
      return lines.flatMap((rows) =>
        [...rows.values()].filter(
          (row, index) => /^\s*$/.test(row) || (index > 0 && /^[\s"',:[\]{}]+$/.test(row)),
        ),
      );
    }),
  );
}
