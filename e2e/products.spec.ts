import { decodeJwt } from 'jose';
import type { Page, Response } from '@playwright/test';
import { expect, test } from './fixtures';
import { e2eTarget } from './target';
import { users } from '../test-helpers/demo-users';

const audience = e2eTarget().env.AUTH0_AUDIENCE;

/**
 * Records every response the browser receives (headers and bodies), to prove
 * that none of them carries an access token for the API.
 */
function watchForAccessTokens(page: Page) {
  const leaks: string[] = [];
  const pending: Promise<void>[] = [];
  const inspect = async (response: Response) => {
    const headers = JSON.stringify(await response.allHeaders());
    const body =
      response.request().method() === 'HEAD' ? '' : await response.text().catch(() => '');
    for (const jwt of `${headers}\n${body}`.match(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/g) ?? []) {
      const aud = [decodeJwt(jwt).aud].flat();
      if (aud.includes(audience)) leaks.push(`${response.url()}: an access token for ${audience}`);
    }
  };
  page.on('response', (response) => void pending.push(inspect(response)));
  return async () => {
    await Promise.all(pending);
    return leaks;
  };
}

test('an admin sees every department, adds a product and sees it in the list', async ({
  page,
  signIn,
}) => {
  const leaks = watchForAccessTokens(page);
  await signIn(users.admin);
  await page.goto('/');
  await page.getByRole('link', { name: 'Products' }).click();

  const list = page.getByRole('list', { name: 'Products' });
  await expect(list.getByRole('listitem')).not.toHaveCount(0);
  for (const department of ['engineering', 'marketing', 'operations', 'sales']) {
    await expect(list.getByText(department, { exact: true }).first()).toBeVisible();
  }

  const name = `Test product ${Date.now()}`;
  const form = page.getByRole('form', { name: 'Add product' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Price (USD)').fill('12.5');
  await form.getByLabel('Department').selectOption('marketing');
  await form.getByRole('button', { name: 'Add product' }).click();

  const added = list.getByRole('listitem').filter({ hasText: name });
  await expect(added).toContainText('$12.50');
  await expect(added).toContainText('marketing');

  expect(await leaks()).toEqual([]);
});

test('the form checks input before sending it, as the API does', async ({ page, signIn }) => {
  await signIn(users.admin);
  await page.goto('/products');
  const form = page.getByRole('form', { name: 'Add product' });
  await form.getByLabel('Price (USD)').fill('9.999');
  await form.getByRole('button', { name: 'Add product' }).click();
  await expect(form.getByLabel('Name')).toHaveAccessibleDescription(
    /at least 2 visible characters/,
  );
  await expect(form.getByLabel('Price (USD)')).toHaveAccessibleDescription(/at most 2 decimals/);
  await expect(form.getByLabel('Department')).toHaveAttribute('aria-invalid', 'true');
});

test('an employee sees only their department, and no form', async ({ page, signIn }) => {
  const leaks = watchForAccessTokens(page);
  await signIn(users.employee);
  await page.goto('/products');

  const list = page.getByRole('list', { name: 'Products' });
  await expect(list.getByRole('listitem')).not.toHaveCount(0);
  const departments = await list.getByRole('listitem').locator('span.capitalize').allTextContents();
  expect(new Set(departments)).toEqual(new Set([users.employee.department]));
  await expect(page.getByRole('form', { name: 'Add product' })).toHaveCount(0);

  // A hand-made POST from the page is refused by the API, whatever the UI shows.
  const response = await page.evaluate(async () => {
    const res = await fetch('/api/products', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Sneaky', price: 1, department: 'sales' }),
    });
    return { status: res.status, body: await res.json() };
  });
  expect(response).toMatchObject({
    status: 403,
    body: { message: expect.stringContaining('create:products') },
  });

  expect(await leaks()).toEqual([]);
});

test('a user without a role is told which permission they lack', async ({ page, signIn }) => {
  await signIn(users.noRole);
  await page.goto('/products');
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('You are not allowed to see this.');
  await expect(alert).toContainText('read:products');
});

test('logged out: /api/products answers 401 JSON and /products offers to log in', async ({
  page,
}) => {
  const response = await page.request.get('/api/products');
  expect(response.status()).toBe(401);
  expect(response.headers()['content-type']).toContain('application/json');
  expect(await response.json()).toMatchObject({ error: 'not_authenticated' });

  await page.goto('/products');
  await expect(page.getByText('Log in to see the products your role allows.')).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Log in' }).click();
  await expect(page.locator('input[name="username"]')).toBeVisible();
});

test('a wrong method gets 405 with Allow', async ({ page, signIn }) => {
  await signIn(users.employee);
  const response = await page.request.delete('/api/products');
  expect(response.status()).toBe(405);
  expect(response.headers()['allow']).toBe('GET, POST');
});
