import path from 'node:path';
import {
  enterOneTimeCode,
  expect,
  passAuth0Screens,
  submitLoginForm,
  test,
} from '../../e2e/fixtures';
import { users } from '../../test-helpers/demo-users';

const images = path.resolve(__dirname, '..', '..', 'docs', 'images');
const shot = (name: string) => ({ path: path.join(images, `${name}.png`), fullPage: true });

test.use({ viewport: { width: 1200, height: 760 } });

test('home and login page', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Log in' }).first()).toBeVisible();
  await page.screenshot(shot('home'));
  await page.getByRole('link', { name: 'Log in' }).first().click();
  await expect(page.locator('input[name="username"]')).toBeVisible();
  await page.screenshot(shot('login'));
});

test('profile and products of the admin', async ({ page, login }) => {
  await login(users.admin);
  await page.goto('/profile');
  await expect(page.getByRole('region', { name: /what your API sees/ })).toBeVisible();
  await page.screenshot(shot('profile'));
  await page.goto('/products');
  await expect(page.getByRole('list', { name: 'Products' })).toBeVisible();
  await page.screenshot(shot('products-admin'));
});

test('what the other users see', async ({ page, login }) => {
  await login(users.noRole);
  await page.goto('/products');
  await expect(page.getByRole('main').getByRole('alert')).toBeVisible();
  await page.screenshot(shot('products-no-role'));
  await page.context().clearCookies();

  await page.goto('/auth/login');
  await submitLoginForm(page, users.blocked.email);
  await expect(page.getByRole('heading', { name: 'Access denied' })).toBeVisible();
  await page.screenshot(shot('access-denied'));
});

test('mobile', async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  await page.goto('/auth/login?returnTo=/products');
  await submitLoginForm(page, users.employee.email);
  await expect(page.getByRole('list', { name: 'Products' })).toBeVisible();
  await page.screenshot(shot('products-mobile'));
  await context.close();
});

// The step-up, at desktop width and on a phone: the prompt, the challenge, a
// wrong code, the form after the right one, the profile, and a cancelled step-up.
for (const [suffix, viewport] of [
  ['', { width: 1200, height: 760 }],
  ['-mobile', { width: 390, height: 844 }],
] as const) {
  test(`step-up${suffix}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const stepUpShot = (name: string) => shot(`step-up-${name}${suffix}`);
    await page.goto('/auth/login?returnTo=/products');
    await submitLoginForm(page, users.admin.email);
    await expect(page.getByRole('list', { name: 'Products' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Confirm it’s you' })).toBeVisible();
    await page.screenshot(stepUpShot('prompt'));

    await page.getByRole('link', { name: 'Confirm it’s you' }).click();
    expect(await passAuth0Screens(page)).toBe('one-time code');
    await page.screenshot(stepUpShot('challenge'));
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText('You did not confirm it’s you')).toBeVisible();
    await page.screenshot(stepUpShot('cancelled'));

    await page.getByRole('link', { name: 'Confirm it’s you' }).click();
    expect(await passAuth0Screens(page)).toBe('one-time code');
    await enterOneTimeCode(page, users.admin, { wrong: true });
    await expect(page.getByText('That code is not right, try again')).toBeVisible();
    await page.screenshot(stepUpShot('wrong-code'));
    await enterOneTimeCode(page, users.admin);
    expect(await passAuth0Screens(page)).toBe('app');
    await expect(page.getByRole('form', { name: 'Add product' }).getByLabel('Name')).toBeFocused();
    await page.screenshot(stepUpShot('form'));

    await page.goto('/profile');
    await expect(page.getByRole('region', { name: 'Second factor' })).toContainText('Confirmed');
    await page.screenshot(stepUpShot('profile'));
    await context.close();
  });
}
