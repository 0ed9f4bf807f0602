/**
 * Server only: reads the access token from the session and decodes its claims,
 * so a page can show what the API will see without sending the token itself.
 */
import './server-only';
import { decodeJwt, type JWTPayload } from 'jose';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { auth0 } from '@/lib/auth0';
import { observeAuth0Calls } from '@/lib/auth0-fetch';
import { describeTokenError, type TokenProblem } from '@/lib/token-errors';

export type AccessTokenView =
  | { claims: JWTPayload }
  /** The token exists but is not a JWT: shown as advice, not as an error. */
  | { opaque: string }
  | { problem: TokenProblem };

export async function readAccessTokenClaims(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<AccessTokenView> {
  // Refreshes the token first if it has expired, and updates the session cookie on `res`.
  // A failure is judged by what this request's own calls to Auth0 met (lib/auth0-fetch.ts).
  const observed = await observeAuth0Calls(() => auth0.getAccessToken(req, res));
  if (!observed.ok) return { problem: describeTokenError(observed.error, observed.log) };
  try {
    // Only decoded, not verified: this is for display. The API verifies the signature.
    return { claims: decodeJwt(observed.value.token) };
  } catch {
    return {
      opaque:
        'The access token is opaque, not a JWT: Auth0 issues those when no audience is requested. Set AUTH0_AUDIENCE to your API identifier.',
    };
  }
}
