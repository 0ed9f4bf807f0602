/**
 * What the post-login event says about the request behind a login
 * (event.request, event.transaction, event.session: Auth0's "Post-login event
 * object"). The Actions run when the login page finishes, long after the
 * browser's /authorize request: oidc-provider hands that request over when it
 * sends the browser to the login page (interactions.url in provider.ts), and
 * it is kept here until the login ends.
 */
import { randomBytes } from 'node:crypto';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { PostLoginContext } from './actions';
import type { MfaSessions } from './mfa-sessions';
import type { LocalUser } from './tenant';

export type InteractionDetails = Awaited<ReturnType<Provider['interactionDetails']>>;

type RequestInfo = NonNullable<PostLoginContext['request']>;

/** Logins left unfinished are forgotten beyond this many. */
const MAX_PENDING = 1000;

/** event.request, as Auth0 reports it, from a Koa request. */
export function requestOf(ctx: KoaContextWithOIDC): RequestInfo {
  const url = new URL(ctx.originalUrl, 'http://localhost');
  const language = ctx.get('accept-language').split(',')[0]?.split(';')[0]?.trim();
  const userAgent = ctx.get('user-agent');
  return {
    hostname: ctx.hostname,
    ip: ctx.ip.replace(/^::ffff:/, ''),
    method: ctx.method,
    query: Object.fromEntries(url.searchParams),
    ...(userAgent ? { user_agent: userAgent } : {}),
    ...(language ? { language } : {}),
  };
}

const list = (value: unknown) =>
  typeof value === 'string' ? value.split(' ').filter(Boolean) : undefined;
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

export function loginRequests(clientId: string, mfaSessions: MfaSessions) {
  const requests = new Map<string, RequestInfo>();
  // The session id each login's Actions were given, until the login completes.
  const sessionIds = new Map<string, string>();

  function remember<T>(map: Map<string, T>, key: string, value: T) {
    map.set(key, value);
    if (map.size > MAX_PENDING) map.delete(map.keys().next().value as string);
  }

  return {
    remember(uid: string, request: RequestInfo) {
      remember(requests, uid, request);
    },

    /** The event fields of an interactive login, from its /authorize request and session. */
    async forLogin(provider: Provider, details: InteractionDetails, user: LocalUser) {
      const { params } = details;
      // Single sign-on keeps the session (and its id); a login with the form starts one.
      const existing =
        details.session?.accountId === user.user_id
          ? await provider.Session.find(details.session.cookie)
          : undefined;
      const sessionId =
        existing?.sidFor(clientId) ??
        sessionIds.get(details.uid) ??
        randomBytes(16).toString('hex');
      remember(sessionIds, details.uid, sessionId);
      const request = requests.get(details.uid);
      return {
        request,
        sessionId,
        authenticatedAt:
          existing?.loginTs !== undefined
            ? new Date(existing.loginTs * 1000).toISOString()
            : undefined,
        // A second factor passed earlier in this session (single sign-on).
        mfaAuthenticatedAt: mfaSessions.mfaAt(
          sessionId,
          existing?.amr,
          Math.floor(Date.now() / 1000),
        ),
        transaction: {
          acr_values: list(params.acr_values) ?? [],
          ui_locales: list(params.ui_locales) ?? [],
          login_hint: text(params.login_hint),
          prompt: list(params.prompt),
          response_mode: text(params.response_mode),
          response_type: list(params.response_type),
          state: text(params.state),
        },
      } satisfies Partial<PostLoginContext>;
    },

    /** The session id the Actions of this login saw, until the login completes. */
    sessionIdOf(uid: string): string | undefined {
      return sessionIds.get(uid);
    },

    /** At the end of the login: the new session gets the id its Actions saw. */
    applySessionId(ctx: KoaContextWithOIDC) {
      const uid = ctx.oidc.entities.Interaction?.uid;
      const sessionId = uid ? sessionIds.get(uid) : undefined;
      if (!uid || !sessionId || !ctx.oidc.client || !ctx.oidc.session) return;
      sessionIds.delete(uid);
      requests.delete(uid);
      if (!ctx.oidc.session.sidFor(ctx.oidc.client.clientId)) {
        ctx.oidc.session.sidFor(ctx.oidc.client.clientId, sessionId);
      }
    },
  };
}
