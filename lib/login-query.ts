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
 *
 * One exception, decided here on the server: `step_up=<name>` (lib/step-up.ts)
 * adds the one scope that step-up names to the configured ones, and marks the
 * returnTo so that a step-up the user did not complete can be told apart.
 */
import { NextRequest } from 'next/server';
import { safeReturnTo } from '@/lib/safe-return-to';
import { isStepUp, STEP_UP_PARAM, STEP_UPS, type StepUp } from '@/lib/step-up';

export const ALLOWED_LOGIN_PARAMS: readonly string[] = [
  'returnTo', // where to come back to; checked again after login (lib/safe-return-to.ts)
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
