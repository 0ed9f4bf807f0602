/**
 * Next.js 16 "proxy" (formerly middleware). auth0.middleware mounts the login
 * routes: /auth/login, /auth/logout, /auth/callback and /auth/profile, and
 * keeps the session cookie rolling.
 *
 * It protects nothing by itself: pages use auth0.withPageAuthRequired and API
 * routes use auth0.withApiAuthRequired.
 */
import type { NextRequest } from 'next/server';
import { auth0 } from '@/lib/auth0';

export async function proxy(request: NextRequest) {
  return auth0.middleware(request);
}

export const config = {
  // Everything except static files and images, which never need the session.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|sitemap.xml|robots.txt).*)'],
};
