/**
 * Server only: the user's access token, or a clear reason why there is none.
 *
 * auth0.getAccessToken(req, res) reads the token from the session cookie and,
 * when it has expired, refreshes it with the refresh token first (writing the
 * new tokens to the cookie on `res`). lib/token-errors.ts says what a failure means.
 */
import './server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { auth0 } from '@/lib/auth0';
import { describeTokenError, type TokenProblem } from '@/lib/token-errors';

export type AccessTokenResult = { token: string } | { problem: TokenProblem };

export async function getAccessToken(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<AccessTokenResult> {
  try {
    const { token } = await auth0.getAccessToken(req, res);
    return { token };
  } catch (error) {
    return { problem: describeTokenError(error) };
  }
}
