/**
 * The app's server side in the test process, with the real SDK: the BFF call
 * behind GET /api/products, the /profile page's getServerSideProps, and
 * proxy.ts for page loads and the /auth/* routes. Plus a browser's cookie jar.
 *
 * Set the environment (AUTH0_DOMAIN, PRODUCTS_API_URL, …) before calling
 * startApp: the modules read it when they are first imported.
 */
import http from 'node:http';
import { NextRequest } from 'next/server';
import { loginAt, type Client } from '@/services/auth0-local/browserless-login';
import { close, listen } from './listen';
import { z } from 'zod';

export type App = Awaited<ReturnType<typeof startApp>>;

export async function startApp() {
  const { callProductsApi } = await import('@/lib/products-api-client');
  const { getServerSideProps } = await import('@/pages/profile');
  const { proxy } = await import('@/proxy');

  const server = http.createServer(async (req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/api/products') {
      const result = await callProductsApi(
        req,
        res,
        { method: 'GET', path: '/products' },
        z.unknown(),
      );
      res.statusCode = result.status;
      res.end(JSON.stringify(result.body));
    } else if (req.url === '/profile') {
      const context = { req, res, query: {}, resolvedUrl: '/profile' };
      const result = await getServerSideProps(context as Parameters<typeof getServerSideProps>[0]);
      res.end(JSON.stringify(result));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  const url = await listen(server);
  const appBaseUrl = process.env.APP_BASE_URL!;

  return {
    /** Runs proxy.ts for a page load or an /auth/* route, as Next would. */
    proxy: (path: string, cookie: string) =>
      proxy(new NextRequest(`${appBaseUrl}${path}`, { headers: { cookie } })),
    /** An API route or the profile page, over HTTP. */
    get: (path: '/api/products' | '/profile', cookie: string) =>
      fetch(`${url}${path}`, { headers: { cookie } }),
    stop: () => close(server),
  };
}

/** A browser's cookie jar: each answer's Set-Cookie headers set, replace or delete cookies. */
export class Browser {
  private readonly jar = new Map<string, string>();

  static signedOut(): Browser {
    return new Browser();
  }

  /** A browser that already holds these cookies (`__session=…`, a copied one, say). */
  static withCookie(cookie: string): Browser {
    const browser = new Browser();
    for (const pair of cookie.split(/;\s*/).filter(Boolean)) {
      const [name = '', ...value] = pair.split('=');
      browser.jar.set(name, value.join('='));
    }
    return browser;
  }

  /** The Cookie header it sends. */
  get cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** The names of the cookies it holds. */
  get cookieNames(): string[] {
    return [...this.jar.keys()];
  }

  /** It holds a session cookie, whole or in the chunks the SDK splits a large one into. */
  get signedIn(): boolean {
    return this.cookieNames.some((name) => name.startsWith('__session'));
  }

  /** Applies an answer's Set-Cookie headers, in the order the browser receives them. */
  receive(response: { headers: Headers }) {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const [name = '', ...rest] = pair.split('=');
      const value = rest.join('=');
      const deleted = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (deleted) this.jar.delete(name.trim());
      else this.jar.set(name.trim(), value);
    }
  }
}

/**
 * Logs in through the app, as a browser does: /auth/login (proxy.ts and the
 * SDK), the local Auth0's login page, then /auth/callback, which sets the
 * session cookie. Returns the browser holding it.
 */
export async function logInThroughTheApp(
  app: App,
  auth0: Client,
  email: string,
  password: string,
): Promise<Browser> {
  const start = await app.proxy('/auth/login', '');
  const transaction = start.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
  const { callback, page } = await loginAt(start.headers.get('location')!, auth0, email, password);
  if (!callback) throw new Error(`login failed: ${await page.text()}`);
  const done = await app.proxy(`${callback.pathname}${callback.search}`, transaction);
  const browser = Browser.signedOut();
  browser.receive(done);
  if (!browser.signedIn) throw new Error(`the callback set no session (${done.status})`);
  return browser;
}
