/**
 * Server only (used by proxy.ts): keeps the session cookie that page loads and
 * /auth/profile send back consistent with the tokens Auth0 last issued.
 *
 * The SDK's rolling session rewrites the cookie on every page load with the
 * tokens that request carried. If an API call refreshed those tokens at the
 * same moment, whichever answer reaches the browser last wins, and a page
 * load that wins puts back a refresh token that was just exchanged. So page
 * loads write the cookie only when they have renewed the tokens themselves
 * (sharing the exchange with any concurrent request, see lib/auth0-fetch.ts),
 * and the session rolls forward with each renewal instead.
 */
import './server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { auth0, SESSION_COOKIE } from '@/lib/auth0';
import { observeAuth0Calls } from '@/lib/auth0-fetch';
import { describeTokenError } from '@/lib/token-errors';

/** What became of the session: kept as it is (or renewed), ended, or not checked. */
export type Renewal = 'kept' | 'ended' | 'auth0_unavailable' | 'signed_out';

/** Renews the access token if it has expired, writing the new session cookie on `response`. */
export async function renewSessionIfExpired(
  request: NextRequest,
  response: NextResponse,
): Promise<Renewal> {
  if (!hasSessionCookie(request)) return 'signed_out';
  const observed = await observeAuth0Calls(() => auth0.getAccessToken(request, response));
  if (observed.ok) return 'kept';
  const problem = describeTokenError(observed.error, observed.log);
  if (problem.sessionOver) {
    // Auth0 refused to renew it (refresh token revoked or expired, user
    // blocked), or the session reached its end: the browser forgets it.
    deleteSessionCookies(request, response);
    return 'ended';
  }
  // Auth0 unreachable or rate-limiting, no refresh token, MFA asked for: API
  // calls say what happened, and the session stays.
  return problem.status === 503 ? 'auth0_unavailable' : 'kept';
}

function sessionCookieNames(request: NextRequest): string[] {
  return request.cookies
    .getAll()
    .map(({ name }) => name)
    .filter((name) => name === SESSION_COOKIE || name.startsWith(`${SESSION_COOKIE}__`));
}

function hasSessionCookie(request: NextRequest): boolean {
  return sessionCookieNames(request).length > 0;
}

/** Deletes the session cookie (and its chunks, when the SDK had to split it). */
export function deleteSessionCookies(request: NextRequest, response: NextResponse) {
  for (const name of sessionCookieNames(request)) {
    response.cookies.set(name, '', { path: '/', maxAge: 0 });
  }
}

/**
 * A page load passes through; its cookie is rewritten only if its tokens were
 * renewed. Then the page renders with the renewed cookie, as the browser will
 * send it next time: otherwise its getServerSideProps would see the expired
 * token again and write the same session a second time, doubling the
 * answer's headers (6.6 kB instead of 3.7 kB, more than nginx's default
 * buffer holds: docs/tutorial/08-deploy.md, "Behind a reverse proxy").
 */
export async function pageLoad(request: NextRequest): Promise<NextResponse> {
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
