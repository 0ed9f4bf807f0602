/**
 * The local Auth0 as an HTTP app: the login page (Auth0's /u/login), Auth0's
 * /v2/logout, demo avatars, and oidc-provider for every protocol endpoint.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type Provider from 'oidc-provider';
import type { LocalAuth0Config } from './config';
import { loadOrCreateSecrets } from './keys';
import { avatarSvg, errorPage, loginPage } from './pages';
import { createProvider, OIDC_SCOPES } from './provider';
import { loadTenant, permissionsFor, type LocalUser } from './tenant';

type InteractionDetails = Awaited<ReturnType<Provider['interactionDetails']>>;

export function createLocalAuth0(config: LocalAuth0Config) {
  const tenant = loadTenant({
    tenantFile: config.tenantFile,
    usersFile: config.usersFile,
    keywords: { APP_BASE_URL: config.appBaseUrl },
  });
  const secrets = loadOrCreateSecrets(config.dataDir);
  const { provider, loginOutcomes, runActions, findApi } = createProvider(config, tenant, secrets);

  // Records what the user may do, so the code exchange issues exactly that:
  // the OpenID scopes asked for, and the API scopes their roles allow (RBAC).
  async function grantFor(details: InteractionDetails, user: LocalUser): Promise<string> {
    const { params } = details;
    const requested = String(params.scope ?? '')
      .split(' ')
      .filter(Boolean);
    const grant = details.grantId
      ? ((await provider.Grant.find(details.grantId)) ??
        new provider.Grant({ accountId: user.user_id, clientId: String(params.client_id) }))
      : new provider.Grant({ accountId: user.user_id, clientId: String(params.client_id) });
    const audience = typeof params.audience === 'string' ? params.audience : undefined;
    const api = findApi(audience);
    // As on Auth0, a refresh token for an API only if the API allows offline access.
    const offlineAllowed = !api || api.allow_offline_access;
    const openidScopes = requested.filter(
      (scope) => OIDC_SCOPES.includes(scope) && (scope !== 'offline_access' || offlineAllowed),
    );
    grant.addOIDCScope(openidScopes.join(' '));
    if (!offlineAllowed && requested.includes('offline_access'))
      grant.rejectOIDCScope('offline_access');
    if (api && audience) {
      const allowed = new Set(
        api.enforce_policies
          ? permissionsFor(tenant, user, audience)
          : api.scopes.map((s) => s.value),
      );
      const apiScopes = requested.filter((scope) => api.scopes.some((s) => s.value === scope));
      grant.addResourceScope(audience, apiScopes.filter((scope) => allowed.has(scope)).join(' '));
      // Recorded as refused, not left pending, so the login does not stop at a consent prompt.
      grant.rejectResourceScope(
        audience,
        apiScopes.filter((scope) => !allowed.has(scope)).join(' '),
      );
    }
    return grant.save();
  }

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

  app.get('/u/login', async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        res.type('html').send(
          loginPage({
            appName: tenant.client.name,
            users: tenant.users,
            password: tenant.password,
          }),
        );
        return;
      }
      // Only the consent prompt is left: first-party apps skip it on Auth0.
      const user = tenant.users.find((u) => u.user_id === details.session?.accountId);
      if (!user) throw new Error('the session points to an unknown user');
      const grantId = await grantFor(details, user);
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
    } catch (error) {
      next(error);
    }
  });

  app.post('/u/login', express.urlencoded({ extended: false }), async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const email = String(req.body?.username ?? '')
        .trim()
        .toLowerCase();
      const password = String(req.body?.password ?? '');
      const user = tenant.users.find((u) => u.email.toLowerCase() === email);
      if (!user || password !== tenant.password) {
        res
          .status(401)
          .type('html')
          .send(
            loginPage({
              appName: tenant.client.name,
              users: tenant.users,
              password: tenant.password,
              email,
              error: 'Wrong email or password.',
            }),
          );
        return;
      }

      const { params } = details;
      const result = await runActions(user, {
        protocol: 'oidc-basic-profile',
        audience: typeof params.audience === 'string' ? params.audience : undefined,
        requestedScopes: String(params.scope ?? '')
          .split(' ')
          .filter(Boolean),
        redirectUri: String(params.redirect_uri),
      });
      if (result.denied) {
        // Back to the app's callback with ?error=access_denied&error_description=<reason>.
        await provider.interactionFinished(req, res, {
          error: 'access_denied',
          error_description: result.reason,
        });
        return;
      }
      const grantId = await grantFor(details, user);
      loginOutcomes.set(grantId, result);
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.user_id }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      next(error);
    }
  });

  // Auth0's own logout endpoint: ends the session, then returns to `returnTo`
  // if it is one of the client's Allowed Logout URLs.
  app.get('/v2/logout', (req, res) => {
    const url = new URL('/oidc/logout', config.issuer);
    const clientId = req.query.client_id;
    const returnTo = req.query.returnTo;
    if (typeof clientId === 'string') url.searchParams.set('client_id', clientId);
    if (typeof returnTo === 'string') url.searchParams.set('post_logout_redirect_uri', returnTo);
    res.redirect(303, url.pathname + url.search);
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
