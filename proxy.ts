/**
 * Next.js 16 "proxy" (formerly middleware). auth0.middleware mounts the login
 * routes: /auth/login, /auth/logout, /auth/callback and /auth/profile.
 *
 * It protects nothing by itself: pages use auth0.withPageAuthRequired and API
 * routes use auth0.withApiAuthRequired. What it adds here:
 * - page loads and /auth/profile renew an expired access token, so a session
 *   whose refresh token no longer works ends everywhere, the nav included
 *   (lib/session-renewal.ts);
 * - when Auth0 cannot be reached, login and logout land on a page that says
 *   so instead of the SDK's plain-text 500 (and logout still signs the user
 *   out of this app).
 */
import { NextResponse, type NextRequest } from 'next/server';
import { auth0 } from '@/lib/auth0';
import { env } from '@/lib/env';
import { observeAuth0Calls } from '@/lib/auth0-fetch';
import { withAllowedLoginParams } from '@/lib/login-query';
import { pageLoad, renewSessionIfExpired } from '@/lib/session-renewal';

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (!pathname.startsWith('/auth/')) return pageLoad(request);

  // /auth/login passes on to Auth0 only the query parameters the app allows:
  // never a scope or audience other than the configured ones, or those of a
  // named step-up (lib/login-query.ts).
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

export const config = {
  // Pages and the /auth/* routes. Not static files, which never need the
  // session, and not /api/*: API routes check the session themselves
  // (withApiAuthRequired) and renew tokens through the same shared exchange.
  matcher: [
    '/((?!api/|_next/static|_next/image|favicon.ico|favicon.svg|sitemap.xml|robots.txt).*)',
  ],
};
