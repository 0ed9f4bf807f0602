/**
 * The one Auth0 client of the app (server side only).
 *
 * YOU PROBABLY DON'T NEED TO EDIT THIS FILE, UNLESS you want to change what is
 * asked of Auth0 (audience, scope) or what is kept in the session cookie.
 *
 * Everything it reads comes from `env` (lib/env.ts), already checked against
 * the rules of lib/env-schema.ts.
 */
import './server-only';
import { Auth0Client, filterDefaultIdTokenClaims } from '@auth0/nextjs-auth0/server';
import { NextResponse } from 'next/server';
import { auth0Fetch } from '@/lib/auth0-fetch';
import { pickNamespacedClaims } from '@/lib/claims';
import { env } from '@/lib/env';
import {
  describeLoginError,
  LOGIN_ERROR_COOKIE,
  safeReturnTo,
  sealLoginError,
  stepUpOf,
} from '@/lib/login';
import { STEP_UP_CANCELLED_PARAM, STEP_UP_PARAM } from '@/lib/step-up';

/** The SDK's default name, spelled out because proxy.ts deletes an ended session itself. */
export const SESSION_COOKIE = '__session';

export const auth0 = new Auth0Client({
  domain: env.AUTH0_DOMAIN,
  clientId: env.AUTH0_CLIENT_ID,
  clientSecret: env.AUTH0_CLIENT_SECRET,
  secret: env.AUTH0_SECRET,
  appBaseUrl: env.APP_BASE_URL,

  // The SDK reads no audience or scope from the environment: pass them here.
  // Without an audience Auth0 returns an opaque access token that no API can validate.
  authorizationParameters: {
    audience: env.AUTH0_AUDIENCE,
    scope: env.AUTH0_SCOPE,
  },

  // The local Auth0 speaks plain http on localhost. lib/env-schema.ts refuses that for
  // a deployed app, so this can only ever be true on a developer's machine.
  allowInsecureRequests: env.usesLocalAuth0,

  // The backend-for-frontend pattern: access tokens stay in the encrypted
  // session cookie and are used by API routes only. No route hands them to the browser.
  enableAccessTokenEndpoint: false,

  // Every call to Auth0 goes through this fetch: concurrent refreshes of one
  // session share a single exchange, and an unreachable Auth0 is recognised
  // as such (lib/auth0-fetch.ts).
  customFetch: auth0Fetch,

  // How long a login lasts, chosen rather than inherited: the session rolls
  // forward each time its access token is renewed (every few minutes while
  // the user is active, see proxy.ts), ends after a day without
  // a visit, and after three days in any case. Then Auth0 is asked again.
  // The cookie is HttpOnly and SameSite=Lax, and Secure whenever APP_BASE_URL
  // is https. Logout ends it sooner, everywhere: see
  // docs/decisions/005-refresh-tokens-and-logout.md.
  session: {
    rolling: true,
    inactivityDuration: 60 * 60 * 24,
    absoluteDuration: 60 * 60 * 24 * 3,
    cookie: { name: SESSION_COOKIE },
  },

  // Logged out, /auth/profile answers 204 instead of 401, so useUser() reports
  // "no user" rather than an error.
  noContentProfileResponseWhenUnauthenticated: true,

  // Runs after login and after every refresh. The SDK keeps only the standard
  // ID token claims in session.user: keep our namespaced ones too (roles,
  // department), so pages can show them. The raw ID token is not kept: its
  // claims are already in session.user, and without it the encrypted session
  // fits in one cookie (the SDK splits a session above 3,500 bytes into
  // __session__0, __session__1, …, which every request then carries). Logout does not need it: the SDK
  // sends the login's Auth0 session id (`sid`, kept apart from the ID token)
  // as `logout_hint` to /oidc/logout, and Auth0 logs out without asking when
  // that hint names its current session. Without a matching Auth0 session it
  // asks the user to confirm the logout.
  async beforeSessionSaved(session) {
    return {
      ...session,
      user: { ...filterDefaultIdTokenClaims(session.user), ...pickNamespacedClaims(session.user) },
      tokenSet: { ...session.tokenSet, idToken: undefined },
    };
  },

  // A failed login (for example a user the post-login Action denied) lands on a
  // page that says what happened, instead of the SDK's plain-text 500. The page
  // shows only its own texts: a fixed one per error code, or one of the Action's
  // known messages (lib/login.ts), named by an id in a short-lived signed
  // cookie. Never the callback's error_description, which anyone can write.
  async onCallback(error, ctx) {
    const appBaseUrl = ctx.appBaseUrl ?? env.APP_BASE_URL;
    if (error) {
      const { code, reason } = describeLoginError(error);
      // A step-up the user did not complete (a cancelled or failed second
      // factor): back to the page it started from, still signed in as before.
      const stepUp = stepUpOf(ctx.returnTo, appBaseUrl);
      if (stepUp && code === 'access_denied' && !reason) {
        const back = new URL(safeReturnTo(ctx.returnTo, appBaseUrl), appBaseUrl);
        back.searchParams.delete(STEP_UP_PARAM);
        back.searchParams.set(STEP_UP_CANCELLED_PARAM, stepUp);
        return NextResponse.redirect(back);
      }
      const url = new URL('/auth-error', appBaseUrl);
      url.searchParams.set('error', code);
      const response = NextResponse.redirect(url);
      if (reason) {
        // Signed: any page on the same site can set a cookie with this name.
        const cookie = await sealLoginError(code, reason, env.AUTH0_SECRET);
        response.cookies.set(LOGIN_ERROR_COOKIE, cookie, {
          path: '/auth-error',
          maxAge: 60,
          httpOnly: true,
          sameSite: 'lax',
          secure: appBaseUrl.startsWith('https://'),
        });
      }
      return response;
    }
    // ctx.returnTo is a path the SDK found same-origin, but `//evil.example/…`
    // is such a path and `new URL()` reads it as a host: keep it a path here.
    return NextResponse.redirect(new URL(safeReturnTo(ctx.returnTo, appBaseUrl), appBaseUrl));
  },
});
