/**
 * oidc-provider, configured to behave like an Auth0 tenant.
 *
 * oidc-provider is a certified OpenID Connect server; everything Auth0-specific
 * lives here: Auth0's endpoint paths, the `audience` parameter, the shape of
 * Auth0 access tokens (typ JWT, aud array, azp, RBAC permissions), post-login
 * Actions on login and on refresh, and refresh tokens for `offline_access`
 * that follow the client's refresh-token settings (refresh-tokens.ts).
 */
import crypto from 'node:crypto';
import { CompactSign, decodeProtectedHeader } from 'jose';
import Provider, {
  errors,
  interactionPolicy,
  type Configuration,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import {
  ActionFailedError,
  runPostLoginActions,
  type ActionCache,
  type PostLoginContext,
  type PostLoginResult,
} from './actions';
import { createMemoryAdapter } from './adapter';
import type { LocalAuth0Config } from './config';
import { isVerifiableCallback } from './callback-uri';
import { requireConfiguredClientAuthentication } from './client-authentication';
import { tenantDiscovery } from './discovery';
import { answerOAuthErrorsAsAuth0 } from './oauth-errors';
import { errorPage, loggedOutPage, logoutConfirmationPage, logoutPage } from './pages';
import {
  NEVER,
  applyRefreshTokenPolicy,
  refreshTokenPolicy,
  secondsToLive,
} from './refresh-tokens';
import { permissionsFor, type LocalUser, type Tenant } from './tenant';
import { CLAIMS_BY_SCOPE, type IdTokenClaimsByAccessToken } from './userinfo';
import { createLoginStats } from './login-stats';
import { loginRequests, requestOf, type InteractionDetails } from './login-request';
import { createMfaSessions } from './mfa-sessions';

type ActionClaims = Extract<PostLoginResult, { denied: false }>;

/** What the Actions said during an interactive login, until the code is exchanged. */
export type LoginOutcomes = Map<string, ActionClaims>;

export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

function pictureFor(issuer: string, user: LocalUser): string {
  return user.picture ?? `${issuer}avatars/${encodeURIComponent(user.nickname)}.svg`;
}

/** Why the interaction policy sends a single sign-on login to /u/login for confirmation. */
export const NON_VERIFIABLE_CALLBACK = 'non_verifiable_callback';

/** Why it sends every other single sign-on login there: to run the post-login Actions. */
const POST_LOGIN_ACTIONS = 'post_login_actions';

/** The profile claims of a demo user, as Auth0 puts them in ID tokens and /userinfo. */
export function claimsOf(issuer: string, user: LocalUser): Record<string, unknown> {
  return {
    sub: user.user_id,
    name: user.name,
    nickname: user.nickname,
    picture: pictureFor(issuer, user),
    email: user.email,
    email_verified: user.email_verified,
    updated_at: new Date().toISOString(),
  };
}

export function createProvider(
  config: LocalAuth0Config,
  tenant: Tenant,
  secrets: { signingKey: object; cookieKeys: string[] },
  idTokenClaimsByAccessToken: IdTokenClaimsByAccessToken,
  actionsRuntime: { cache: ActionCache; timeoutMs?: number },
) {
  const { client } = tenant;
  const refreshTokens = refreshTokenPolicy(client.refresh_token);
  const loginOutcomes: LoginOutcomes = new Map();
  // One Actions run per token request, shared by the access token and the ID token.
  const outcomesByRequest = new WeakMap<object, ActionClaims>();
  const findUser = (id: string) => tenant.users.find((user) => user.user_id === id);
  const findApi = (audience: string | undefined) =>
    tenant.resourceServers.find((rs) => rs.identifier === audience);
  const loginStats = createLoginStats(config.dataDir);
  // When each session passed a second factor, for event.authentication.methods.
  const mfaSessions = createMfaSessions();
  // The /authorize request of each login, for the Actions' event.request and session.id.
  const requests = loginRequests(config.clientId, mfaSessions);

  async function actionClaimsForTokenRequest(
    ctx: KoaContextWithOIDC,
    grantId: string,
    accountId: string,
  ) {
    const known = outcomesByRequest.get(ctx);
    if (known) return known;
    const grantType = ctx.oidc.params?.grant_type;
    let outcome = grantType === 'authorization_code' ? loginOutcomes.get(grantId) : undefined;
    if (outcome) {
      loginOutcomes.delete(grantId);
    } else {
      // A refresh (Auth0 runs post-login Actions again), or a prompt=none login,
      // which has no screen to run them on before the redirect.
      const user = findUser(accountId);
      if (!user) throw new errors.InvalidGrant('the user no longer exists in local-users.yaml');
      const grant = ctx.oidc.entities.Grant;
      const audience = grant ? Object.keys(grant.resources ?? {})[0] : undefined;
      const source = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
      // A refresh sees the second factor of the login that issued its token (`iiat`).
      const issuedAt = ctx.oidc.entities.RefreshToken?.iiat ?? source?.iat;
      const result = await runActions(user, {
        protocol: grantType === 'refresh_token' ? 'oauth2-refresh-token' : 'oidc-basic-profile',
        audience,
        // What the token request asks for, or else all that its login asked for (RFC 6749, 6).
        requestedScopes: String(
          ctx.oidc.params?.scope ?? source?.scope ?? grant?.openid?.scope ?? '',
        )
          .split(' ')
          .filter(Boolean),
        // On a refresh, the request is the app's call to /oauth/token.
        request: requestOf(ctx),
        sessionId: source?.sid,
        authenticatedAt: source?.authTime,
        mfaAuthenticatedAt:
          issuedAt === undefined
            ? undefined
            : mfaSessions.mfaAt(source?.sid, source?.amr, issuedAt),
      });
      if (result.denied) throw new errors.AccessDenied(result.reason);
      if (result.multifactor) {
        // As Auth0 answers a refresh that an Action sends to MFA (oauth-errors.ts adds the mfa_token).
        if (grantType === 'refresh_token') {
          throw new errors.CustomOIDCProviderError(
            'mfa_required',
            'Multifactor authentication required',
          );
        }
        throw new errors.AccessDenied(
          'an Action called api.multifactor.enable during a prompt=none login: there is no screen to ask for a second factor on (see docs/local-auth0.md)',
        );
      }
      outcome = result;
    }
    outcomesByRequest.set(ctx, outcome);
    return outcome;
  }

  async function runActions(
    user: LocalUser,
    options: {
      protocol: 'oidc-basic-profile' | 'oauth2-refresh-token';
      audience?: string;
      requestedScopes: string[];
      redirectUri?: string;
      /** An interactive login: the /authorize request it continues. */
      interaction?: InteractionDetails;
      request?: PostLoginContext['request'];
      sessionId?: string;
      /** Seconds since the epoch, as oidc-provider keeps it. */
      authenticatedAt?: number;
      /** ISO date of the second factor the login passed, if any. */
      mfaAuthenticatedAt?: string;
    },
  ): Promise<PostLoginResult> {
    const now = new Date().toISOString();
    // A refresh is not a login: Auth0 counts logins only.
    const stats =
      options.protocol === 'oidc-basic-profile'
        ? loginStats.recordLogin(user.user_id, now)
        : loginStats.of(user.user_id, now);
    const { interaction, authenticatedAt, ...rest } = options;
    const fromInteraction = interaction
      ? await requests.forLogin(provider, interaction, user)
      : undefined;
    try {
      return await runPostLoginActions(
        tenant.postLoginActions,
        {
          ...rest,
          ...fromInteraction,
          user,
          picture: pictureFor(config.issuer, user),
          client: {
            client_id: config.clientId,
            name: client.name,
            metadata: client.client_metadata,
          },
          loginsCount: stats.logins_count,
          createdAt: user.created_at ?? stats.first_seen,
          lastLogin: stats.last_login,
          authenticatedAt:
            fromInteraction?.authenticatedAt ??
            (authenticatedAt !== undefined ? new Date(authenticatedAt * 1000).toISOString() : now),
        },
        {
          cache: actionsRuntime.cache,
          timeoutMs: actionsRuntime.timeoutMs,
          log: (line) => console.warn(line),
        },
      );
    } catch (error) {
      if (error instanceof ActionFailedError) {
        console.error(`[auth0-local] ${error.message}`);
        return { denied: true, reason: error.message };
      }
      throw error;
    }
  }

  // Auth0 does not ask first-party apps for consent, and issues a refresh token
  // for `offline_access` without `prompt=consent`. The consent prompt stays only
  // for what the grant does not cover yet, which the login page grants itself.
  const policy = interactionPolicy.base();
  policy.get('consent')?.checks.remove('consent_prompt');
  // Auth0 asks the user to confirm a login that would otherwise complete
  // through single sign-on, with no screen at all, to a callback URL it cannot
  // verify (http://localhost:…), unless the client opts out. The login page
  // (a `login` result) or the user's answer on /u/login (`confirmed`) settle it.
  policy.get('consent')?.checks.add(
    new interactionPolicy.Check(
      NON_VERIFIABLE_CALLBACK,
      'the user must confirm a single sign-on login to a callback URL that cannot be verified',
      'interaction_required',
      (ctx) => {
        const result = ctx.oidc.result as { login?: unknown; confirmed?: boolean } | undefined;
        if (result?.login || result?.confirmed) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
        if (client.skip_non_verifiable_callback_uri_confirmation_prompt)
          return interactionPolicy.Check.NO_NEED_TO_PROMPT;
        return isVerifiableCallback(String(ctx.oidc.params?.redirect_uri))
          ? interactionPolicy.Check.NO_NEED_TO_PROMPT
          : interactionPolicy.Check.REQUEST_PROMPT;
      },
    ),
  );

  // As on Auth0, the post-login Actions run before the browser returns to the
  // app, for a single sign-on login too: one that needs no screen still passes
  // through /u/login, which runs them and shows the one-time-code challenge if
  // one asks for a second factor. (With prompt=none there is no screen to pass
  // through: the Actions run when the code is exchanged.)
  policy.get('consent')?.checks.add(
    new interactionPolicy.Check(
      POST_LOGIN_ACTIONS,
      'the post-login Actions run before the login returns to the app',
      'interaction_required',
      (ctx) => {
        const result = ctx.oidc.result as { login?: unknown; confirmed?: boolean } | undefined;
        if (result?.login || result?.confirmed || ctx.oidc.prompts.has('none'))
          return interactionPolicy.Check.NO_NEED_TO_PROMPT;
        return interactionPolicy.Check.REQUEST_PROMPT;
      },
    ),
  );

  const configuration: Configuration = {
    adapter: createMemoryAdapter({ reuseIntervalSeconds: refreshTokens.reuseIntervalSeconds }),
    clients: [
      {
        client_id: config.clientId,
        client_secret: config.clientSecret,
        client_name: client.name,
        redirect_uris: client.callbacks,
        post_logout_redirect_uris: client.allowed_logout_urls,
        grant_types: client.grant_types,
        response_types: ['code'],
        token_endpoint_auth_method: client.token_endpoint_auth_method,
      },
    ],
    jwks: { keys: [secrets.signingKey] },
    // The interaction cookie covers every Universal Login screen (/u/login,
    // /u/signup, /u/mfa-…), not only the one the login started on.
    cookies: { keys: secrets.cookieKeys, short: { path: '/u' } },
    // Auth0's ID token says `amr: ["mfa"]` after a second factor, whatever the scopes.
    claims: { ...CLAIMS_BY_SCOPE, openid: [...(CLAIMS_BY_SCOPE.openid ?? []), 'amr'] },
    scopes: OIDC_SCOPES,
    // What a tenant offers, and no more (discovery.ts): the code flow only,
    // the client secret, and RS256 ID tokens.
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
    // `screen_hint=signup` opens Universal Login's signup screen (universal-login.ts).
    extraParams: ['audience', 'screen_hint'],
    routes: {
      authorization: '/authorize',
      token: '/oauth/token',
      userinfo: '/userinfo',
      jwks: '/.well-known/jwks.json',
      end_session: '/oidc/logout',
      revocation: '/oauth/revoke',
    },
    interactions: {
      policy,
      url: (ctx, interaction) => {
        requests.remember(interaction.uid, requestOf(ctx));
        return interaction.prompt.name === 'login' && interaction.params.screen_hint === 'signup'
          ? `/u/signup?state=${interaction.uid}`
          : `/u/login?state=${interaction.uid}`;
      },
    },
    pkce: { required: () => false },
    // The session id the Actions saw (event.session.id) becomes the ID token's `sid`.
    async loadExistingGrant(ctx) {
      requests.applySessionId(ctx);
      const grantId =
        ctx.oidc.result?.consent?.grantId ||
        ctx.oidc.session?.grantIdFor(ctx.oidc.client?.clientId ?? '');
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    conformIdTokenClaims: false,
    async findAccount(_ctx, sub) {
      const user = findUser(sub);
      if (!user) return undefined;
      return { accountId: sub, claims: async () => ({ ...claimsOf(config.issuer, user), sub }) };
    },
    features: {
      devInteractions: { enabled: false },
      // Not served by a tenant at these paths, or not at all (discovery.ts).
      pushedAuthorizationRequests: { enabled: false },
      dPoP: { enabled: false },
      revocation: {
        enabled: true,
        // As on Auth0: an application may revoke only its own tokens.
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // Auth0 logs out without asking when `logout_hint` names the current
        // session (the `sid` of the login, which the SDK sends); otherwise it
        // asks the user, because anyone can link to a logout URL.
        logoutSource: async (ctx, form) => {
          const clientId = ctx.oidc.client?.clientId;
          const sid = clientId ? ctx.oidc.session?.sidFor(clientId) : undefined;
          const hint = ctx.oidc.params?.logout_hint;
          const namesTheSession = typeof hint === 'string' && sid !== undefined && hint === sid;
          ctx.body = namesTheSession ? logoutPage(form) : logoutConfirmationPage(form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = loggedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        // Auth0 selects the API with `audience`; oidc-provider speaks RFC 8707 `resource`.
        defaultResource: (ctx) => ctx.oidc.params?.audience as string,
        // The SDK sends no resource at the token endpoint: use the one granted at login.
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, audience) => {
          const api = findApi(audience);
          if (!api) throw new errors.AccessDenied(`Service not found: ${audience}`);
          return {
            scope: api.scopes.map((s) => s.value).join(' '),
            audience: api.identifier,
            accessTokenTTL: api.token_lifetime,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    formats: {
      customizers: {
        // Reshape oidc-provider's RFC 9068 access token into the token Auth0 issues.
        async jwt(ctx, token, jwt) {
          const accessToken = token as unknown as {
            grantId: string;
            accountId: string;
            scope?: string;
          };
          const outcome = await actionClaimsForTokenRequest(
            ctx,
            accessToken.grantId,
            accessToken.accountId,
          );
          const {
            client_id: azp,
            aud,
            scope,
            ...standard
          } = jwt.payload as Record<string, unknown>;
          const audience = Array.isArray(aud) ? String(aud[0]) : String(aud);
          const api = findApi(audience);
          const user = findUser(accessToken.accountId);

          // Auth0 lists the OpenID scopes of the login in the access token's `scope`
          // too; oidc-provider keeps only the API's there.
          const source = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
          const openidScopes = String(source?.scope ?? '')
            .split(' ')
            .filter((s) => OIDC_SCOPES.includes(s));
          const scopes = new Set([
            ...openidScopes,
            ...String(scope ?? '')
              .split(' ')
              .filter(Boolean),
          ]);
          outcome.addedScopes.forEach((s) => scopes.add(s));
          outcome.removedScopes.forEach((s) => scopes.delete(s));

          // Auth0 answers /userinfo with the claims the Actions set on the ID token.
          if (typeof standard.jti === 'string' && typeof standard.exp === 'number') {
            idTokenClaimsByAccessToken.remember(standard.jti, standard.exp, outcome.idTokenClaims);
          }

          // The token response's `scope` says what the token holds, as on Auth0.
          accessToken.scope = [...scopes].join(' ');

          jwt.header = { typ: 'JWT' };
          jwt.payload = {
            ...outcome.accessTokenClaims,
            ...standard,
            aud: scopes.has('openid') ? [audience, `${config.issuer}userinfo`] : audience,
            azp,
            scope: [...scopes].join(' '),
            ...(api?.token_dialect === 'access_token_authz' && user
              ? { permissions: permissionsFor(tenant, user, audience) }
              : {}),
          };
        },
      },
    },
    ttl: {
      AccessToken: (_ctx, token) =>
        (token as { resourceServer?: { accessTokenTTL?: number } }).resourceServer
          ?.accessTokenTTL ?? 86400,
      IdToken: client.jwt_configuration?.lifetime_in_seconds ?? 36000,
      // A new refresh token (at login or rotation) lives until the nearer of its
      // absolute end (counted from the login: `iiat`) and its idle end.
      RefreshToken: (_ctx, token) => {
        const now = Math.floor(Date.now() / 1000);
        return secondsToLive(refreshTokens, token.iiat ?? now, now);
      },
      Session: 3 * 24 * 60 * 60,
      Interaction: 60 * 60,
      // A grant ends when it is revoked (logout, reuse): the refresh tokens carry
      // the lifetimes, and a grant that expired first would end them early.
      Grant: NEVER,
      AuthorizationCode: 60,
    },
    rotateRefreshToken: refreshTokens.rotating,
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage(
        'Something went wrong',
        `${out.error}: ${out.error_description ?? ''}`,
        hintFor(out),
      );
    },
  };

  const provider = new Provider(config.issuer, configuration);

  // Auth0 ID tokens carry the claims set by api.idToken.setCustomClaim.
  // oidc-provider keeps only claims it knows of, so add them after its filter.
  const basePayload = provider.IdToken.prototype.payload;
  provider.IdToken.prototype.payload = async function payloadWithActionClaims(this: {
    ctx?: KoaContextWithOIDC;
  }) {
    const payload = (await basePayload.call(this)) as Record<string, unknown>;
    const ctx = this.ctx;
    const grant = ctx?.oidc.entities.Grant;
    if (!ctx || !grant || typeof payload.sub !== 'string') return payload;
    const outcome = await actionClaimsForTokenRequest(ctx, grant.jti, payload.sub);
    return { ...outcome.idTokenClaims, ...payload };
  };

  // Auth0's ID tokens say `typ: JWT` in their header; oidc-provider's say no
  // type. Sign the same payload again with that header.
  const signingKey = crypto.createPrivateKey({
    key: secrets.signingKey as crypto.webcrypto.JsonWebKey,
    format: 'jwk',
  });
  const baseIssue = provider.IdToken.prototype.issue;
  provider.IdToken.prototype.issue = async function issueWithJwtType(
    this: InstanceType<typeof provider.IdToken>,
    options: Parameters<typeof baseIssue>[0],
  ) {
    const token = await baseIssue.call(this, options);
    if (options?.use !== 'idtoken') return token;
    const { alg, kid } = decodeProtectedHeader(token);
    const payload = Buffer.from(token.split('.')[1] ?? '', 'base64url');
    return new CompactSign(payload)
      .setProtectedHeader({ alg: alg ?? 'RS256', typ: 'JWT', kid })
      .sign(signingKey);
  };

  // Auth0 puts the session id `sid` in every ID token; the SDK keeps it and
  // sends it back as `logout_hint` at logout. oidc-provider adds it only for
  // back-channel logout clients: ask for it always.
  provider.Client.prototype.includeSid = () => true;

  applyRefreshTokenPolicy(provider, refreshTokens);
  answerOAuthErrorsAsAuth0(provider, client.grant_types);

  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/.well-known/openid-configuration' && ctx.status === 200) {
      ctx.body = tenantDiscovery(ctx.body as Record<string, unknown>);
    }
  });

  provider.use(requireConfiguredClientAuthentication(client.token_endpoint_auth_method));

  // Keep the `offline_access` scope without a consent prompt (see the policy above).
  provider.use(async (ctx, next) => {
    if (ctx.path === '/authorize' && ctx.method === 'GET') {
      const scope = ctx.query.scope;
      if (
        typeof scope === 'string' &&
        scope.split(' ').includes('offline_access') &&
        !ctx.query.prompt
      ) {
        ctx.query = { ...ctx.query, prompt: 'consent' };
      }
    }
    await next();
  });

  /** A login passed its second factor: later logins of its session, and its refreshes, see it. */
  function recordMfa(interactionUid: string) {
    const sessionId = requests.sessionIdOf(interactionUid);
    if (sessionId) mfaSessions.record(sessionId);
  }

  return { provider, loginOutcomes, runActions, findApi, recordMfa };
}

function hintFor(out: { error: string; error_description?: string }): string | undefined {
  const description = out.error_description ?? '';
  if (description.includes('redirect_uri')) {
    return 'The app sent a callback URL that is not among the client\'s "callbacks" in auth0/tenant.yaml. Check APP_BASE_URL.';
  }
  if (out.error === 'invalid_client' || description.includes('client')) {
    return 'The local Auth0 registers the client from auth0/tenant.yaml with AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET: the app and the local Auth0 must read the same values.';
  }
  if (description.includes('interaction') || description.includes('session')) {
    return 'The login took too long or was started in another tab. Go back to the app and log in again.';
  }
  return undefined;
}
