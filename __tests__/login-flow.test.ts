/**
 * The whole login through the app's proxy: the real SDK middleware and
 * onCallback, the real local Auth0 and its login page, no browser. Each test
 * checks where a login sends the user, what it asks Auth0 for, or what the
 * error page then shows.
 */
import type { GetServerSidePropsContext } from 'next';
import { NextRequest, type NextResponse } from 'next/server';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { DENY_REASONS } from '@/lib/login';
import { CookieJar, loginAt, type Client } from '@/services/auth0-local/browserless-login';
import { startLocalAuth0, type LocalAuth0Process } from '@/services/auth0-local/test-server';
import { exampleEnv } from '@/test-helpers/project';

const PORT = 4650;
const PASSWORD = 'Passw0rd!';
const APP = exampleEnv.APP_BASE_URL!;

let auth0Process: LocalAuth0Process;
let client: Client;
let proxy: (request: NextRequest) => Promise<NextResponse>;

beforeAll(async () => {
  auth0Process = await startLocalAuth0(PORT, {
    env: {
      AUTH0_LOCAL_USERS_FILE: 'auth0/local-users.yaml',
      AUTH0_CLIENT_ID: exampleEnv.AUTH0_CLIENT_ID!,
      AUTH0_CLIENT_SECRET: exampleEnv.AUTH0_CLIENT_SECRET!,
      APP_BASE_URL: APP,
    },
  });
  client = {
    issuer: auth0Process.issuer,
    clientId: exampleEnv.AUTH0_CLIENT_ID!,
    clientSecret: exampleEnv.AUTH0_CLIENT_SECRET!,
    redirectUri: `${APP}/auth/callback`,
  };
  Object.assign(process.env, exampleEnv, { AUTH0_DOMAIN: `http://localhost:${PORT}` });
  // Imported once the environment points at this test's local Auth0.
  ({ proxy } = await import('@/proxy'));
}, 30_000);

afterAll(() => auth0Process?.stop());

/** The browser's cookies for the app, kept across requests. */
class AppBrowser {
  readonly jar = new CookieJar();
  async get(pathOrUrl: string) {
    const response = await proxy(
      new NextRequest(new URL(pathOrUrl, APP), { headers: { cookie: this.jar.header() } }),
    );
    this.jar.store(response);
    return response;
  }
}

const locationOf = (response: Response) => new URL(response.headers.get('location') ?? '', APP);

/**
 * Opens /auth/login?<query> and logs in on the local Auth0's login page.
 * Returns the app's answer to the callback (a redirect) and where /auth/login
 * sent the browser at Auth0.
 */
async function logIn(query: string, email = 'sam@example.com') {
  const browser = new AppBrowser();
  const authorize = locationOf(await browser.get(`/auth/login${query}`));
  const { callback } = await loginAt(authorize.toString(), client, email, PASSWORD);
  if (!callback) throw new Error(`Login as ${email} did not come back to the app`);
  const afterLogin = await browser.get(callback.toString());
  return { browser, authorize, afterLogin };
}

describe('after login, returnTo', () => {
  test('brings the user back to the page they asked for', async () => {
    const { afterLogin } = await logIn('?returnTo=%2Fproducts%3Fdepartment%3Dsales');
    expect(afterLogin.status).toBe(307);
    expect(locationOf(afterLogin).toString()).toBe(`${APP}/products?department=sales`);
  }, 15_000);

  test.each([
    '/.//evil.example/pwn',
    '/x/..//evil.example/pwn',
    '/%2e//evil.example/pwn',
    `${APP}//evil.example/pwn`,
    `${APP}/\\evil.example/pwn`,
  ])(
    '%j, which the SDK keeps as the path "//evil.example/pwn", lands on the home page',
    async (returnTo) => {
      const { afterLogin } = await logIn(`?returnTo=${encodeURIComponent(returnTo)}`);
      expect(afterLogin.status).toBe(307);
      expect(locationOf(afterLogin).toString()).toBe(`${APP}/`);
    },
    15_000,
  );
});

/**
 * Opens /auth-error as the browser the error cookie lands in would: its
 * getServerSideProps with that cookie, then the page rendered from the props.
 */
async function openErrorPage(afterLogin: NextResponse) {
  const errorPage = locationOf(afterLogin);
  expect(errorPage.pathname).toBe('/auth-error');
  const page = await import('@/pages/auth-error');
  const result = await page.getServerSideProps({
    req: { cookies: { login_error: afterLogin.cookies.get('login_error')?.value } },
    res: { setHeader: () => {} },
    query: Object.fromEntries(errorPage.searchParams),
  } as unknown as GetServerSidePropsContext);
  if (!('props' in result)) throw new Error('Expected props');
  const props = await result.props;
  return { props, html: renderToStaticMarkup(createElement(page.default, props)) };
}

describe('a login the post-login Action denies', () => {
  test('lands on /auth-error, which shows the Action’s reason from the signed cookie', async () => {
    const { afterLogin } = await logIn('', 'blake@example.com');
    expect(locationOf(afterLogin).searchParams.get('error')).toBe('access_denied');
    // The cookie is not the text itself but a signed JWT that only the app can write.
    expect(afterLogin.cookies.get('login_error')?.value).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);

    const { html } = await openErrorPage(afterLogin);
    expect(html).toContain(
      'Access denied: This account has been blocked. Contact your administrator.',
    );
  }, 15_000);
});

describe('a login callback an attacker makes up', () => {
  const PLANTED = 'Your account is locked. Call +1-555-0100 and give the agent your password';

  /**
   * What an attacker can do without Auth0: start a login in their own browser,
   * then call /auth/callback with that login's state and an error of their
   * choosing. The signed cookie it answers with could then be planted in a
   * victim's browser (from a sibling subdomain, say).
   */
  async function craftedCallback(error: Record<string, string>) {
    const attacker = new AppBrowser();
    const authorize = locationOf(await attacker.get('/auth/login'));
    const callback = new URL('/auth/callback', APP);
    callback.search = new URLSearchParams({
      state: authorize.searchParams.get('state')!,
      iss: auth0Process.issuer,
      ...error,
    }).toString();
    return attacker.get(callback.toString());
  }

  test.each([
    ['access_denied', PLANTED, 'Access denied: You are not allowed to log in to this app.'],
    ['temporarily_unavailable', PLANTED, 'Auth0 did not complete the login.'],
    // Only a denial borrows the Action's messages.
    ['server_error', DENY_REASONS.blocked, 'Auth0 did not complete the login.'],
  ])(
    'error=%s shows the page’s fixed text, never the error_description',
    async (code, description, text) => {
      const afterLogin = await craftedCallback({ error: code, error_description: description });
      // Nothing to carry: the made-up text is not even sealed, so it cannot be planted elsewhere.
      expect(afterLogin.cookies.get('login_error')).toBeUndefined();
      const { props, html } = await openErrorPage(afterLogin);
      expect(html).not.toContain(description);
      expect(html).toContain(text);
      expect(html).toContain(`>${code}</code>`);
      expect(props).toEqual({ code, reason: null });
    },
    15_000,
  );
});

describe('/auth/login', () => {
  const forced = new URLSearchParams({
    scope: 'openid',
    audience: 'https://another-api.example.com',
    organization: 'org_123',
    connection: 'some-connection',
    prompt: 'none',
    max_age: '0',
    response_mode: 'form_post',
    acr_values: 'http://schemas.openid.net/pape/policies/2007/06/multi-factor',
    returnTo: '/products',
    screen_hint: 'signup',
    login_hint: 'sam@example.com',
    ui_locales: 'fr',
  });

  test('always asks Auth0 for the configured scope and audience, whatever the link says', async () => {
    const authorize = locationOf(await new AppBrowser().get(`/auth/login?${forced}`));
    expect(authorize.origin).toBe(`http://localhost:${PORT}`);
    const sent = Object.fromEntries(authorize.searchParams);
    expect(sent.scope).toBe(exampleEnv.AUTH0_SCOPE);
    expect(sent.audience).toBe(exampleEnv.AUTH0_AUDIENCE);
    // What may pass: how the login page looks, never what the login grants.
    expect(sent).toMatchObject({
      screen_hint: 'signup',
      login_hint: 'sam@example.com',
      ui_locales: 'fr',
    });
    for (const dropped of [
      'organization',
      'connection',
      'prompt',
      'max_age',
      'response_mode',
      'acr_values',
      'returnTo',
    ]) {
      expect(sent).not.toHaveProperty(dropped);
    }
  });

  test('?scope=openid still ends in a session with a refresh token and the API scopes', async () => {
    const { browser, afterLogin } = await logIn('?scope=openid&returnTo=%2Fproducts');
    expect(locationOf(afterLogin).toString()).toBe(`${APP}/products`);
    const { auth0 } = await import('@/lib/auth0');
    const session = await auth0.getSession(
      new NextRequest(APP, { headers: { cookie: browser.jar.header() } }),
    );
    expect(session?.tokenSet.refreshToken).toEqual(expect.any(String));
    expect(session?.tokenSet.scope?.split(' ')).toContain('read:products');
  }, 15_000);
});
