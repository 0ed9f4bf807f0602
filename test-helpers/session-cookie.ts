/**
 * A session cookie as the SDK writes it after a login, encrypted with the
 * example AUTH0_SECRET, for tests that start from a signed-in browser.
 */
import { generateSessionCookie } from '@auth0/nextjs-auth0/testing';
import type { SessionData } from '@auth0/nextjs-auth0/types';
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
