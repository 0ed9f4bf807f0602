/**
 * The post-login Action, called the way Auth0 calls it. The event is shaped
 * like the one Auth0 records for a database-connection login; `api` records
 * what the Action asks of it.
 */
import path from 'node:path';
import { CLAIMS_NAMESPACE, DEPARTMENT_CLAIM, ROLES_CLAIM } from '@/lib/claims';
import { AUDIENCE } from '@/test-helpers/project';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the Action is CommonJS, as on Auth0
const { onExecutePostLogin } = require(path.resolve('auth0/actions/add-custom-claims.js'));

function recordedEvent(
  overrides: { app_metadata?: Record<string, unknown>; roles?: string[] | null } = {},
) {
  return {
    transaction: { protocol: 'oidc-basic-profile', requested_scopes: ['openid', 'profile'] },
    user: {
      user_id: 'auth0|65f1c0ffee',
      email: 'sam@example.com',
      email_verified: true,
      name: 'Sam Seller',
      nickname: 'sam',
      picture: 'https://s.gravatar.com/avatar/sam.png',
      app_metadata: overrides.app_metadata ?? { department: 'sales' },
      user_metadata: {},
    },
    authorization:
      overrides.roles === null ? undefined : { roles: overrides.roles ?? ['employee'] },
    client: { client_id: 'abc123', name: 'Next.js Auth0 Starter' },
    resource_server: { identifier: AUDIENCE },
    secrets: {},
  };
}

function recordingApi() {
  const calls = {
    idToken: {} as Record<string, unknown>,
    accessToken: {} as Record<string, unknown>,
    denied: null as string | null,
  };
  const api = {
    access: { deny: (reason: string) => void (calls.denied = reason) },
    idToken: {
      setCustomClaim: (name: string, value: unknown) => void (calls.idToken[name] = value),
    },
    accessToken: {
      setCustomClaim: (name: string, value: unknown) => void (calls.accessToken[name] = value),
    },
  };
  return { api, calls };
}

test('adds the roles and department to both tokens, under the namespace', async () => {
  const { api, calls } = recordingApi();
  await onExecutePostLogin(recordedEvent(), api);

  expect(calls.denied).toBeNull();
  for (const claims of [calls.idToken, calls.accessToken]) {
    expect(claims).toEqual({ [ROLES_CLAIM]: ['employee'], [DEPARTMENT_CLAIM]: 'sales' });
  }
});

test('uses the same namespace as the app (lib/claims.ts)', async () => {
  const { api, calls } = recordingApi();
  await onExecutePostLogin(recordedEvent({ roles: ['admin', 'employee'] }), api);

  const names = [...Object.keys(calls.idToken), ...Object.keys(calls.accessToken)];
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) expect(name.startsWith(`${CLAIMS_NAMESPACE}/`)).toBe(true);
});

test('a user without a department gets roles only; a flow without a user gets no roles', async () => {
  const noDepartment = recordingApi();
  await onExecutePostLogin(recordedEvent({ app_metadata: {}, roles: [] }), noDepartment.api);
  expect(noDepartment.calls.accessToken).toEqual({ [ROLES_CLAIM]: [] });

  const noAuthorization = recordingApi();
  await onExecutePostLogin(recordedEvent({ roles: null }), noAuthorization.api);
  expect(noAuthorization.calls.accessToken[ROLES_CLAIM]).toEqual([]);
});

test('denies a blocked user with a reason and adds no claims', async () => {
  const { api, calls } = recordingApi();
  await onExecutePostLogin(
    recordedEvent({ app_metadata: { blocked: true, department: 'sales' } }),
    api,
  );

  expect(calls.denied).toBe('This account has been blocked. Contact your administrator.');
  expect(calls.idToken).toEqual({});
  expect(calls.accessToken).toEqual({});
});
