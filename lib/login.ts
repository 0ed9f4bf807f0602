/**
 * Server only: the login's edges, as the app decides them.
 * - Which query parameters /auth/login passes on to Auth0 (proxy.ts).
 * - Where the callback may send the user back to (onCallback, lib/auth0.ts).
 * - What /auth-error may say about a failed login.
 */
import './server-only';
import type { SdkError } from '@auth0/nextjs-auth0/errors';
import { jwtVerify, SignJWT } from 'jose';
import { NextRequest } from 'next/server';
import { isStepUp, STEP_UP_PARAM, STEP_UPS, type StepUp } from '@/lib/step-up';

/**
 * Which query parameters /auth/login passes on to Auth0. The SDK forwards them
 * all to /authorize, where they override the app's settings (`?scope=openid`:
 * no refresh token; `?audience=…`: a token for another API). Kept: the ones
 * that change how the login page looks, never what it grants. One exception,
 * decided here: `step_up=<name>` (lib/step-up.ts) adds that step-up's scope and
 * marks the returnTo, so that a step-up the user did not complete can be told
 * apart (docs/sessions.md#where-a-login-returns-to).
 */
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
 * this app, never another site. The SDK keeps only same-origin `returnTo`
 * values, but as paths, and `//evil.example/pwn` (from `/.//evil.example/pwn`,
 * say) is read as another host by `new URL(path, base)` and by browsers. So
 * the answer is a path that starts with exactly one `/`, or `/` when in doubt.
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

  // `//evil.example` as it is, and also once decoded: a proxy or framework may
  // decode the path again before using it (`/%2F%2Fevil.example`, `/%5Cevil.example`).
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return HOME;
  }
  if (startsLikeAHost(decoded) || SUSPICIOUS.test(decoded)) return HOME;

  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * What /auth-error may say about a failed login.
 *
 * The page shows its own texts only: a fixed one per error code, or one of the
 * post-login Action's known messages below, named by an id. Never the text a
 * callback carries: anyone can call /auth/callback with their own login's
 * state and an `error_description` of their choosing (SECURITY.md).
 */
/**
 * The messages the post-login Action (auth0/actions/add-custom-claims.js)
 * denies a login with. When you add or change an `api.access.deny(…)` there,
 * change it here too: __tests__/action-deny-reasons.test.ts fails until both agree.
 */
export const DENY_REASONS = {
  blocked: 'This account has been blocked. Contact your administrator.',
} as const satisfies Record<string, string>;

export type DenyReason = keyof typeof DENY_REASONS;

/** Carries which known reason ended a login from onCallback (lib/auth0.ts) to /auth-error. */
export const LOGIN_ERROR_COOKIE = 'login_error';

export function isDenyReason(value: unknown): value is DenyReason {
  return typeof value === 'string' && Object.hasOwn(DENY_REASONS, value);
}

/** The id of the Action's message that `description` is, or null for any other text. */
export function denyReasonOf(description: unknown): DenyReason | null {
  for (const [id, message] of Object.entries(DENY_REASONS)) {
    if (message === description) return id as DenyReason;
  }
  return null;
}

/**
 * The OAuth error code of the callback, else the SDK's own, and which of the
 * Action's messages the description is, if any. The description goes no further.
 */
export function describeLoginError(error: SdkError): { code: string; reason: DenyReason | null } {
  const cause = (error as SdkError & { cause?: { code?: unknown; message?: unknown } }).cause;
  if (cause && typeof cause.code === 'string') {
    // Actions deny with access_denied; no other code borrows their messages.
    const reason = cause.code === 'access_denied' ? denyReasonOf(cause.message) : null;
    return { code: cause.code, reason };
  }
  return { code: error.code, reason: null };
}

// The cookie. Any page on the same site (or a sibling subdomain) can set a
// cookie with its name, so it holds a JWT signed with a key derived from
// AUTH0_SECRET, bound to the error code it explains, valid for a minute.
const LIFETIME_SECONDS = 60;
const TOKEN_TYPE = 'login-error';

const encoder = new TextEncoder();

/**
 * A key for this cookie only, derived from the app's secret (HKDF): a value
 * signed for another purpose with AUTH0_SECRET can never pass for this one.
 * Web Crypto, so it runs wherever the proxy runs.
 */
async function keyFrom(secret: string): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(), info: encoder.encode(TOKEN_TYPE) },
    material,
    256,
  );
  return new Uint8Array(bits);
}

/** The cookie value for a failed login: its code and the id of the Action's message. */
export async function sealLoginError(code: string, reason: DenyReason, secret: string) {
  return new SignJWT({ code, reason })
    .setProtectedHeader({ alg: 'HS256', typ: TOKEN_TYPE })
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`)
    .sign(await keyFrom(secret));
}

/**
 * The reason in the cookie, if the app itself wrote it, less than a minute
 * ago, for this error code, and it is one the app knows. Otherwise null.
 */
export async function openLoginError(
  cookie: string | undefined,
  code: string,
  secret: string,
): Promise<DenyReason | null> {
  if (!cookie) return null;
  try {
    const { payload } = await jwtVerify(cookie, await keyFrom(secret), {
      algorithms: ['HS256'],
      typ: TOKEN_TYPE,
      requiredClaims: ['exp'],
    });
    // Only an id of DENY_REASONS names a text, whatever else a valid signature covers.
    return payload.code === code && isDenyReason(payload.reason) ? payload.reason : null;
  } catch {
    // Forged, tampered with, expired or not a JWT at all: show the page's own text.
    return null;
  }
}
