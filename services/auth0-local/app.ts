/**
 * The local Auth0 as an HTTP app: the login screens (Auth0's /u/login,
 * universal-login.ts), Auth0's /v2/logout, demo avatars, and oidc-provider for
 * every protocol endpoint.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { createActionCache } from './actions';
import type { LocalAuth0Config } from './config';
import { loadOrCreateSecrets } from './keys';
import { createConsentStore } from './consents';
import { avatarSvg, errorPage, logoutAbortedPage } from './pages';
import { claimsOf, createProvider, FROM_V2_LOGOUT } from './provider';
import { userinfoForJwtAccessTokens } from './userinfo';
import { loadTenant } from './tenant';
import { universalLogin } from './universal-login';

export function createLocalAuth0(config: LocalAuth0Config) {
  const tenant = loadTenant({
    tenantFile: config.tenantFile,
    usersFile: config.usersFile,
    keywords: { APP_BASE_URL: config.appBaseUrl },
    environment: process.env,
  });
  const secrets = loadOrCreateSecrets(config.dataDir);
  const consents = createConsentStore(config.dataDir);
  const oidc = createProvider(config, tenant, secrets, {
    cache: createActionCache(),
    timeoutMs: config.actionsTimeoutMs,
  });
  const { provider } = oidc;

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

  app.use(universalLogin({ ...oidc, clientId: config.clientId, tenant, consents }));

  // Auth0's own logout endpoint: ends the session, then returns to `returnTo`
  // if it is one of the client's Allowed Logout URLs.
  app.get('/v2/logout', (req, res) => {
    const url = new URL('/oidc/logout', config.issuer);
    const clientId = req.query.client_id;
    const returnTo = req.query.returnTo;
    if (typeof clientId === 'string') url.searchParams.set('client_id', clientId);
    if (typeof returnTo === 'string') url.searchParams.set('post_logout_redirect_uri', returnTo);
    url.searchParams.set(FROM_V2_LOGOUT, '1');
    res.redirect(303, url.pathname + url.search);
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
    }),
  );

  // "No" on the logout prompt: the session stays.
  app.get('/u/logout/aborted', (_req, res) => {
    res.type('html').send(logoutAbortedPage());
  });

  app.use(provider.callback());

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
