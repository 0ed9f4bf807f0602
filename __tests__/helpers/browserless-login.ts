/**
 * Walks the authorization-code flow against the local Auth0 with plain fetch
 * (a cookie jar and manual redirects), as the SDK and a browser would together.
 */
import { APP_BASE_URL, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI } from './local-auth0-process';

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

export function authorizeUrl(issuer: string, params: Record<string, string> = {}) {
  const url = new URL('authorize', issuer);
  url.search = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile email offline_access read:products create:products',
    audience: 'https://products-api.example.com',
    state: 'state-123',
    nonce: 'nonce-123',
    ...params,
  }).toString();
  return url.toString();
}

/** Follows redirects within the issuer; stops at the app's callback (or a page). */
export async function follow(
  first: Response,
  issuer: string,
  jar: CookieJar,
): Promise<Response | URL> {
  let response = first;
  while (response.status >= 300 && response.status < 400) {
    const location = new URL(response.headers.get('location') ?? '', issuer);
    if (location.origin === new URL(APP_BASE_URL).origin) return location;
    response = await request(location.toString(), jar);
  }
  return response;
}

/** Logs in on the login page and returns where Auth0 sends the browser back to. */
export async function login(issuer: string, email: string, password: string, params = {}) {
  const jar = new CookieJar();
  const loginPage = await follow(await request(authorizeUrl(issuer, params), jar), issuer, jar);
  if (loginPage instanceof URL) return { jar, callback: loginPage };
  const loginUrl = loginPage.url;
  const submitted = await request(loginUrl, jar, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: email, password, action: 'default' }).toString(),
  });
  const result = await follow(submitted, issuer, jar);
  return {
    jar,
    callback: result instanceof URL ? result : null,
    page: result instanceof URL ? null : result,
  };
}

export async function tokenRequest(issuer: string, body: Record<string, string>) {
  const response = await fetch(new URL('oauth/token', issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      ...body,
    }).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function exchangeCode(issuer: string, code: string) {
  return tokenRequest(issuer, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
  });
}
