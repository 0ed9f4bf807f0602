/**
 * `npm run dev` as a developer sees it: the main pages, signed out and signed
 * in, with no error or warning in the browser's console and no Content-Security-Policy
 * violation. (The e2e suite checks the production build; this is the only
 * test of the development server.)
 */
import { expect, test, type Page } from '@playwright/test';
import { DEV_STACK_URLS } from './target';
import { stepUp, submitLoginForm } from './fixtures';
import { accepts, nonLoopbackAddresses } from './network';
import { users } from '../test-helpers/demo-users';

/**
 * Next.js 16's development client reads `window.next.router` when the dev
 * server's first message arrives, and an app whose JavaScript takes longer to
 * load than that message has no router yet: Next.js then logs this warning.
 * A bare Pages Router app whose `_app` imports the SDK and SWR logs it too.
 * It is harmless (it only concerns the dev indicator's "static" badge).
 */
const NEXT_DEV_CLIENT_RACE = /^\[HMR\] Invalid message: \{"type":"isrManifest"/;

/** Console errors and warnings, uncaught exceptions and CSP violations, as text. */
function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    if (message.type() === 'warning' && !NEXT_DEV_CLIENT_RACE.test(message.text())) {
      problems.push(`console warning: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  // Chromium does not always log a violation to the console: listen for the event too.
  void page.exposeFunction('reportCspViolation', (text: string) =>
    problems.push(`CSP violation: ${text}`),
  );
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void })
        .reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return problems;
}

test('the main pages load without a console error, signed out and signed in', async ({ page }) => {
  const problems = collectProblems(page);

  const home = await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // nosniff stays on everything but the one script Next.js serves with the wrong type.
  expect(home?.headers()['x-content-type-options']).toBe('nosniff');
  await page.goto('/products');
  await expect(page.getByText('Log in to see the products your role allows.')).toBeVisible();

  await page.getByRole('link', { name: 'Log in' }).first().click();
  await submitLoginForm(page, users.admin.email);
  await expect(page.getByRole('button', { name: new RegExp(users.admin.name) })).toBeVisible();

  for (const path of ['/', '/profile', '/products']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  await expect(page.getByRole('list', { name: 'Products' })).toBeVisible();

  // The step-up works under the dev server too: a one-time code, then a product.
  await stepUp(page, users.admin);
  const name = `Dev product ${Date.now()}`;
  const form = page.getByRole('form', { name: 'Add product' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Price (USD)').fill('4');
  await form.getByLabel('Department').selectOption('sales');
  await form.getByRole('button', { name: 'Add product' }).click();
  await expect(page.getByRole('list', { name: 'Products' })).toContainText(name);
  // Let late scripts (hot reload, the dev overlay) report what they have to.
  await page.waitForLoadState('networkidle');

  expect(problems).toEqual([]);
});

test('the dev server cannot be reached from the network', async () => {
  const port = Number(new URL(DEV_STACK_URLS.APP_BASE_URL).port);
  expect(await accepts('127.0.0.1', port)).toBe(true);
  for (const address of nonLoopbackAddresses()) {
    expect(await accepts(address, port), `${address}:${port}`).toBe(false);
  }
});
