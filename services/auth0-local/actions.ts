/**
 * Runs the Actions bound to the post-login trigger, from their source files,
 * with an `event` and an `api` shaped like Auth0's (Actions v3 post-login).
 *
 * Each run re-reads the files, so an edit to an Action shows up at the next
 * login without restarting anything.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
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

function isRestrictedClaim(name: string): boolean {
  if (RESTRICTED_CLAIMS.has(name)) return true;
  // Auth0 also keeps its own namespaces for itself.
  return /^https?:\/\/([^/]+\.)?(auth0\.com|webtask\.io|webtask\.run)(\/|$)/i.test(name);
}

export type PostLoginContext = {
  protocol: 'oidc-basic-profile' | 'oauth2-refresh-token';
  user: LocalUser;
  picture: string;
  client: { client_id: string; name: string };
  audience?: string;
  requestedScopes: string[];
  redirectUri?: string;
  loginsCount: number;
};

export type PostLoginResult =
  | {
      denied: false;
      idTokenClaims: Record<string, unknown>;
      accessTokenClaims: Record<string, unknown>;
      addedScopes: string[];
      removedScopes: string[];
    }
  | { denied: true; reason: string };

export class ActionFailedError extends Error {
  override name = 'ActionFailedError';
}

type ActionModule = { onExecutePostLogin?: (event: unknown, api: unknown) => unknown };

/** Evaluates the Action's file afresh, as a CommonJS module like Auth0 does. */
function loadAction(action: PostLoginAction): ActionModule {
  const source = fs.readFileSync(action.file, 'utf8');
  const actionModule = { exports: {} as ActionModule };
  const run = vm.compileFunction(
    source,
    ['exports', 'require', 'module', '__filename', '__dirname'],
    {
      filename: action.file,
    },
  );
  run(
    actionModule.exports,
    createRequire(action.file),
    actionModule,
    action.file,
    path.dirname(action.file),
  );
  return actionModule.exports;
}

export async function runPostLoginActions(
  actions: PostLoginAction[],
  context: PostLoginContext,
): Promise<PostLoginResult> {
  const { user } = context;
  const now = new Date().toISOString();
  const event = {
    transaction: {
      protocol: context.protocol,
      requested_scopes: context.requestedScopes,
      redirect_uri: context.redirectUri,
      locale: 'en',
    },
    user: {
      user_id: user.user_id,
      email: user.email,
      email_verified: true,
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
      created_at: now,
      updated_at: now,
    },
    authorization: { roles: [...user.roles] },
    client: { client_id: context.client.client_id, name: context.client.name, metadata: {} },
    resource_server: context.audience ? { identifier: context.audience } : undefined,
    connection: {
      id: 'con_local',
      name: 'Username-Password-Authentication',
      strategy: 'auth0',
      metadata: {},
    },
    tenant: { id: 'local' },
    stats: { logins_count: context.loginsCount },
    secrets: {},
    request: { ip: '127.0.0.1', method: 'POST', language: 'en' },
  };

  const idTokenClaims: Record<string, unknown> = {};
  const accessTokenClaims: Record<string, unknown> = {};
  const addedScopes: string[] = [];
  const removedScopes: string[] = [];
  let denial: string | null = null;

  const api = {
    access: {
      deny(reason: string) {
        denial = String(reason);
        return api;
      },
    },
    idToken: {
      setCustomClaim(name: string, value: unknown) {
        if (!isRestrictedClaim(name)) idTokenClaims[name] = value;
        return api;
      },
    },
    accessToken: {
      setCustomClaim(name: string, value: unknown) {
        if (!isRestrictedClaim(name)) accessTokenClaims[name] = value;
        return api;
      },
      addScope(scope: string) {
        addedScopes.push(scope);
        return api;
      },
      removeScope(scope: string) {
        removedScopes.push(scope);
        return api;
      },
    },
    user: {
      // Kept for the life of the local Auth0 process, like a write to the user profile.
      setAppMetadata(name: string, value: unknown) {
        user.app_metadata[name] = value;
        return api;
      },
      setUserMetadata(name: string, value: unknown) {
        user.user_metadata[name] = value;
        return api;
      },
    },
  };

  for (const action of actions) {
    let handler: ActionModule['onExecutePostLogin'];
    try {
      handler = loadAction(action).onExecutePostLogin;
    } catch (error) {
      throw new ActionFailedError(
        `Action "${action.name}" (${action.file}) failed to load: ${(error as Error).message}`,
      );
    }
    if (typeof handler !== 'function') {
      throw new ActionFailedError(
        `Action "${action.name}" (${action.file}) does not export onExecutePostLogin.`,
      );
    }
    try {
      await handler(event, api);
    } catch (error) {
      throw new ActionFailedError(
        `Action "${action.name}" threw: ${(error as Error)?.message ?? String(error)}`,
      );
    }
    // As on Auth0, a denial ends the flow: later Actions do not run.
    if (denial !== null) return { denied: true, reason: denial };
  }

  return { denied: false, idTokenClaims, accessTokenClaims, addedScopes, removedScopes };
}
