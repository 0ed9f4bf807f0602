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

  // A day without a visit, three days at most, rolling forward with each token
  // renewal (docs/sessions.md#how-long-a-session-lasts).
  session: {
    rolling: true,
    inactivityDuration: 60 * 60 * 24,
    absoluteDuration: 60 * 60 * 24 * 3,
  },

  // Logged out, /auth/profile answers 204 instead of 401, so useUser() reports
  // "no user" rather than an error.
  noContentProfileResponseWhenUnauthenticated: true,

  // Runs after login and after every refresh. Keeps our namespaced claims in
  // session.user (the SDK keeps only the standard ones), and drops the raw ID
  // token, which logout does not need (docs/sessions.md#logout-without-the-id-token).
  async beforeSessionSaved(session) {
    return {
      ...session,
      user: { ...filterDefaultIdTokenClaims(session.user), ...pickNamespacedClaims(session.user) },
      tokenSet: { ...session.tokenSet, idToken: undefined },
    };
  },

  // A failed login (a user the Action denied, say) lands on /auth-error instead
  // of the SDK's plain-text 500, which shows only the app's own texts (lib/login.ts).
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
