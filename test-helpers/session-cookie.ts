/**
 * A session cookie as the SDK writes it after a login, encrypted with the
 * example AUTH0_SECRET, for tests that start from a signed-in browser.
 */
import { generateSessionCookie } from '@auth0/nextjs-auth0/testing';
import type { SessionData } from '@auth0/nextjs-auth0/types';
import { tokensFor, type Client } from '@/services/auth0-local/browserless-login';
import { exampleEnv } from './project';

type SessionParts = {
  user?: SessionData['user'];
  tokenSet?: Partial<SessionData['tokenSet']>;
  /** When the session started (seconds since the epoch); now by default. */
  createdAt?: number;
};

/** `__session=…`, ready for a `cookie` header. The access token is valid for an hour unless told otherwise. */
export async function sessionCookie(parts: SessionParts = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const value = await generateSessionCookie(
    {
      user: parts.user ?? { sub: 'auth0|sales' },
      tokenSet: { accessToken: 'the-access-token', expiresAt: now + 3600, ...parts.tokenSet },
      internal: { sid: 'sid', createdAt: parts.createdAt ?? now },
    },
    { secret: exampleEnv.AUTH0_SECRET! },
  );
  return `__session=${value}`;
}

/**
 * A real login's tokens (from the local Auth0 at `client.issuer`) in a session
 * whose access token has already expired: the next request must refresh it.
 * Saves waiting for a real expiry.
 */
export async function expiredSessionCookie(client: Client, email: string, password = 'Passw0rd!') {
  const tokens = await tokensFor(client, email, password);
  const cookie = await sessionCookie({
    user: { sub: email },
    tokenSet: {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: Math.floor(Date.now() / 1000) - 1,
    },
  });
  return { cookie, refreshToken: tokens.refresh_token! };
}
