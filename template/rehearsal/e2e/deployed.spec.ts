/**
 * The deployed shape (npm run test:e2e:deployed): the production build at
 * https://app.rehearsal.test behind nginx ending TLS, against the stand-in
 * tenant. What only a deployed app does is checked here: Secure cookies,
 * HSTS, a CSP without localhost, Auth0 and the app's redirects at https
 * names, and a login, a renewal and a logout whose responses pass through a
 * proxy's header buffers. A small spec of its own rather than the whole
 * suite: the other specs are about the app, which does not change with where
 * it is served, and they keep running on localhost and in the tenant run.
 */
import type { Page, Response } from '@playwright/test';
import { expect, stepUp, test } from '../../../e2e/fixtures';
import { e2eTarget, LOCAL_ACCESS_TOKEN_LIFETIME } from '../../../e2e/target';
import { users } from '../../../test-helpers/demo-users';
import { DEPLOYED, isDeployedRun } from '../deployed';

test.skip(!isDeployedRun(), 'only in npm run test:e2e:deployed');

const app = new URL(DEPLOYED.appBaseUrl);
const tenant = `https://${e2eTarget().env.AUTH0_DOMAIN}`;

type SetCookie = { url: string; line: string };

/** Every Set-Cookie line the app sends this page, with the URL that sent it. */
function recordSetCookies(page: Page): SetCookie[] {
  const seen: SetCookie[] = [];
  page.on('response', async (response: Response) => {
    if (new URL(response.url()).origin !== app.origin) return;
    for (const { name, value } of await response.headersArray())
      if (name.toLowerCase() === 'set-cookie') seen.push({ url: response.url(), line: value });
  });
  return seen;
}

/** The access token's claims, as /profile shows them. */
async function tokenClaims(page: Page): Promise<{ iat: number; exp: number }> {
  const panel = page.getByRole('region', { name: /what your API sees/ });
  return JSON.parse((await panel.locator('pre').textContent()) ?? '{}') as {
    iat: number;
    exp: number;
  };
}

test('a login, a token renewal and a logout at the https address, with Secure cookies only', async ({
  page,
  login,
}, testInfo) => {
  test.setTimeout(60_000);
  const setCookies = recordSetCookies(page);

  await login(users.admin);
  expect(new URL(page.url()).origin).toBe(app.origin);
  // The login went through the tenant and came back through the proxy.
  expect(setCookies.some(({ url }) => new URL(url).pathname === '/auth/callback')).toBe(true);

  await page.goto('/profile');
  await expect(page.getByRole('heading', { level: 1, name: users.admin.name })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('profile.png'), fullPage: true });

  // The browser's view of the session: Secure, HttpOnly, Lax, for this host only.
  const session = (await page.context().cookies()).filter((c) => c.name.startsWith('__session'));
  expect(session.map((c) => c.name)).toEqual(['__session']);
  expect(session[0]).toMatchObject({
    domain: app.hostname,
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Lax',
  });

  // The products API at its https name, and a same-origin POST through the proxy.
  await page.goto('/products');
  const list = page.getByRole('list', { name: 'Products' });
  await expect(list.getByRole('listitem')).not.toHaveCount(0);
  // The step-up, through the proxy too: single sign-on to an https callback
  // shows no login screen, only the one-time-code challenge.
  await stepUp(page, users.admin);
  const name = `Deployed ${Date.now()}`;
  const form = page.getByRole('form', { name: 'Add product' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Price (USD)').fill('3');
  await form.getByLabel('Department').selectOption('sales');
  await form.getByRole('button', { name: 'Add product' }).click();
  await expect(list.getByRole('listitem').filter({ hasText: name })).toContainText('$3.00');

  // The step-up was a new login: the renewal starts from its tokens.
  await page.goto('/profile');
  const before = await tokenClaims(page);

  // Once the access token has expired, the next page renews it with the
  // refresh token, and the renewed session cookie comes back through the proxy.
  await page.waitForTimeout(Math.max(0, before.exp * 1000 - Date.now()) + 1000);
  const renewalStart = setCookies.length;
  await page.goto('/profile');
  await expect(page.getByRole('heading', { level: 1, name: users.admin.name })).toBeVisible();
  const after = await tokenClaims(page);
  expect(after.iat).toBeGreaterThan(before.iat);
  expect(after.exp - after.iat).toBe(LOCAL_ACCESS_TOKEN_LIFETIME);
  // Written once: each copy of the session is 2.5 kB of a proxy's header buffer.
  const renewed = setCookies
    .slice(renewalStart)
    .filter(({ line }) => line.startsWith('__session='));
  expect(renewed.map(({ url }) => new URL(url).pathname)).toEqual(['/profile']);

  await page.getByRole('button', { name: new RegExp(users.admin.name) }).click();
  await page.getByRole('link', { name: 'Log out' }).click();
  await expect(page.getByRole('link', { name: 'Log in' }).first()).toBeVisible();
  expect(new URL(page.url()).origin).toBe(app.origin);
  expect((await page.context().cookies()).filter((c) => c.name.startsWith('__session'))).toEqual(
    [],
  );

  // Every cookie the app set along the way (the login's transaction cookie,
  // the session, their deletions) is Secure; a __Host- one is host-only on /.
  expect(setCookies.length).toBeGreaterThan(2);
  for (const { url, line } of setCookies) {
    const attributes = line.split(';').map((part) => part.trim().toLowerCase());
    expect(attributes, `${url}: ${line.split('=')[0]}`).toContain('secure');
    if (line.startsWith('__Host-')) {
      expect(attributes, line.split('=')[0]).toContain('path=/');
      expect(
        attributes.some((a) => a.startsWith('domain=')),
        line.split('=')[0],
      ).toBe(false);
    }
  }
});

test('every response carries HSTS and a CSP without localhost, through the proxy', async ({
  page,
}) => {
  for (const path of ['/', '/products', '/api/products', '/auth/profile', '/missing-page']) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    // Served by nginx, not by next start directly.
    expect(headers.server, path).toMatch(/^nginx/);
    expect(headers['strict-transport-security'], path).toBe('max-age=63072000; includeSubDomains');
    const csp = headers['content-security-policy'] ?? '';
    expect(csp, path).toContain("script-src 'self'");
    expect(csp, path).not.toMatch(/localhost|127\.0\.0\.1|http:/);
  }
});

test('redirects name the https addresses, never the address behind the proxy', async ({ page }) => {
  const login = await page.request.get('/auth/login?returnTo=/profile', { maxRedirects: 0 });
  expect(login.status()).toBe(307);
  const authorize = new URL(login.headers().location ?? '');
  expect(authorize.origin).toBe(tenant);
  expect(authorize.searchParams.get('redirect_uri')).toBe(`${app.origin}/auth/callback`);

  // A signed-out visit to a protected page: the app's own redirect.
  const profile = await page.request.get('/profile', { maxRedirects: 0 });
  expect(profile.status()).toBeGreaterThanOrEqual(300);
  expect(profile.status()).toBeLessThan(400);
  const location = new URL(profile.headers().location ?? '', app.origin);
  expect(location.origin).toBe(app.origin);
  expect(location.pathname).toBe('/auth/login');
});
