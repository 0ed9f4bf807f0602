/**
 * Server only: the user's access token, or a clear reason why there is none.
 *
 * While the token in the session is valid, it is taken from the session that
 * withApiAuthRequired (or withPageAuthRequired) has already read for this
 * request: no second decryption of the cookie (lib/session-read-once.ts).
 * Otherwise auth0.getAccessToken(req, res) decides: it refreshes the token
 * with the refresh token (writing the new tokens to the cookie on `res`), or
 * says why it cannot. lib/token-errors.ts says what a failure means.
 * `refresh: true` renews the token even if it looks valid (the API refused it).
 */
import './server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionData } from '@auth0/nextjs-auth0/types';
import { auth0, TOKEN_REFRESH_BUFFER_SECONDS } from '@/lib/auth0';
import { observeAuth0Calls } from '@/lib/auth0-call-log';
import { env } from '@/lib/env';
import { describeTokenError, type TokenProblem } from '@/lib/token-errors';

export type AccessTokenResult = { token: string } | { problem: TokenProblem };

export async function getAccessToken(
  req: IncomingMessage,
  res: ServerResponse,
  { refresh = false } = {},
): Promise<AccessTokenResult> {
  const observed = await observeAuth0Calls(async () => {
    if (refresh) return (await auth0.getAccessToken(req, res, { refresh })).token;
    const session = await auth0.getSession(req);
    const valid = session && validAccessToken(session);
    if (valid) return valid;
    return (await auth0.getAccessToken(req, res)).token;
  });
  if (observed.ok) return { token: observed.value };
  // Judged by what this request's own calls to Auth0 met (lib/auth0-call-log.ts).
  return { problem: describeTokenError(observed.error, observed.log) };
}

/**
 * The session's access token when auth0.getAccessToken() would return it as
 * it is (SDK 4.30, `getTokenSet`): issued for the configured audience and
 * scope, and not expired. In every other case undefined, and the SDK decides;
 * this only ever takes a shortcut the SDK would take itself (and the SDK
 * writes no cookie when it takes it). __tests__/session-read-once.test.ts
 * asks the installed SDK the same question, so an upgrade that changes the
 * rule fails there.
 */
export function validAccessToken(
  { tokenSet, internal }: SessionData,
  nowSeconds = Date.now() / 1000,
): string | undefined {
  // A session end imposed by the identity provider: the SDK checks it first.
  if (internal.sessionExpiresAt !== undefined) return undefined;
  // A token for another audience or scope than the configured ones (they
  // changed since login): the SDK looks for another token or refreshes.
  if (tokenSet.audience !== undefined && tokenSet.audience !== env.AUTH0_AUDIENCE) return undefined;
  if (
    tokenSet.requestedScope !== undefined &&
    !sameScopes(tokenSet.requestedScope, env.AUTH0_SCOPE)
  ) {
    return undefined;
  }
  const { accessToken, expiresAt } = tokenSet;
  if (!accessToken || typeof expiresAt !== 'number') return undefined;
  // The SDK's rule: renewed once `expiresAt <= now + tokenRefreshBuffer`.
  if (expiresAt <= nowSeconds + TOKEN_REFRESH_BUFFER_SECONDS) return undefined;
  return accessToken;
}

function sameScopes(a: string, b: string): boolean {
  const setA = new Set(a.split(/\s+/).filter(Boolean));
  const setB = new Set(b.split(/\s+/).filter(Boolean));
  return setA.size === setB.size && [...setA].every((scope) => setB.has(scope));
}
