import { expect, passAuth0Screens, test } from './fixtures';
import { e2eTarget } from './target';
import { users } from '../test-helpers/demo-users';

const appOrigin = new URL(e2eTarget().appBaseUrl).origin;

test('pages and API answers carry the security headers', async ({ page }) => {
  for (const path of ['/', '/api/products']) {
    const response = await page.request.get(path);
    const headers = response.headers();
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy'], path).toContain("script-src 'self'");
    expect(headers['x-frame-options'], path).toBe('DENY');
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy'], path).toContain('camera=()');
  }
});

test('a cross-site form POST cannot create a product', async ({ page, signIn }) => {
  await signIn(users.admin);
  const name = `CSRF ${Date.now()}`;

  // A page on another origin that posts a form to the app as soon as it loads.
  await page.route('http://attacker.test/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<form method="post" action="${appOrigin}/api/products" enctype="text/plain">
        <input name='{"name":"${name}","price":1,"department":"sales","x":"' value='"}'>
      </form><script>document.forms[0].submit()</script>`,
    }),
  );
  const refused = page.waitForResponse(`${appOrigin}/api/products`);
  await page.goto('http://attacker.test/');
  expect([401, 403, 415]).toContain((await refused).status());

  await page.goto('/products');
  await expect(page.getByRole('list', { name: 'Products' })).toBeVisible();
  await expect(page.getByText(name)).toHaveCount(0);
});

test('a POST with a foreign Origin or a non-JSON body is refused, even with the session', async ({
  page,
  signIn,
}) => {
  await signIn(users.admin);
  const product = { name: 'Forged', price: 1, department: 'sales' };
  const foreign = await page.request.post('/api/products', {
    data: product,
    headers: { origin: 'https://evil.example' },
  });
  expect(foreign.status()).toBe(403);
  expect(await foreign.json()).toMatchObject({ error: 'cross_site_request' });

  const notJson = await page.request.post('/api/products', {
    data: 'name=Forged',
    headers: { origin: appOrigin, 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(notJson.status()).toBe(415);
});

test('returnTo never sends the user to another site', async ({ page, signIn }) => {
  await signIn(users.employee);
  // evil.example does not resolve: record any request to it, so that a redirect
  // off the app fails the test with where it went rather than with a DNS error.
  const offSite: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).hostname === 'evil.example') offSite.push(request.url());
  });
  const returnTos = [
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example/',
    'https:%2F%2Fevil.example',
    '%2F%2Fevil.example',
    'javascript:alert(1)',
    // Same-origin for the SDK, but stored as a path that starts with "//".
    '/.//evil.example/pwn',
    '/x/..//evil.example/pwn',
    '/%2e//evil.example/pwn',
    `${appOrigin}//evil.example/pwn`,
    `${appOrigin}/\\evil.example/pwn`,
    '/\t/evil.example/pwn',
    `//${new URL(appOrigin).host}@evil.example/`,
  ];
  // Each one is a whole login round trip through Auth0 (two screens on a tenant).
  test.setTimeout(returnTos.length * 6_000);
  for (const returnTo of returnTos) {
    const failed = await page.goto(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failed, returnTo).toBeNull();
    // Single sign-on with Auth0's saved session: Auth0 asks to confirm the login
    // first, because it cannot verify a callback on localhost.
    expect(await passAuth0Screens(page), returnTo).toBe('app');
    expect(offSite, returnTo).toEqual([]);
    expect(new URL(page.url()).origin, returnTo).toBe(appOrigin);
  }
});

test('the session cookie is HttpOnly, SameSite=Lax and one cookie, not split, for every user', async ({
  page,
  signIn,
  browser,
}) => {
  for (const user of [users.admin, users.employee, users.noRole]) {
    const context = await browser.newContext();
    const userPage = await context.newPage();
    await userPage.goto('/auth/login');
    expect(await passAuth0Screens(userPage, { email: user.email })).toBe('app');
    await expect(userPage.getByRole('button', { name: new RegExp(user.name) })).toBeVisible();
    const session = (await context.cookies()).filter((c) => c.name.startsWith('__session'));
    expect(
      session.map((c) => c.name),
      user.email,
    ).toEqual(['__session']);
    const [cookie] = session;
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe('Lax');
    expect(cookie!.name.length + cookie!.value.length, user.email).toBeLessThan(4096);
    await context.close();
  }
  // Still a working session without the raw ID token in it.
  await signIn(users.admin);
  await page.goto('/profile');
  await expect(page.getByRole('heading', { level: 1, name: users.admin.name })).toBeVisible();
});

test('a crafted link cannot make the error page display a text of its choosing', async ({
  page,
}) => {
  await page.goto(
    '/auth-error?error=access_denied&error_description=Call%20555-0100%20to%20unlock',
  );
  await expect(page.getByRole('heading', { name: 'Access denied' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'Access denied: You are not allowed to log in to this app.',
  );
  await expect(page.getByText('555-0100')).toHaveCount(0);
});

test('a login callback an attacker makes up cannot make the error page display its text', async ({
  page,
  playwright,
}) => {
  // The attacker's own browser: a login of theirs, then its callback with an error of their own.
  const attacker = await playwright.request.newContext({ baseURL: appOrigin });
  const login = await attacker.get('/auth/login', { maxRedirects: 0 });
  const authorize = new URL(login.headers().location!);
  const callback = await attacker.get(
    `/auth/callback?${new URLSearchParams({
      state: authorize.searchParams.get('state')!,
      iss: `${authorize.origin}/`,
      error: 'access_denied',
      error_description:
        'Your account is locked. Call +1-555-0100 and give the agent your password',
    })}`,
    { maxRedirects: 0 },
  );
  const errorPage = new URL(callback.headers().location!, appOrigin);
  // Whatever cookie the app answered with, tossed into the victim's browser.
  const { cookies } = await attacker.storageState();
  await page.context().addCookies(cookies.filter(({ name }) => name === 'login_error'));
  await attacker.dispose();

  await page.goto(`${errorPage.pathname}${errorPage.search}`);
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'Access denied: You are not allowed to log in to this app.',
  );
  await expect(page.getByText('555-0100')).toHaveCount(0);
});

test('a login_error cookie set by another page cannot make the error page display its text', async ({
  page,
}) => {
  // What any page on the same site could do: document.cookie = 'login_error=…; path=/auth-error'.
  await page.context().addCookies([
    {
      name: 'login_error',
      value: 'Your account is locked. Call 555-0100',
      url: `${appOrigin}/auth-error`,
    },
  ]);
  await page.goto('/auth-error?error=access_denied');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'Access denied: You are not allowed to log in to this app.',
  );
  await expect(page.getByText('555-0100')).toHaveCount(0);
});
