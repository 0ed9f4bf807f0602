/**
 * Server only: the SDK's Auth0Client, except that `getSession(req)` decrypts
 * the session cookie once per request, however often it is asked.
 *
 * Reading the session means decrypting the cookie (a key derivation and an
 * AES-GCM decryption), and one request often reads it more than once:
 * `withApiAuthRequired` and `withPageAuthRequired` read it through
 * `getSession(req)` before our handler runs, and the handler reads it again
 * for the access token (lib/access-token.ts). Both reads see the same cookie,
 * so the second one is answered from the first. docs/performance.md has what
 * it saves.
 *
 * The answer is what the SDK would have answered again: it reads the session
 * from the request's cookie header, which does not change during a request
 * (a refreshed session goes to the response's Set-Cookie, and a second
 * `getSession(req)` would not see it either). Treat the session it returns as
 * read-only: every caller for that request gets the same object.
 */
import './server-only';
import type { IncomingMessage } from 'node:http';
import type { SessionData } from '@auth0/nextjs-auth0/types';
import { Auth0Client } from '@auth0/nextjs-auth0/server';
import type { NextRequest } from 'next/server';

type SessionRequest = IncomingMessage | NextRequest;

export class SessionReadOnceAuth0Client extends Auth0Client {
  // Keyed by the request object: forgotten with it when the request is over.
  private readonly sessionReads = new WeakMap<SessionRequest, Promise<SessionData | null>>();

  override getSession(): Promise<SessionData | null>;
  override getSession(req: SessionRequest): Promise<SessionData | null>;
  override getSession(req?: SessionRequest): Promise<SessionData | null> {
    // Without a request (App Router), the SDK reads next/headers' cookies: nothing to key on.
    if (!req) return super.getSession();
    let read = this.sessionReads.get(req);
    if (!read) {
      read = super.getSession(req);
      this.sessionReads.set(req, read);
    }
    return read;
  }
}
