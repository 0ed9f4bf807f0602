/**
 * Runs the Actions bound to the post-login trigger, from their source files,
 * with an `event` and an `api` shaped like Auth0's (Actions v3 post-login).
 *
 * Hand-written because no library runs Auth0 Actions: Auth0 runs them in its
 * own sandbox, and publishes only the shapes of `event` and `api` (Auth0 docs:
 * "Post-login event object", "Post-login API object"). What the local Auth0
 * reproduces of that sandbox ("Actions Limitations", "Manage Dependencies"):
 * - each run happens in a worker thread of its own (action-sandbox.cjs) with
 *   an empty process.env, so an Action sees neither the local Auth0's
 *   variables (AUTH0_CLIENT_SECRET…) nor its globals or module cache;
 * - `require` gives Node's built-ins and the packages the Action declares
 *   under `dependencies` in tenant.yaml, taken from the project's
 *   node_modules; anything else fails as "Cannot find module";
 * - `event.secrets` holds the secrets the Action declares;
 * - the whole flow must finish within 20 seconds, or the login fails;
 * - `api.cache` works, in memory; `api.multifactor.enable` asks for a
 *   one-time password after the Actions (mfa-screens.ts); the api methods it
 *   cannot emulate end the login with an error that says so.
 * The worker is a convenience of isolation, not a security boundary: the
 * Actions are the project's own code.
 *
 * Each run re-reads the files, so an edit to an Action shows up at the next
 * login without restarting anything.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LocalUser, PostLoginAction } from './tenant';

/**
 * Claims Auth0 reserves: an Action cannot set them, and Auth0 drops them
 * without an error (the list in Auth0's "Create Custom Claims" documentation).
 */
const RESTRICTED_CLAIMS = new Set([
  'acr',
  'act',
  'active',
  'amr',
  'at_hash',
  'ath',
  'attest',
  'aud',
  'auth_time',
  'authorization_details',
  'azp',
  'c_hash',
  'client_id',
  'cnf',
  'cty',
  'dest',
  'entitlements',
  'events',
  'exp',
  'groups',
  'gty',
  'htm',
  'htu',
  'iat',
  'internalService',
  'iss',
  'jcard',
  'jku',
  'jti',
  'jwe',
  'jwk',
  'kid',
  'may_act',
  'mky',
  'nbf',
  'nonce',
  'object_id',
  'org_id',
  'org_name',
  'orig',
  'origid',
  'permissions',
  'roles',
  'rph',
  's_hash',
  'sid',
  'sip_callid',
  'sip_cseq_num',
  'sip_date',
  'sip_from_tag',
  'sip_via_branch',
  'sub',
  'sub_jwk',
  'toe',
  'txn',
  'typ',
  'uuid',
  'vot',
  'vtm',
  'x5t#S256',
]);

/**
 * OpenID Connect's standard claims (OpenID Connect Core, 5.1): Auth0 sets them
 * itself, and "OpenID standard claims … cannot be customized or modified" by
 * an Action ("Create Custom Claims"). The ID-token claims of the standard are
 * in the list above.
 */
const STANDARD_OIDC_CLAIMS = new Set([
  'sub',
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'email',
  'email_verified',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'phone_number',
  'phone_number_verified',
  'address',
  'updated_at',
]);

function isRestrictedClaim(name: string): boolean {
  if (RESTRICTED_CLAIMS.has(name)) return true;
  // Auth0 also keeps its own namespaces for itself.
  return /^https?:\/\/([^/]+\.)?(auth0\.com|webtask\.io|webtask\.run)(\/|$)/i.test(name);
}

/** Why Auth0 would drop this claim, or null when it keeps it. */
function whyIgnored(name: string): string | null {
  if (STANDARD_OIDC_CLAIMS.has(name)) return 'a standard OpenID Connect claim';
  if (isRestrictedClaim(name)) return 'a name Auth0 restricts';
  return null;
}

/**
 * The api methods of Auth0's post-login trigger ("Post-login API object") that
 * the local Auth0 does not emulate: calling one ends the login, so that a flow
 * that needs it is not mistaken for one that works.
 */
export const UNSUPPORTED_API_METHODS = [
  'authentication.challengeWith',
  'authentication.challengeWithAny',
  'authentication.enrollWith',
  'authentication.enrollWithAny',
  'authentication.recordMethod',
  'authentication.setPrimaryUser',
  'prompt.render',
  'redirect.encodeToken',
  'redirect.sendUserTo',
  'redirect.validateToken',
  'refreshToken.revoke',
  'refreshToken.setExpiresAt',
  'refreshToken.setIdleExpiresAt',
  'rules.wasExecuted',
  'samlResponse.setAttribute',
  'session.revoke',
  'session.setExpiresAt',
  'session.setIdleExpiresAt',
  'session.setMetadata',
  'session.deleteMetadata',
  'session.evictMetadata',
  'transaction.setResultUrl',
];

/** Auth0's limit for one execution of a flow ("Actions Limitations"). */
export const ACTIONS_TIME_LIMIT_MS = 20_000;

/** What the local Auth0 knows of one login, for the event (see runPostLoginActions). */
export type PostLoginContext = {
  protocol: 'oidc-basic-profile' | 'oauth2-refresh-token';
  user: LocalUser;
  picture: string;
  client: { client_id: string; name: string; metadata?: Record<string, string> };
  audience?: string;
  requestedScopes: string[];
  redirectUri?: string;
  loginsCount: number;
  /** ISO dates: when the user was created, last logged in, and authenticated in this session. */
  createdAt?: string;
  lastLogin?: string;
  authenticatedAt?: string;
  sessionId?: string;
  /** ISO date: when the user last passed a second factor in this session, if they did. */
  mfaAuthenticatedAt?: string;
  /** The request that started the transaction (/authorize, or /oauth/token for a refresh). */
  request?: {
    hostname?: string;
    ip?: string;
    method: string;
    query: Record<string, string>;
    user_agent?: string;
    language?: string;
  };
  /** More of the /authorize request, for event.transaction. */
  transaction?: {
    acr_values?: string[];
    login_hint?: string;
    prompt?: string[];
    response_mode?: string;
    response_type?: string[];
    state?: string;
    ui_locales?: string[];
  };
};

export type PostLoginResult =
  | {
      denied: false;
      idTokenClaims: Record<string, unknown>;
      accessTokenClaims: Record<string, unknown>;
      addedScopes: string[];
      removedScopes: string[];
      /** Set when an Action called api.multifactor.enable: the login needs a second factor. */
      multifactor?: MultifactorRequest;
    }
  | { denied: true; reason: string };

/** What an Action asked with api.multifactor.enable(provider, options). */
export type MultifactorRequest = { provider: string; allowRememberBrowser: boolean };

/**
 * The providers of api.multifactor.enable the local Auth0 answers with its
 * one-time-password factor: 'any' lets Auth0 pick among the enabled factors,
 * and Guardian and Google Authenticator both accept a one-time password.
 * 'duo' needs Duo's service.
 */
export const OTP_PROVIDERS = ['any', 'guardian', 'google-authenticator'];

export class ActionFailedError extends Error {
  override name = 'ActionFailedError';
}

type CacheRecord = { value: string; expires_at: number };

/** api.cache's store: in memory, for the life of the local Auth0, shared by the post-login Actions. */
export function createActionCache() {
  const entries = new Map<string, CacheRecord>();
  return {
    snapshot(): Record<string, CacheRecord> {
      const now = Date.now();
      for (const [key, record] of entries) if (record.expires_at <= now) entries.delete(key);
      return Object.fromEntries(entries);
    },
    apply(changes: [string, CacheRecord | null][]) {
      for (const [key, record] of changes) {
        if (record) entries.set(key, record);
        else entries.delete(key);
      }
    },
  };
}

export type ActionCache = ReturnType<typeof createActionCache>;

export type RunOptions = {
  cache?: ActionCache;
  /** Auth0's 20 s unless a test needs less (AUTH0_LOCAL_ACTIONS_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Where warnings go: the local Auth0's output. */
  log?: (line: string) => void;
};

const SANDBOX = path.join(__dirname, 'action-sandbox.cjs');
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** The post-login `event`, with what the local Auth0 knows; what it cannot know is left out. */
function eventFor(context: PostLoginContext) {
  const { user } = context;
  const createdAt = context.createdAt ?? new Date().toISOString();
  const event = {
    transaction: {
      acr_values: [],
      ui_locales: [],
      ...context.transaction,
      protocol: context.protocol,
      requested_scopes: context.requestedScopes,
      redirect_uri: context.redirectUri,
      locale: 'en',
    },
    user: {
      user_id: user.user_id,
      email: user.email,
      email_verified: user.email_verified,
      name: user.name,
      nickname: user.nickname,
      picture: context.picture,
      app_metadata: structuredClone(user.app_metadata),
      user_metadata: structuredClone(user.user_metadata),
      identities: [
        {
          connection: 'Username-Password-Authentication',
          provider: 'auth0',
          user_id: user.user_id.replace(/^auth0\|/, ''),
          isSocial: false,
        },
      ],
      created_at: createdAt,
      updated_at: createdAt,
      ...(context.lastLogin ? { last_login: context.lastLogin } : {}),
    },
    authentication: context.authenticatedAt
      ? {
          methods: [
            { name: 'pwd', timestamp: context.authenticatedAt },
            ...(context.mfaAuthenticatedAt
              ? [{ name: 'mfa', timestamp: context.mfaAuthenticatedAt }]
              : []),
          ],
        }
      : undefined,
    authorization: { roles: [...user.roles] },
    client: {
      client_id: context.client.client_id,
      name: context.client.name,
      metadata: { ...context.client.metadata },
    },
    resource_server: context.audience ? { identifier: context.audience } : undefined,
    connection: {
      id: 'con_local',
      name: 'Username-Password-Authentication',
      strategy: 'auth0',
      metadata: {},
    },
    tenant: { id: 'local' },
    stats: { logins_count: context.loginsCount },
    session: context.sessionId ? { id: context.sessionId } : undefined,
    request: context.request
      ? { ...context.request, body: {} }
      : { ip: '127.0.0.1', method: 'POST', query: {}, body: {} },
  };
  // What the local Auth0 does not know is absent, not `undefined`.
  return JSON.parse(JSON.stringify(event)) as typeof event;
}

type SandboxOutcome = {
  idTokenClaims: [string, string, unknown][];
  accessTokenClaims: [string, string, unknown][];
  addedScopes: string[];
  removedScopes: string[];
  appMetadata: [string, unknown][];
  userMetadata: [string, unknown][];
  cacheChanges: [string, CacheRecord | null][];
  multifactor: (MultifactorRequest & { action: string }) | null;
};

type SandboxEnd =
  | { type: 'done' }
  | { type: 'denied'; reason: string }
  | { type: 'failed' | 'unsupported'; message: string; action: string };

type SandboxMessage =
  { type: 'started'; action: string } | { type: 'end'; end: SandboxEnd; outcome: SandboxOutcome };

/** Runs the sandbox once; resolves with how it ended, or with a time-out after `timeoutMs`. */
function runSandbox(workerData: object, timeoutMs: number) {
  return new Promise<
    | { timedOut: false; end: SandboxEnd; outcome: SandboxOutcome }
    | { timedOut: true; action: string }
  >((resolve, reject) => {
    // No environment, no TypeScript loader: only what Auth0's Node.js runtime has.
    const worker = new Worker(SANDBOX, { workerData, env: {}, execArgv: [] });
    let running = '';
    const timer = setTimeout(() => {
      resolve({ timedOut: true, action: running });
      void worker.terminate();
    }, timeoutMs);
    worker.on('message', (message: SandboxMessage) => {
      if (message.type === 'started') {
        running = message.action;
        return;
      }
      clearTimeout(timer);
      resolve({ timedOut: false, end: message.end, outcome: message.outcome });
      // An Action may leave timers or sockets open: they end with the run.
      void worker.terminate();
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    worker.once('exit', () => {
      clearTimeout(timer);
      reject(new ActionFailedError(`Action "${running}" ended the run before it finished.`));
    });
  });
}

export async function runPostLoginActions(
  actions: PostLoginAction[],
  context: PostLoginContext,
  options: RunOptions = {},
): Promise<PostLoginResult> {
  const log = options.log ?? ((line: string) => console.warn(line));
  const timeoutMs = options.timeoutMs ?? ACTIONS_TIME_LIMIT_MS;
  const run = await runSandbox(
    {
      actions: actions.map((action) => ({
        name: action.name,
        file: action.file,
        dependencies: action.dependencies ?? [],
        // A secret without a value is absent (the start-up output names it).
        secrets: Object.fromEntries(
          (action.secrets ?? []).flatMap((secret) =>
            secret.value === undefined ? [] : [[secret.name, secret.value]],
          ),
        ),
      })),
      event: eventFor(context),
      cacheEntries: options.cache?.snapshot() ?? {},
      projectRoot: PROJECT_ROOT,
      unsupported: UNSUPPORTED_API_METHODS,
    },
    timeoutMs,
  );

  if (run.timedOut) {
    const reason = `Action "${run.action}" timed out: on Auth0 the post-login Actions must finish within ${timeoutMs / 1000} seconds (Actions Limitations).`;
    log(`[auth0-local] ${reason}`);
    return { denied: true, reason };
  }

  const { end, outcome } = run;
  options.cache?.apply(outcome.cacheChanges);
  if (end.type === 'unsupported') {
    log(`[auth0-local] Action "${end.action}": ${end.message}`);
    return { denied: true, reason: end.message };
  }
  if (end.type === 'failed') throw new ActionFailedError(`Action "${end.action}" ${end.message}`);
  if (end.type === 'denied') return { denied: true, reason: end.reason };
  if (outcome.multifactor && !OTP_PROVIDERS.includes(outcome.multifactor.provider)) {
    const reason = `api.multifactor.enable('${outcome.multifactor.provider}') is not supported by the local Auth0: it offers one-time passwords, with the providers ${OTP_PROVIDERS.map((p) => `'${p}'`).join(', ')} (see docs/local-auth0.md)`;
    log(`[auth0-local] Action "${outcome.multifactor.action}": ${reason}`);
    return { denied: true, reason };
  }

  // Kept for the life of the local Auth0 process, like a write to the user profile.
  for (const [name, value] of outcome.appMetadata) context.user.app_metadata[name] = value;
  for (const [name, value] of outcome.userMetadata) context.user.user_metadata[name] = value;

  const claims = (calls: [string, string, unknown][], token: string) => {
    const kept: Record<string, unknown> = {};
    for (const [action, name, value] of calls) {
      const why = whyIgnored(name);
      if (why) {
        // Auth0 drops it without an error; say so here, where it can be seen.
        log(
          `[auth0-local] Action "${action}": api.${token}.setCustomClaim('${name}') is ignored, as on Auth0: ${why} cannot be set by an Action. Use a namespaced name such as https://my-app.example.com/${name}.`,
        );
      } else if (value !== undefined) {
        kept[name] = value;
      }
    }
    return kept;
  };

  return {
    denied: false,
    idTokenClaims: claims(outcome.idTokenClaims, 'idToken'),
    accessTokenClaims: claims(outcome.accessTokenClaims, 'accessToken'),
    addedScopes: outcome.addedScopes,
    removedScopes: outcome.removedScopes,
    ...(outcome.multifactor
      ? {
          multifactor: {
            provider: outcome.multifactor.provider,
            allowRememberBrowser: outcome.multifactor.allowRememberBrowser,
          },
        }
      : {}),
  };
}
