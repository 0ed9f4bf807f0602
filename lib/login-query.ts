/**
 * Which query parameters /auth/login may pass on to Auth0.
 *
 * The SDK forwards every query parameter of /auth/login (except returnTo) to
 * Auth0's /authorize, where it overrides the app's own settings. A link to
 * /auth/login?scope=openid would then log the user in without offline_access
 * (no refresh token: the session "expires" an hour later), ?audience=… would
 * ask for a token for another API, ?organization=… or ?prompt=none would
 * change the login itself. So the app keeps the ones below, which change how
 * the login page looks, never what the login grants, and drops the rest: the
 * scope and audience are always the configured ones (lib/auth0.ts).
 */
import { NextRequest } from 'next/server';

export const ALLOWED_LOGIN_PARAMS: readonly string[] = [
  'returnTo', // where to come back to; checked again after login (lib/safe-return-to.ts)
  'screen_hint', // "signup" opens Universal Login on the sign-up form
  'login_hint', // pre-fills the email field
  'ui_locales', // the login page's language
];

/** The SDK's login route, with or without a trailing slash. */
const LOGIN_PATH = /^\/auth\/login\/*$/;

/** The request for /auth/login without the parameters it may not pass on; any other request as is. */
export function withAllowedLoginParams(request: NextRequest): NextRequest {
  if (!LOGIN_PATH.test(request.nextUrl.pathname)) return request;
  const url = request.nextUrl.clone();
  for (const name of new Set(url.searchParams.keys())) {
    if (!ALLOWED_LOGIN_PARAMS.includes(name)) url.searchParams.delete(name);
  }
  if (url.search === request.nextUrl.search) return request;
  return new NextRequest(url, { method: request.method, headers: request.headers });
}
