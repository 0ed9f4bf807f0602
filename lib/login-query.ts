/**
 * What a login may carry: which query parameters /auth/login passes on to
 * Auth0, and where the user may be sent back to after it.
 *
 * Query parameters.
 *
 * The SDK forwards every query parameter of /auth/login (except returnTo) to
 * Auth0's /authorize, where it overrides the app's own settings. A link to
 * /auth/login?scope=openid would then log the user in without offline_access
 * (no refresh token: the session "expires" an hour later), ?audience=… would
 * ask for a token for another API, ?organization=… or ?prompt=none would
 * change the login itself. So the app keeps the ones below, which change how
 * the login page looks, never what the login grants, and drops the rest: the
 * scope and audience are always the configured ones (lib/auth0.ts).
 *
 * One exception, decided here on the server: `step_up=<name>` (lib/step-up.ts)
 * adds the one scope that step-up names to the configured ones, and marks the
 * returnTo so that a step-up the user did not complete can be told apart.
 */
import { NextRequest } from 'next/server';
import { isStepUp, STEP_UP_PARAM, STEP_UPS, type StepUp } from '@/lib/step-up';

export const ALLOWED_LOGIN_PARAMS: readonly string[] = [
  'returnTo', // where to come back to; checked again after login (safeReturnTo below)
  'screen_hint', // "signup" opens Universal Login on the sign-up form
  'login_hint', // pre-fills the email field
  'ui_locales', // the login page's language
];

/** The SDK's login route, with or without a trailing slash. */
const LOGIN_PATH = /^\/auth\/login\/*$/;

/** What the app asks Auth0 for: AUTH0_SCOPE, and APP_BASE_URL for the returnTo of a step-up. */
export type LoginSettings = { scope: string; appBaseUrl: string };

/** The request for /auth/login without the parameters it may not pass on; any other request as is. */
export function withAllowedLoginParams(request: NextRequest, settings: LoginSettings): NextRequest {
  if (!LOGIN_PATH.test(request.nextUrl.pathname)) return request;
  const url = request.nextUrl.clone();
  const stepUp = url.searchParams.get(STEP_UP_PARAM);
  for (const name of new Set(url.searchParams.keys())) {
    if (!ALLOWED_LOGIN_PARAMS.includes(name)) url.searchParams.delete(name);
  }
  if (isStepUp(stepUp)) {
    url.searchParams.set('scope', `${settings.scope} ${STEP_UPS[stepUp]}`);
    const returnTo = url.searchParams.get('returnTo');
    url.searchParams.set('returnTo', markedReturnTo(returnTo, stepUp, settings.appBaseUrl));
  }
  if (url.search === request.nextUrl.search) return request;
  return new NextRequest(url, { method: request.method, headers: request.headers });
}

/** `returnTo` (a path of this app, else /) with `step_up=<name>` in its query. */
function markedReturnTo(returnTo: string | null, stepUp: StepUp, appBaseUrl: string): string {
  const target = new URL(safeReturnTo(returnTo, appBaseUrl), appBaseUrl);
  target.searchParams.set(STEP_UP_PARAM, stepUp);
  return `${target.pathname}${target.search}${target.hash}`;
}

/** The step-up a login's returnTo was marked with by withAllowedLoginParams, if any. */
export function stepUpOf(returnTo: string | undefined, appBaseUrl: string): StepUp | null {
  if (!returnTo) return null;
  const name = new URL(safeReturnTo(returnTo, appBaseUrl), appBaseUrl).searchParams.get(
    STEP_UP_PARAM,
  );
  return isStepUp(name) ? name : null;
}

/**
 * Where to send the user after login (onCallback, lib/auth0.ts): a path on
 * this app, never another site.
 *
 * The SDK keeps only same-origin `returnTo` values, but it stores them as
 * paths, and a path such as `//evil.example/pwn` (from `/.//evil.example/pwn`,
 * `/x/..//evil.example/pwn` or `http://localhost:3000//evil.example/pwn`) is
 * read as another host by `new URL(path, base)` and by browsers ("protocol-
 * relative"). So the redirect after login goes through this function, which
 * answers a path that starts with exactly one `/`, or `/` when in doubt.
 */
const HOME = '/';

/**
 * Backslashes (browsers read `/\evil.example` as `//evil.example`) and control
 * characters (URL parsers silently drop tabs and newlines): no legitimate
 * returnTo has them, so refuse rather than guess what a parser will make of them.
 */
const SUSPICIOUS = /[\\\u0000-\u001F\u007F]/;

/** `//host` or `/\host`: a path that any later parser may read as a host. */
const startsLikeAHost = (path: string) => /^[/\\][/\\]/.test(path);

export function safeReturnTo(returnTo: string | null | undefined, appBaseUrl: string): string {
  if (!returnTo || SUSPICIOUS.test(returnTo)) return HOME;

  const base = new URL(appBaseUrl);
  let url: URL;
  try {
    url = new URL(returnTo, base);
  } catch {
    return HOME;
  }
  // Another origin, `javascript:` (origin "null"), or credentials in the URL.
  if (url.origin !== base.origin || url.username || url.password) return HOME;

  const path = `${url.pathname}${url.search}${url.hash}`;
  if (startsLikeAHost(path)) return HOME;

  // A proxy or framework may decode the path once more before using it
  // (`/%2F%2Fevil.example`, `/%5Cevil.example`): refuse what would then look
  // like a host as well.
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return HOME;
  }
  if (startsLikeAHost(decoded) || SUSPICIOUS.test(decoded)) return HOME;

  return path;
}
