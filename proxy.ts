/**
 * Next.js 16 "proxy" (formerly middleware). auth0.middleware mounts the login
 * routes: /auth/login, /auth/logout, /auth/callback and /auth/profile.
 *
 * It protects nothing by itself: pages use auth0.withPageAuthRequired and API
 * routes use auth0.withApiAuthRequired. What it adds here:
 * - page loads and /auth/profile renew an expired access token, so a session
 *   whose refresh token no longer works ends everywhere, the nav included
 *   (the session renewal below);
 * - when Auth0 cannot be reached, login and logout land on a page that says
 *   so instead of the SDK's plain-text 500 (and logout still signs the user
 *   out of this app).
 */
import { NextRequest, NextResponse } from 'next/server';
import { auth0 } from '@/lib/auth0';
import { observeAuth0Calls } from '@/lib/auth0-fetch';
import { env } from '@/lib/env';
import { withAllowedLoginParams } from '@/lib/login';
import { describeTokenError } from '@/lib/token-errors';

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (!pathname.startsWith('/auth/')) return pageLoad(request);

  // /auth/login passes on to Auth0 only the query parameters the app allows:
  // never a scope or audience other than the configured ones, or those of a
  // named step-up (lib/login.ts).
  request = withAllowedLoginParams(request, {
    scope: env.AUTH0_SCOPE,
    appBaseUrl: env.APP_BASE_URL,
  });

  const observed = await observeAuth0Calls(() => auth0.middleware(request));
  if (!observed.ok) throw observed.error;
  const response = observed.value;

  if (pathname === '/auth/profile' && response.status === 200) {
    // The cookie decrypts, but is the session still alive at Auth0?
    if ((await renewSessionIfExpired(request, response)) === 'ended') {
      const signedOut = new NextResponse(null, { status: 204 });
      copyCookies(response, signedOut);
      return signedOut;
    }
    return response;
  }
  if (pathname === '/auth/login' && response.status >= 500) {
    return errorPage(request, 'auth0_unreachable');
  }
  if (pathname === '/auth/logout') {
    // The SDK deletes the session cookie even when Auth0 is down (and then
    // answers 500, or redirects to an Auth0 that will not load): keep the
    // deletion, and tell the user that only this app has signed them out.
    // Judged by this logout's own calls to Auth0, never by other users' (lib/auth0-fetch.ts).
    const auth0Failed = response.status >= 500 || observed.log.unreachable;
    if (auth0Failed) return copyCookies(response, errorPage(request, 'logout_auth0_unreachable'));
  }
  return response;
}

function errorPage(request: NextRequest, code: string): NextResponse {
  const page = new URL('/auth-error', request.nextUrl);
  page.searchParams.set('error', code);
  return NextResponse.redirect(page);
}

function copyCookies(from: NextResponse, to: NextResponse): NextResponse {
  for (const cookie of from.headers.getSetCookie()) to.headers.append('set-cookie', cookie);
  return to;
}

/**
 * The session renewal. The SDK's rolling session would rewrite the cookie on
 * every page load with the tokens that request carried, and an older cookie
 * could reach the browser after an API call's renewal. So a page load writes
 * the cookie only when it renewed the tokens itself, through the shared
 * exchange (docs/sessions.md#many-requests-one-refresh).
 */

/** What became of the session: kept as it is (or renewed), ended, or not renewed for now. */
type Renewal = 'kept' | 'ended' | 'auth0_unavailable';

/** Renews the access token if it has expired, writing the new session cookie on `response`. */
async function renewSessionIfExpired(
  request: NextRequest,
  response: NextResponse,
): Promise<Renewal> {
  const observed = await observeAuth0Calls(() => auth0.getAccessToken(request, response));
  if (observed.ok) return 'kept';
  const problem = describeTokenError(observed.error, observed.log);
  if (problem.sessionOver) {
    // Auth0 refused to renew it (refresh token revoked or expired, user
    // blocked), or the session reached its end: the browser forgets it.
    await deleteSession(request, response);
    return 'ended';
  }
  // Signed out, Auth0 unreachable or rate-limiting, no refresh token, MFA asked
  // for: API calls say what happened, and the session stays.
  return problem.status === 503 ? 'auth0_unavailable' : 'kept';
}

/**
 * Deletes the session's cookies (all of them when the SDK split a large session
 * into chunks). The SDK deletes a session only in its logout handler, so that
 * runs; its redirect to Auth0 is not sent (docs/sessions.md#a-session-auth0-ends).
 */
async function deleteSession(request: NextRequest, response: NextResponse) {
  const logout = new NextRequest(new URL('/auth/logout', request.nextUrl), {
    headers: request.headers,
  });
  copyCookies(await auth0.middleware(logout), response);
}

/**
 * A page load passes through; its cookie is rewritten only if its tokens were
 * renewed. Then the page renders with the renewed cookie, as the browser will
 * send it next time: otherwise its getServerSideProps would see the expired
 * token again and write the same session a second time, doubling the
 * answer's headers (6.6 kB instead of 3.7 kB, more than nginx's default
 * buffer holds: docs/tutorial/08-deploy.md, "Behind a reverse proxy").
 */
async function pageLoad(request: NextRequest): Promise<NextResponse> {
  const renewal = NextResponse.next();
  await renewSessionIfExpired(request, renewal);
  const setCookies = renewal.headers.getSetCookie();
  if (setCookies.length === 0) return renewal;

  const headers = new Headers(request.headers);
  headers.set('cookie', cookiesAfter(request, renewal));
  const response = NextResponse.next({ request: { headers } });
  for (const cookie of setCookies) response.headers.append('set-cookie', cookie);
  // An answer that sets the session cookie must never be stored by a shared cache.
  response.headers.set('Cache-Control', 'private, no-cache, no-store, must-revalidate');
  return response;
}

/** The request's Cookie header once `response`'s cookies are applied (set, or deleted). */
function cookiesAfter(request: NextRequest, response: NextResponse): string {
  const cookies = new Map(request.cookies.getAll().map(({ name, value }) => [name, value]));
  for (const { name, value, maxAge, expires } of response.cookies.getAll()) {
    const deleted =
      value === '' || maxAge === 0 || (expires !== undefined && +expires <= Date.now());
    if (deleted) cookies.delete(name);
    else cookies.set(name, value);
  }
  return [...cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ');
}

export const config = {
  // Pages and the /auth/* routes. Not static files, which never need the
  // session, and not /api/*: API routes check the session themselves
  // (withApiAuthRequired) and renew tokens through the same shared exchange.
  matcher: [
    '/((?!api/|_next/static|_next/image|favicon.ico|favicon.svg|sitemap.xml|robots.txt).*)',
  ],
};
