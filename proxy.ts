/**
 * Next.js 16 "proxy" (formerly middleware). auth0.middleware mounts the login
 * routes: /auth/login, /auth/logout, /auth/callback and /auth/profile, and
 * keeps the session cookie rolling.
 *
 * It protects nothing by itself: pages use auth0.withPageAuthRequired and API
 * routes use auth0.withApiAuthRequired.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { auth0 } from '@/lib/auth0';
import { withAllowedLoginParams } from '@/lib/login-query';

export async function proxy(request: NextRequest) {
  // /auth/login passes on to Auth0 only the query parameters the app allows:
  // never a scope or audience other than the configured ones (lib/login-query.ts).
  request = withAllowedLoginParams(request);

  const response = await auth0.middleware(request);

  // The SDK answers a plain-text 500 when it cannot reach Auth0 (login and
  // logout start with Auth0's discovery document): show a page that says so.
  const { pathname } = request.nextUrl;
  if ((pathname === '/auth/login' || pathname === '/auth/logout') && response.status >= 500) {
    const page = new URL('/auth-error', request.nextUrl);
    page.searchParams.set('error', 'auth0_unreachable');
    return NextResponse.redirect(page);
  }
  return response;
}

export const config = {
  // Pages and the /auth/* routes. Not static files, which never need the
  // session, and not /api/*: API routes check the session themselves
  // (withApiAuthRequired), and skipping the proxy there makes each API call
  // several times cheaper (see `npm run bench:proxy`). Page navigations still
  // keep the rolling session alive.
  matcher: [
    '/((?!api/|_next/static|_next/image|favicon.ico|favicon.svg|sitemap.xml|robots.txt).*)',
  ],
};
