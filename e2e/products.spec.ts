import { decodeJwt } from 'jose';
import type { Page, Response } from '@playwright/test';
import { enterOneTimeCode, expect, passAuth0Screens, stepUp, test } from './fixtures';
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

/** A POST /api/products made by hand from the page (same origin, JSON), as a curious user would. */
function postFromPage(page: Page, name: string) {
  return page.evaluate(async (productName) => {
    const res = await fetch('/api/products', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: productName, price: 1, department: 'sales' }),
    });
    return { status: res.status, body: await res.json() };
  }, name);
}

test('an admin sees every department, confirms it’s them with a one-time code, adds a product', async ({
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

  // The login asked for reading only: the form waits for a second factor.
  await expect(
    page.getByRole('heading', { name: 'Confirm it’s you to add products' }),
  ).toBeVisible();
  await expect(page.getByRole('form', { name: 'Add product' })).toHaveCount(0);
  const cookiesBefore = await page.context().cookies();
  await page.getByRole('link', { name: 'Confirm it’s you' }).click();
  expect(await passAuth0Screens(page, { email: users.admin.email })).toBe('one-time code');
  await enterOneTimeCode(page, users.admin, { wrong: true });
  await expect(page.getByText('That code is not right, try again')).toBeVisible();
  await enterOneTimeCode(page, users.admin);
  expect(await passAuth0Screens(page)).toBe('app');
  await expect(page).toHaveURL(/\/products\?step_up=add_product$/);

  const name = `Test product ${Date.now()}`;
  const form = page.getByRole('form', { name: 'Add product' });
  await expect(form.getByLabel('Name')).toBeFocused();
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Price (USD)').fill('12.5');
  await form.getByLabel('Department').selectOption('marketing');
  await form.getByRole('button', { name: 'Add product' }).click();

  const added = list.getByRole('listitem').filter({ hasText: name });
  await expect(added).toContainText('$12.50');
  await expect(added).toContainText('marketing');
  expect(await leaks()).toEqual([]);

  // The session cookie from before the step-up, put back: its tokens never
  // get the write scope, renewed or not.
  await page.context().clearCookies();
  await page.context().addCookies(cookiesBefore);
  const stepUpStatus = await page.evaluate(async () => (await fetch('/api/step-up')).json());
  expect(stepUpStatus).toMatchObject({ add_product: { allowed: false } });
  expect(await postFromPage(page, 'Replayed')).toMatchObject({
    status: 403,
    body: { error: 'step_up_required' },
  });
});

test('a cancelled step-up comes back to the products page, signed in, nothing added', async ({
  page,
  signIn,
}) => {
  await signIn(users.admin);
  await page.goto('/products');
  // Without the second factor, the app does not even send the write.
  expect(await postFromPage(page, 'Not confirmed')).toMatchObject({
    status: 403,
    body: { error: 'step_up_required' },
  });

  await page.getByRole('link', { name: 'Confirm it’s you' }).click();
  expect(await passAuth0Screens(page, { email: users.admin.email })).toBe('one-time code');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(/\/products\?step_up_cancelled=add_product$/);
  await expect(page.getByText('You did not confirm it’s you, so nothing was added.')).toBeVisible();
  await expect(page.getByRole('button', { name: new RegExp(users.admin.name) })).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Confirm it’s you to add products' }),
  ).toBeVisible();
  const list = page.getByRole('list', { name: 'Products' });
  await expect(list.getByText('Not confirmed')).toHaveCount(0);
});

test('asking /auth/login for create:products directly gets a login without it', async ({
  page,
  signIn,
}) => {
  await signIn(users.admin);
  await page.goto(
    '/auth/login?scope=openid+offline_access+read%3Aproducts+create%3Aproducts&returnTo=%2Fprofile',
  );
  // No second factor asked for: the scope was dropped before Auth0 saw the request.
  expect(await passAuth0Screens(page, { email: users.admin.email })).toBe('app');
  await expect(page.getByRole('region', { name: 'Second factor' })).toContainText(
    'Not confirmed in this session.',
  );
});

test('the form checks input before sending it, as the API does', async ({ page, signIn }) => {
  await signIn(users.admin);
  await page.goto('/products');
  await stepUp(page, users.admin);
  const form = page.getByRole('form', { name: 'Add product' });
  await form.getByLabel('Price (USD)').fill('9.999');
  await form.getByRole('button', { name: 'Add product' }).click();
  await expect(form.getByLabel('Name')).toHaveAccessibleDescription(
    /at least 2 visible characters/,
  );
  await expect(form.getByLabel('Price (USD)')).toHaveAccessibleDescription(/at most 2 decimals/);
  await expect(form.getByLabel('Department')).toHaveAttribute('aria-invalid', 'true');
});

test('an employee sees only their department, no form and no step-up', async ({ page, signIn }) => {
  const leaks = watchForAccessTokens(page);
  await signIn(users.employee);
  await page.goto('/products');

  const list = page.getByRole('list', { name: 'Products' });
  await expect(list.getByRole('listitem')).not.toHaveCount(0);
  const departments = await list.getByRole('listitem').locator('span.capitalize').allTextContents();
  expect(new Set(departments)).toEqual(new Set([users.employee.department]));
  await expect(page.getByRole('form', { name: 'Add product' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Confirm it’s you' })).toHaveCount(0);

  // A hand-made POST from the page is refused, whatever the UI shows.
  expect(await postFromPage(page, 'Sneaky')).toMatchObject({
    status: 403,
    body: { message: expect.stringContaining('create:products') },
  });

  expect(await leaks()).toEqual([]);
});

test('a user without a role is told which permission they lack, and never asked to step up', async ({
  page,
  signIn,
}) => {
  await signIn(users.noRole);
  await page.goto('/products');
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('You are not allowed to see this.');
  await expect(alert).toContainText('read:products');
  // Never offered a step-up, and a hand-made POST is refused.
  await expect(page.getByRole('link', { name: 'Confirm it’s you' })).toHaveCount(0);
  expect((await postFromPage(page, 'Sneaky')).status).toBe(403);
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
