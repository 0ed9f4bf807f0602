import { expect, passAuth0Screens, test } from './fixtures';
import { users } from '../test-helpers/demo-users';
import { DEPARTMENT_CLAIM, ROLES_CLAIM } from '../test-helpers/project';
import { e2eTarget } from './target';

test('the home page has a headline and offers to log in', async ({ page }) => {
  await page.goto('/');
  // Any headline: it is the first text people change.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/\S/);
  await expect(page.getByRole('link', { name: 'Log in' }).first()).toBeVisible();
});

for (const user of [users.admin, users.employee, users.noRole]) {
  test(`${user.name} logs in and sees their roles, department and access token claims`, async ({
    page,
    login,
  }) => {
    await login(user);
    await page.getByRole('button', { name: new RegExp(user.name) }).click();
    await page.getByRole('link', { name: 'Profile' }).last().click();
    await expect(page).toHaveURL(/\/profile$/);

    await expect(page.getByRole('heading', { level: 1, name: user.name })).toBeVisible();
    const roles = page.getByRole('definition').first();
    if (user.roles.length) {
      for (const role of user.roles) await expect(roles).toContainText(role);
    } else {
      await expect(roles).toHaveText('No role');
    }
    await expect(page.getByRole('definition').nth(1)).toHaveText(user.department ?? 'None');

    // The panel shows the decoded claims, as the API will see them.
    const panel = page.getByRole('region', { name: /what your API sees/ });
    const claims = JSON.parse((await panel.locator('pre').textContent()) ?? '{}');
    expect(claims[ROLES_CLAIM]).toEqual(user.roles);
    expect(claims[DEPARTMENT_CLAIM]).toEqual(user.department ?? undefined);
    expect(claims.aud).toContain(e2eTarget().env.AUTH0_AUDIENCE);
    expect(claims.azp).toEqual(expect.any(String));
    expect(claims.sub).toEqual(expect.any(String));
  });
}

test('a logged-out visit to /profile goes to the login page and comes back to /profile', async ({
  page,
}) => {
  await page.goto('/profile');
  await expect(page.locator('input[name="username"]')).toBeVisible();
  expect(await passAuth0Screens(page, { email: users.employee.email })).toBe('app');
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole('heading', { level: 1, name: users.employee.name })).toBeVisible();
});

test('a server-rendered page with the user needs no /auth/profile request', async ({
  page,
  login,
}) => {
  await login(users.employee);
  const profileRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/auth/profile') profileRequests.push(request.url());
  });
  await page.goto('/profile');
  await expect(page.getByRole('button', { name: new RegExp(users.employee.name) })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(profileRequests).toEqual([]);
});

test('a wrong password shows an inline error and lets the user try again', async ({ page }) => {
  await page.goto('/auth/login');
  expect(
    await passAuth0Screens(page, { email: users.admin.email, password: 'not-the-password' }),
  ).toBe('login form');
  // Where Auth0's Universal Login puts the message (without role="alert"); the local Auth0 too.
  await expect(page.locator('#error-element-password')).toContainText(
    /wrong (email|username) or password/i,
  );
  expect(await passAuth0Screens(page, { email: users.admin.email })).toBe('app');
  await expect(page.getByRole('button', { name: new RegExp(users.admin.name) })).toBeVisible();
});

test('a user blocked by the post-login Action sees "access denied" with the reason', async ({
  page,
}) => {
  await page.goto('/auth/login');
  expect(await passAuth0Screens(page, { email: users.blocked.email })).toBe('app');
  await expect(page).toHaveURL(/\/auth-error/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Access denied');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'Access denied: This account has been blocked. Contact your administrator.',
  );
  // No session was created.
  await expect(page.getByRole('link', { name: 'Log in' }).first()).toBeVisible();
});

test('logging out ends the session at the app and at Auth0', async ({ page, login }) => {
  await login(users.admin);
  await page.getByRole('button', { name: new RegExp(users.admin.name) }).click();
  await page.getByRole('link', { name: 'Log out' }).click();
  await expect(page.getByRole('link', { name: 'Log in' }).first()).toBeVisible();

  // The protected page asks to log in again, and so does Auth0: no silent single sign-on.
  await page.goto('/profile');
  await expect(page.locator('input[name="password"]')).toBeVisible();
});

test('the access token stays on the server: no endpoint hands it to the browser', async ({
  page,
  login,
}) => {
  await login(users.admin);
  const response = await page.request.get('/auth/access-token');
  expect(response.status()).toBe(404);

  // The session cookie is HttpOnly, so page scripts cannot read the tokens it carries.
  // (A large session is split into __session__0, __session__1, …)
  const cookies = await page.context().cookies();
  const sessionCookies = cookies.filter((cookie) => cookie.name.startsWith('__session'));
  expect(sessionCookies.length).toBeGreaterThan(0);
  for (const cookie of sessionCookies) expect(cookie.httpOnly).toBe(true);
  expect(await page.evaluate(() => document.cookie)).not.toContain('__session');

  // The profile page shows the token's claims, decoded on the server: the
  // HTML and page data must not contain the token itself (nor any JWT).
  await page.goto('/profile');
  await expect(page.getByRole('region', { name: /what your API sees/ })).toBeVisible();
  expect(await page.content()).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
});
