/**
 * The local Auth0's login screens, at Auth0's /u/login: the login form (unless
 * single sign-on reuses the session), then consent where Auth0 asks for it,
 * then a login confirmation where a silent single sign-on would send the user
 * to a callback URL Auth0 cannot verify. A finished login runs the post-login
 * Actions and records the grant that the code exchange then issues.
 *
 * When an Action asked for a second factor, the login goes through the
 * one-time-password screens (mfa-screens.ts) before it returns to the app.
 *
 * `screen_hint=signup` opens the signup screen at /u/signup instead: it
 * creates a user (kept in memory until the local Auth0 stops, with its own
 * password) and continues the login as the login form does. `login_hint`
 * fills in the email on either form.
 */
import crypto from 'node:crypto';
import express, { type Request, type Response } from 'express';
import type Provider from 'oidc-provider';
import { isVerifiableCallback } from './callback-uri';
import type { ConsentStore } from './consents';
import type { PostLoginResult } from './actions';
import type { Enrolments } from './mfa';
import { mfaScreens } from './mfa-screens';
import { consentPage, loginConfirmationPage, loginPage, signupPage } from './pages';
import { NON_VERIFIABLE_CALLBACK, OIDC_SCOPES, type createProvider } from './provider';
import { permissionsFor, type LocalUser, type Tenant } from './tenant';

type InteractionDetails = Awaited<ReturnType<Provider['interactionDetails']>>;

type UniversalLoginOptions = Pick<
  ReturnType<typeof createProvider>,
  'provider' | 'loginOutcomes' | 'runActions' | 'findApi' | 'recordMfa'
> & { clientId: string; tenant: Tenant; consents: ConsentStore; enrolments: Enrolments };

/** What the app asked for in its /authorize request. */
function requestOf(details: InteractionDetails) {
  const { params } = details;
  return {
    clientId: String(params.client_id),
    audience: typeof params.audience === 'string' ? params.audience : undefined,
    scopes: String(params.scope ?? '')
      .split(' ')
      .filter(Boolean),
    redirectUri: String(params.redirect_uri),
  };
}

export function universalLogin({
  clientId,
  tenant,
  consents,
  provider,
  loginOutcomes,
  runActions,
  findApi,
  recordMfa,
  enrolments,
}: UniversalLoginOptions) {
  // Records what the user may do, so the code exchange issues exactly that:
  // the OpenID scopes asked for, and the API scopes their roles allow (RBAC).
  async function grantFor(details: InteractionDetails, user: LocalUser): Promise<string> {
    const { clientId: client, audience, scopes: requested } = requestOf(details);
    const grant =
      (details.grantId && (await provider.Grant.find(details.grantId))) ||
      new provider.Grant({ accountId: user.user_id, clientId: client });
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

  const router = express.Router();
  const mfa = mfaScreens({
    provider,
    appName: tenant.client.name,
    enrolments,
    onPassed: recordMfa,
  });
  router.use(mfa.router);

  /** The passwords of the users created on the signup screen; the demo users share tenant.password. */
  const signedUpPasswords = new Map<string, string>();
  const passwordOf = (user: LocalUser) => signedUpPasswords.get(user.user_id) ?? tenant.password;
  const findByEmail = (email: string) => tenant.users.find((u) => u.email.toLowerCase() === email);

  const loginHintOf = (details: InteractionDetails) =>
    typeof details.params.login_hint === 'string' ? details.params.login_hint : '';
  const screenUrl = (screen: 'login' | 'signup', details: InteractionDetails) =>
    `/u/${screen}?state=${encodeURIComponent(details.uid)}`;

  /**
   * Every form posts back to /u/login, whose interaction cookie ties it to
   * this browser; the screen waiting for an answer is remembered here, per
   * interaction.
   */
  type Screen = 'consent' | 'confirmation';
  const waiting = new Map<string, { userId: string; viaForm: boolean; screen: Screen }>();

  function consentStillNeeded(details: InteractionDetails, user: LocalUser): string[] {
    const { audience, scopes, redirectUri } = requestOf(details);
    const api = findApi(audience);
    if (api?.skip_consent_for_verifiable_first_party_clients && isVerifiableCallback(redirectUri))
      return [];
    return consents.missing(user.user_id, clientId, audience, scopes);
  }

  async function continueLogin(
    req: Request,
    res: Response,
    details: InteractionDetails,
    user: LocalUser,
    progress: { viaForm: boolean; answered?: Screen },
  ) {
    let screen: Screen | undefined;
    if (progress.answered !== 'consent' && consentStillNeeded(details, user).length) {
      screen = 'consent';
    } else if (
      !progress.viaForm &&
      !progress.answered &&
      // Whether single sign-on needs the user's confirmation is decided by the
      // interaction policy (provider.ts), which sent the browser here for it.
      details.prompt.reasons.includes(NON_VERIFIABLE_CALLBACK)
    ) {
      screen = 'confirmation';
    }
    if (screen) {
      waiting.set(details.uid, { userId: user.user_id, viaForm: progress.viaForm, screen });
      res.redirect(303, `/u/login?state=${encodeURIComponent(details.uid)}`);
      return;
    }
    await finishLogin(req, res, details, user, progress.viaForm);
  }

  async function finishLogin(
    req: Request,
    res: Response,
    details: InteractionDetails,
    user: LocalUser,
    viaForm: boolean,
  ) {
    const { audience, scopes, redirectUri } = requestOf(details);
    const result = await runActions(user, {
      protocol: 'oidc-basic-profile',
      audience,
      requestedScopes: scopes,
      redirectUri,
      interaction: details,
    });
    if (result.denied) {
      // Back to the app's callback with ?error=access_denied&error_description=<reason>.
      await provider.interactionFinished(req, res, {
        error: 'access_denied',
        error_description: result.reason,
      });
      return;
    }
    if (result.multifactor) {
      // As on Auth0, the factor comes after the Actions, and the login carries on once it passed.
      mfa.start(res, details, user, (request, response, current) =>
        completeLogin(request, response, current, user, viaForm, result, true),
      );
      return;
    }
    await completeLogin(req, res, details, user, viaForm, result, false);
  }

  async function completeLogin(
    req: Request,
    res: Response,
    details: InteractionDetails,
    user: LocalUser,
    viaForm: boolean,
    result: Extract<PostLoginResult, { denied: false }>,
    passedMfa: boolean,
  ) {
    const grantId = await grantFor(details, user);
    loginOutcomes.set(grantId, result);
    // The session (and from it the ID token's `amr`) records the second factor.
    const amr = passedMfa ? { amr: ['mfa'] } : {};
    if (viaForm) {
      await provider.interactionFinished(req, res, {
        login: { accountId: user.user_id, ...amr },
        consent: { grantId },
      });
      return;
    }
    // The user passed a screen, or needed none: the login is confirmed. A
    // single sign-on login that passed a factor keeps its password's time.
    const session = passedMfa && (await provider.Session.find(details.session?.cookie ?? ''));
    await provider.interactionFinished(
      req,
      res,
      {
        ...(session ? { login: { accountId: user.user_id, ts: session.loginTs, ...amr } } : {}),
        consent: { grantId },
        confirmed: true,
      },
      { mergeWithLastSubmission: true },
    );
  }

  router.get('/u/login', async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const screen = waiting.get(details.uid);
      const user = tenant.users.find(
        (u) => u.user_id === (screen?.userId ?? details.session?.accountId),
      );
      if (screen && user) {
        res.type('html').send(
          screen.screen === 'consent'
            ? consentPage({
                appName: tenant.client.name,
                email: user.email,
                scopes: consentStillNeeded(details, user),
              })
            : loginConfirmationPage({
                appName: tenant.client.name,
                email: user.email,
                callback: requestOf(details).redirectUri,
              }),
        );
        return;
      }
      if (details.prompt.name === 'login') {
        res.type('html').send(
          loginPage({
            appName: tenant.client.name,
            users: demoUsers(),
            password: tenant.password,
            email: loginHintOf(details),
            signupUrl: screenUrl('signup', details),
          }),
        );
        return;
      }
      // Single sign-on: the session already says who the user is.
      if (!user) throw new Error('the session points to an unknown user');
      await continueLogin(req, res, details, user, { viaForm: false });
    } catch (error) {
      next(error);
    }
  });

  router.post('/u/login', express.urlencoded({ extended: false }), async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const screen = waiting.get(details.uid);
      if (screen) {
        waiting.delete(details.uid);
        const user = tenant.users.find((u) => u.user_id === screen.userId);
        if (!user) throw new Error('the login points to an unknown user');
        if (req.body?.action !== 'accept') {
          await provider.interactionFinished(req, res, {
            error: 'access_denied',
            error_description:
              screen.screen === 'consent'
                ? 'User did not authorize the request'
                : 'User did not confirm the login',
          });
          return;
        }
        if (screen.screen === 'consent') {
          const { audience, scopes } = requestOf(details);
          consents.record(user.user_id, clientId, audience, scopes);
        }
        await continueLogin(req, res, details, user, {
          viaForm: screen.viaForm,
          answered: screen.screen,
        });
        return;
      }

      const email = String(req.body?.username ?? '')
        .trim()
        .toLowerCase();
      const password = String(req.body?.password ?? '');
      const user = findByEmail(email);
      if (!user || password !== passwordOf(user)) {
        res
          .status(401)
          .type('html')
          .send(
            loginPage({
              appName: tenant.client.name,
              users: demoUsers(),
              password: tenant.password,
              email,
              error: 'Wrong email or password.',
              signupUrl: screenUrl('signup', details),
            }),
          );
        return;
      }
      if (user.blocked) {
        // As on Auth0 for a user blocked by an administrator: no Action runs.
        await provider.interactionFinished(req, res, {
          error: 'unauthorized',
          error_description: 'user is blocked',
        });
        return;
      }
      await continueLogin(req, res, details, user, { viaForm: true });
    } catch (error) {
      next(error);
    }
  });

  /** The users of local-users.yaml, listed on the login page: not those who signed up. */
  function demoUsers() {
    return tenant.users.filter((user) => !signedUpPasswords.has(user.user_id));
  }

  router.get('/u/signup', async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      // Single sign-on, or a screen after the form: /u/login carries on.
      if (details.prompt.name !== 'login' || waiting.has(details.uid)) {
        res.redirect(303, screenUrl('login', details));
        return;
      }
      res.type('html').send(
        signupPage({
          appName: tenant.client.name,
          email: loginHintOf(details),
          loginUrl: screenUrl('login', details),
        }),
      );
    } catch (error) {
      next(error);
    }
  });

  router.post('/u/signup', express.urlencoded({ extended: false }), async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const email = String(req.body?.email ?? '')
        .trim()
        .toLowerCase();
      const password = String(req.body?.password ?? '');
      const refuse = (field: 'email' | 'password', message: string) =>
        res
          .status(400)
          .type('html')
          .send(
            signupPage({
              appName: tenant.client.name,
              email,
              error: { field, message },
              loginUrl: screenUrl('login', details),
            }),
          );
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return refuse('email', 'Email is not valid.');
      if (findByEmail(email)) return refuse('email', 'The user already exists.');
      // The length of Auth0's default password policy ("Good"): its character rules are not checked.
      if (password.length < 8)
        return refuse('password', 'Your password must contain at least 8 characters.');

      // As Auth0 creates a database user: a new id, the email as name, its local part as nickname.
      const user: LocalUser = {
        user_id: `auth0|${crypto.randomBytes(12).toString('hex')}`,
        email,
        name: email,
        nickname: email.split('@')[0] ?? email,
        // Auth0 sends a verification email: until it is followed, the address is unverified.
        email_verified: false,
        blocked: false,
        created_at: new Date().toISOString(),
        roles: [],
        app_metadata: {},
        user_metadata: {},
      };
      tenant.users.push(user);
      signedUpPasswords.set(user.user_id, password);
      console.log(
        `[auth0-local] signed up ${email} (${user.user_id}), kept until the local Auth0 stops`,
      );
      await continueLogin(req, res, details, user, { viaForm: true });
    } catch (error) {
      next(error);
    }
  });

  return router;
}
