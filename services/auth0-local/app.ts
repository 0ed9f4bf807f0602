/**
 * The local Auth0 as an HTTP app: the login and signup screens (Auth0's
 * /u/login and /u/signup, universal-login.ts), Auth0's /v2/logout, its JWKS,
 * /userinfo for the API's access token, demo avatars, and oidc-provider for
 * every other protocol endpoint (with JSON bodies where Auth0 takes them).
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { createActionCache } from './actions';
import type { LocalAuth0Config } from './config';
import { loadOrCreateSecrets, publicJwks } from './keys';
import { createConsentStore } from './consents';
import { jsonBodiesAsForms } from './json-bodies';
import { avatarSvg, errorPage, loggedOutPage, logoutAbortedPage } from './pages';
import { claimsOf, createProvider } from './provider';
import { idTokenClaimsByAccessToken, userinfoForJwtAccessTokens } from './userinfo';
import { loadTenant } from './tenant';
import { universalLogin } from './universal-login';
import { createEnrolments } from './mfa';

export function createLocalAuth0(config: LocalAuth0Config) {
  const tenant = loadTenant({
    tenantFile: config.tenantFile,
    usersFile: config.usersFile,
    keywords: { APP_BASE_URL: config.appBaseUrl },
    environment: process.env,
  });
  const secrets = loadOrCreateSecrets(config.dataDir);
  const consents = createConsentStore(config.dataDir);
  const idTokenClaims = idTokenClaimsByAccessToken();
  const oidc = createProvider(config, tenant, secrets, idTokenClaims, {
    cache: createActionCache(),
    timeoutMs: config.actionsTimeoutMs,
  });
  const { provider } = oidc;
  const oidcCallback = provider.callback();

  const app = express();
  app.disable('x-powered-by');
  // Nothing here is meant to be cached, and the pages must not be framed.
  app.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    res.set('X-Frame-Options', 'DENY');
    next();
  });

  app.get('/avatars/:nickname.svg', (req, res) => {
    const user = tenant.users.find((u) => u.nickname === req.params.nickname);
    if (!user) {
      res.status(404).type('text/plain').send('No such demo user');
      return;
    }
    res
      .set('Cache-Control', 'public, max-age=86400')
      .type('image/svg+xml')
      .send(avatarSvg(user.name));
  });

  app.use(
    universalLogin({
      ...oidc,
      clientId: config.clientId,
      tenant,
      consents,
      enrolments: createEnrolments(tenant.users),
    }),
  );

  // Auth0's own logout endpoint ("Logout" in Auth0's Authentication API):
  // ends the session, then redirects (302) to `returnTo` if it is one of the
  // client's Allowed Logout URLs, or without one to the first of them. No
  // prompt and no page in between, unlike /oidc/logout.
  app.get('/v2/logout', async (req, res, next) => {
    try {
      const clientId = typeof req.query.client_id === 'string' ? req.query.client_id : undefined;
      const returnTo = typeof req.query.returnTo === 'string' ? req.query.returnTo : undefined;
      const client = clientId === undefined ? undefined : await provider.Client.find(clientId);
      if (clientId !== undefined && !client) {
        res
          .status(400)
          .type('html')
          .send(errorPage('Something went wrong', `Unknown client: ${clientId}`));
        return;
      }
      const allowed = client?.postLogoutRedirectUris ?? tenant.client.allowed_logout_urls;
      if (returnTo !== undefined && !allowed.includes(returnTo)) {
        res
          .status(400)
          .type('html')
          .send(
            errorPage(
              'Something went wrong',
              `The "returnTo" URL ${returnTo} is not among the Allowed Logout URLs of the application.`,
              'Add it to allowed_logout_urls in auth0/tenant.yaml, or log out to one of those.',
            ),
          );
        return;
      }
      await endSession(req, res);
      const target = returnTo ?? (client ? allowed[0] : undefined);
      if (target) res.redirect(302, target);
      else res.type('html').send(loggedOutPage());
    } catch (error) {
      next(error);
    }
  });

  /** Ends the browser's session at the local Auth0, and the grants of its logins, as /oidc/logout does. */
  async function endSession(req: Request, res: Response) {
    const ctx = provider.createContext(req, res);
    const session = await provider.Session.get(ctx);
    for (const { grantId } of Object.values(session.authorizations ?? {})) {
      if (!grantId) continue;
      await Promise.all([
        provider.AccessToken.revokeByGrantId(grantId),
        provider.RefreshToken.revokeByGrantId(grantId),
        provider.AuthorizationCode.revokeByGrantId(grantId),
        provider.Grant.adapter.destroy(grantId),
      ]);
    }
    await session.destroy();
    ctx.cookies.set(provider.cookieName('session'), null);
  }

  // As Auth0 serves it: with each key's certificate (x5c) and its thumbprint (x5t).
  app.get('/.well-known/jwks.json', (_req, res) => {
    res.json(publicJwks(secrets.signingKey));
  });

  app.get(
    '/userinfo',
    userinfoForJwtAccessTokens({
      issuer: config.issuer,
      signingKey: secrets.signingKey,
      claimsOf: (sub) => {
        const user = tenant.users.find((u) => u.user_id === sub);
        return user && claimsOf(config.issuer, user);
      },
      idTokenClaims,
    }),
  );

  // "No" on the logout prompt: the session stays.
  app.get('/u/logout/aborted', (_req, res) => {
    res.type('html').send(logoutAbortedPage());
  });

  app.use(jsonBodiesAsForms(oidcCallback));
  app.use(oidcCallback);

  app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
    const expired = error.name === 'SessionNotFound';
    console.error(`[auth0-local] ${error.name}: ${error.message}`);
    res
      .status(expired ? 400 : 500)
      .type('html')
      .send(
        expired
          ? errorPage(
              'Your login has expired',
              'This login page is no longer valid.',
              'Go back to the app and log in again.',
            )
          : errorPage(
              'Something went wrong',
              error.message,
              'See the output of the local Auth0 for details.',
            ),
      );
  });

  return { app, provider, tenant };
}
