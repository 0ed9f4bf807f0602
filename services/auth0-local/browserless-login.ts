/**
 * Walks the authorization-code flow against the local Auth0 with plain fetch
 * (a cookie jar and manual redirects), as a browser and the SDK would do
 * together. For tests and benchmarks that need real tokens without a browser.
 */

export type Client = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
};

export class CookieJar {
  private cookies = new Map<string, string>();
  store(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) this.cookies.set(name.trim(), value.join('='));
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export async function request(url: string, jar: CookieJar, init: RequestInit = {}) {
  const response = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
  });
  jar.store(response);
  return response;
}

export function authorizeUrl(client: Client, params: Record<string, string> = {}) {
  const url = new URL('authorize', client.issuer);
  url.search = new URLSearchParams({
    client_id: client.clientId,
    response_type: 'code',
    redirect_uri: client.redirectUri,
    scope: 'openid profile email offline_access read:products',
    audience: 'https://products-api.example.com',
    state: 'state-123',
    nonce: 'nonce-123',
    ...params,
  }).toString();
  return url.toString();
}

/** Follows redirects within the issuer; stops at the app's callback (as a URL) or at a page. */
export async function follow(
  first: Response,
  client: Client,
  jar: CookieJar,
): Promise<Response | URL> {
  let response = first;
  while (response.status >= 300 && response.status < 400) {
    const location = new URL(response.headers.get('location') ?? '', client.issuer);
    if (location.origin === new URL(client.redirectUri).origin) return location;
    response = await request(location.toString(), jar);
  }
  return response;
}

/**
 * Accepts the screens Auth0 may show after the login form, as a user would:
 * consent, and the login confirmation for a callback URL it cannot verify.
 * Both post `action=accept` back to the page they came from.
 */
export async function acceptScreens(
  result: Response | URL,
  client: Client,
  jar: CookieJar,
): Promise<Response | URL> {
  let current = result;
  for (let screens = 0; screens < 3 && current instanceof Response; screens++) {
    const html = await current.clone().text();
    if (!/name="action" value="accept"/.test(html)) break;
    const answered = await request(current.url, jar, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action: 'accept' }).toString(),
    });
    current = await follow(answered, client, jar);
  }
  return current;
}

/**
 * Logs in at `url` (an /authorize URL) in the browser whose cookies `jar`
 * holds: the form is filled in if it is shown (with the jar of an earlier
 * login, single sign-on skips it), then the consent and confirmation screens
 * are accepted. Returns the URL Auth0 sends the browser back to, or the page
 * the login stopped at (a wrong password, a one-time-code challenge).
 */
export async function loginInto(
  url: string,
  client: Client,
  jar: CookieJar,
  email: string,
  password: string,
): Promise<Response | URL> {
  const first = await follow(await request(url, jar), client, jar);
  if (first instanceof URL || !(await first.clone().text()).includes('name="password"')) {
    return acceptScreens(first, client, jar);
  }
  return submitScreen(first.url, client, jar, { username: email, password, action: 'default' });
}

/** Posts `fields` as the form of the screen at `url`, then accepts the screens that follow. */
export async function submitScreen(
  url: string,
  client: Client,
  jar: CookieJar,
  fields: Record<string, string>,
): Promise<Response | URL> {
  const submitted = await request(url, jar, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return acceptScreens(await follow(submitted, client, jar), client, jar);
}

/** Logs in at `url` in a new browser: its cookies, and the callback URL or the page shown. */
export async function loginAt(url: string, client: Client, email: string, password: string) {
  const jar = new CookieJar();
  const result = await loginInto(url, client, jar, email, password);
  return result instanceof URL
    ? { jar, callback: result, page: null }
    : { jar, callback: null, page: result };
}

/** Logs in with this client's usual authorize parameters (see authorizeUrl). */
export function login(
  client: Client,
  email: string,
  password: string,
  params: Record<string, string> = {},
) {
  return loginAt(authorizeUrl(client, params), client, email, password);
}

export async function tokenRequest(client: Client, body: Record<string, string>) {
  const response = await fetch(new URL('oauth/token', client.issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      ...body,
    }).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The page a login stopped at (a one-time-code challenge, say), which must not be the callback. */
export async function screenAt(at: Response | URL) {
  if (at instanceof URL) throw new Error(`expected a screen, got the callback ${at}`);
  return { url: at.url, status: at.status, html: await at.text() };
}

/** Exchanges the authorization code the callback carries: the token endpoint's answer. */
export async function exchangeCallback(client: Client, callback: Response | URL | null) {
  if (!(callback instanceof URL)) {
    throw new Error(`no callback: ${callback ? await callback.text() : 'no redirect'}`);
  }
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`no code: ${callback}`);
  return tokenRequest(client, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: client.redirectUri,
  });
}

export type TokenSet = {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: string;
};

/** Logs in and exchanges the code: the tokens the SDK would keep in the session. */
export async function tokensFor(
  client: Client,
  email: string,
  password: string,
): Promise<TokenSet> {
  const { callback, page } = await login(client, email, password);
  const { status, body } = await exchangeCallback(client, callback ?? page);
  if (status !== 200) throw new Error(`The code exchange failed: ${JSON.stringify(body)}`);
  return body as unknown as TokenSet;
}
