/**
 * Which of the post-login Action's known messages (lib/deny-reasons.ts) ended
 * a login, carried from onCallback (lib/auth0.ts) to the /auth-error page in a
 * short-lived cookie. Only the message's id travels, never a text: the callback
 * may be one an attacker made up, with an error_description of their choosing.
 *
 * Any page on the same site (or, in production, a sibling subdomain) can set
 * a cookie with that name, so the page must not believe a plain value: the
 * cookie holds a JWT signed with a key derived from AUTH0_SECRET, bound to the
 * error code it explains, and valid for a minute. Anything else is ignored and
 * the page shows its own fixed text for the code.
 */
import './server-only';
import { jwtVerify, SignJWT } from 'jose';
import { isDenyReason, type DenyReason } from './deny-reasons';

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
    // Only an id of lib/deny-reasons.ts names a text, whatever else a valid signature covers.
    return payload.code === code && isDenyReason(payload.reason) ? payload.reason : null;
  } catch {
    // Forged, tampered with, expired or not a JWT at all: show the page's own text.
    return null;
  }
}
