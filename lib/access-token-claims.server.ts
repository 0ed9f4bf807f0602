/**
 * Server only: reads the access token from the session and decodes its claims,
 * so a page can show what the API will see without sending the token itself.
 */
import { AccessTokenError } from '@auth0/nextjs-auth0/errors';
import { decodeJwt, type JWTPayload } from 'jose';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { auth0 } from '@/lib/auth0';

export type AccessTokenView = { claims: JWTPayload } | { problem: string };

export async function readAccessTokenClaims(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<AccessTokenView> {
  let token: string;
  try {
    // Refreshes the token first if it has expired, and updates the session cookie on `res`.
    ({ token } = await auth0.getAccessToken(req, res));
  } catch (error) {
    if (error instanceof AccessTokenError) {
      return { problem: `No usable access token (${error.code}). Log out and log in again.` };
    }
    throw error;
  }
  try {
    // Only decoded, not verified: this is for display. The API verifies the signature.
    return { claims: decodeJwt(token) };
  } catch {
    return {
      problem:
        'The access token is opaque, not a JWT: Auth0 issues those when no audience is requested. Set AUTH0_AUDIENCE to your API identifier.',
    };
  }
}
