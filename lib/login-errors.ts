/**
 * Server only: what /auth-error may say about a failed login.
 *
 * The page shows its own texts only: a fixed one per error code, or one of the
 * post-login Action's known messages below, named by an id. Never the text a
 * callback carries: anyone can call /auth/callback with their own login's
 * state and an `error_description` of their choosing (SECURITY.md).
 */
import './server-only';
import type { SdkError } from '@auth0/nextjs-auth0/errors';
import { jwtVerify, SignJWT } from 'jose';

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
