/**
 * The post-login Actions and lib/login.ts agree: /auth-error shows a
 * denied login's reason only when it is listed there, so a message the Action
 * denies with but the list lacks would reach users as the generic text, and a
 * listed one the Action no longer sends is dead. Edit one, and this test says
 * what to change in the other.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DENY_REASONS } from '@/lib/login';
import { runPostLoginActions } from '@/services/auth0-local/actions';
import { loadTenant } from '@/services/auth0-local/tenant';
import { AUDIENCE } from '@/test-helpers/project';

// The Actions Auth0 runs after a login, as auth0/tenant.yaml binds them, and the demo users.
const tenant = loadTenant({
  tenantFile: path.resolve('auth0/tenant.yaml'),
  usersFile: path.resolve('auth0/local-users.yaml'),
  keywords: { APP_BASE_URL: 'http://localhost:3000' },
});
const known: string[] = Object.values(DENY_REASONS);

/** Every `api.access.deny(…)` of the Actions' sources, with its message when it is a plain string. */
function denyCalls(): { call: string; message: string | null }[] {
  return tenant.postLoginActions.flatMap(({ file }) =>
    [
      ...fs
        .readFileSync(file, 'utf8')
        .matchAll(/api\.access\.deny\(\s*(?:'([^'\\]*)'|"([^"\\]*)"|([^)]*))\s*\)/g),
    ].map(([call, single, double]) => ({ call, message: single ?? double ?? null })),
  );
}

/** What the Actions ask of Auth0 when this demo user logs in. */
function logIn(user: (typeof tenant.users)[number]) {
  return runPostLoginActions(tenant.postLoginActions, {
    protocol: 'oidc-basic-profile',
    user: structuredClone(user),
    picture: '',
    client: { client_id: 'app', name: tenant.client.name },
    audience: AUDIENCE,
    requestedScopes: ['openid', 'profile', 'email', 'offline_access'],
    loginsCount: 1,
  });
}

test('every message the Actions deny with is listed in DENY_REASONS (lib/login.ts)', () => {
  const calls = denyCalls();
  expect(calls.length).toBeGreaterThan(0);
  for (const { call, message } of calls) {
    // A message built at run time could say anything: the app could never recognise it.
    expect({ call, message }).toEqual({ call, message: expect.any(String) });
    expect(known).toContain(message);
  }
});

test('every message in DENY_REASONS (lib/login.ts) is one an Action denies with', () => {
  const sent = denyCalls().map(({ message }) => message);
  for (const message of known) expect(sent).toContain(message);
});

test.each(tenant.users.map((user) => [user.email, user] as const))(
  'the Actions, run for %s, deny with a listed message or not at all',
  async (_email, user) => {
    const result = await logIn(user);
    if (result.denied) expect(known).toContain(result.reason);
  },
);

test('the blocked demo user is denied with the listed "blocked" message', async () => {
  const blake = tenant.users.find((user) => user.app_metadata.blocked === true);
  await expect(logIn(blake!)).resolves.toEqual({ denied: true, reason: DENY_REASONS.blocked });
});
