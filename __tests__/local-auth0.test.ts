/**
 * The local Auth0 issues what Auth0 issues: these tests log in for real
 * (login page, Action, code exchange, refresh) and check each Auth0
 * convention the app and the API rely on.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt, decodeProtectedHeader, createRemoteJWKSet, jwtVerify } from 'jose';
import {
  CookieJar,
  authorizeUrl,
  follow,
  login as loginAt,
  request,
  tokenRequest as tokenRequestAt,
  tokensFor as tokensAt,
  type Client,
} from '@/services/auth0-local/browserless-login';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  REDIRECT_URI,
  localAuth0Env,
  startLocalAuth0,
  type LocalAuth0Process,
} from '@/services/auth0-local/test-server';
import { shippedAccessTokenLifetime } from '@/services/auth0-local/tenant-copy';
import { demoUsers } from '@/test-helpers/demo-users';
import { AUDIENCE, CLAIMS_NAMESPACE } from '@/test-helpers/project';

const PORT = 4610;
const API = AUDIENCE;
const { password: PASSWORD } = demoUsers();
const NS = CLAIMS_NAMESPACE;

const clientAt = (issuer: string): Client => ({
  issuer,
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  redirectUri: REDIRECT_URI,
});
const login = (issuer: string, email: string, password: string) =>
  loginAt(clientAt(issuer), email, password);
const tokenRequest = (issuer: string, body: Record<string, string>) =>
  tokenRequestAt(clientAt(issuer), body);
const exchangeCode = (issuer: string, code: string) =>
  tokenRequest(issuer, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });

let auth0: LocalAuth0Process;
let issuer: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth0-local-test-'));

beforeAll(async () => {
  auth0 = await startLocalAuth0(PORT, { dataDir });
  issuer = auth0.issuer;
}, 30_000);
afterAll(async () => {
  await auth0?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function tokensFor(email: string) {
  return tokensAt(clientAt(issuer), email, PASSWORD);
}

describe('an access token for the admin', () => {
  let tokens: Awaited<ReturnType<typeof tokensFor>>;
  beforeAll(async () => (tokens = await tokensFor('admin@example.com')));

  test('is a JWT with typ "JWT", signed with a key from /.well-known/jwks.json', async () => {
    expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({ typ: 'JWT', alg: 'RS256' });
    const jwks = createRemoteJWKSet(new URL('.well-known/jwks.json', issuer));
    await expect(
      jwtVerify(tokens.access_token, jwks, { issuer, audience: API }),
    ).resolves.toBeTruthy();
  });

  test('has Auth0 claims: iss with trailing slash, aud array with /userinfo, azp, scope string, permissions', () => {
    const claims = decodeJwt(tokens.access_token);
    expect(claims.iss).toBe(`http://localhost:${PORT}/`);
    expect(claims.aud).toEqual([API, `http://localhost:${PORT}/userinfo`]);
    expect(claims.azp).toBe(CLIENT_ID);
    expect(claims).not.toHaveProperty('client_id');
    // Not create:products: a login asks for it only to step up (lib/step-up.ts).
    // The permissions claim lists all the roles grant, whatever the scope.
    expect(claims.scope).toBe('openid profile email offline_access read:products');
    expect(claims.permissions).toEqual(['read:products', 'create:products']);
    expect(claims.sub).toBe('auth0|admin');
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(shippedAccessTokenLifetime());
  });

  test('carries the namespaced claims set by the post-login Action, in both tokens', () => {
    for (const token of [tokens.access_token, tokens.id_token]) {
      expect(decodeJwt(token)).toMatchObject({
        [`${NS}/roles`]: ['admin'],
        [`${NS}/department`]: 'operations',
      });
    }
  });

  test('comes with expires_in and a refresh token (offline_access)', () => {
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.expires_in).toBe(shippedAccessTokenLifetime());
    expect(tokens.refresh_token).toEqual(expect.any(String));
  });

  test('refreshes; the Action runs again; the refresh token (non-rotating, as in tenant.yaml) keeps working', async () => {
    const first = await tokenRequest(issuer, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
    });
    expect(first.status).toBe(200);
    // As on Auth0: a non-rotating refresh token is not sent again.
    expect(first.body).not.toHaveProperty('refresh_token');
    expect(decodeJwt(String(first.body.access_token))).toMatchObject({
      [`${NS}/roles`]: ['admin'],
      aud: [API, `http://localhost:${PORT}/userinfo`],
    });
    expect(decodeJwt(String(first.body.id_token))).toMatchObject({
      [`${NS}/department`]: 'operations',
    });

    const again = await tokenRequest(issuer, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
    });
    expect(again.status).toBe(200);
  });
});

test('RBAC: an employee gets only the scopes and permissions their role allows', async () => {
  const claims = decodeJwt((await tokensFor('sam@example.com')).access_token);
  expect(claims.scope).toBe('openid profile email offline_access read:products');
  expect(claims.permissions).toEqual(['read:products']);
  expect(claims[`${NS}/department`]).toBe('sales');
});

test('a user without a role gets no API scope and an empty permissions list', async () => {
  const claims = decodeJwt((await tokensFor('nora@example.com')).access_token);
  expect(claims.scope).toBe('openid profile email offline_access');
  expect(claims.permissions).toEqual([]);
  expect(claims[`${NS}/roles`]).toEqual([]);
});

test('a wrong password shows the login page again with an error, and no redirect', async () => {
  const { page, callback } = await login(issuer, 'admin@example.com', 'wrong');
  expect(callback).toBeNull();
  expect(page?.status).toBe(401);
  expect(await page?.text()).toContain('Wrong email or password.');
});

test('a blocked user is sent back to the app with access_denied and the Action’s reason', async () => {
  const { callback } = await login(issuer, 'blake@example.com', PASSWORD);
  expect(callback?.searchParams.get('error')).toBe('access_denied');
  expect(callback?.searchParams.get('error_description')).toBe(
    'This account has been blocked. Contact your administrator.',
  );
  expect(callback?.searchParams.get('state')).toBe('state-123');
});

test('an unknown audience is refused as on Auth0: "Service not found"', async () => {
  const jar = new CookieJar();
  const result = await follow(
    await request(authorizeUrl(clientAt(issuer), { audience: 'https://nope.example.com' }), jar),
    clientAt(issuer),
    jar,
  );
  expect(result).toBeInstanceOf(URL);
  expect((result as URL).searchParams.get('error')).toBe('access_denied');
  expect((result as URL).searchParams.get('error_description')).toBe(
    'Service not found: https://nope.example.com',
  );
});

test('an unknown client and an unregistered callback URL get an error page that says what to fix', async () => {
  const unknownClient = await fetch(authorizeUrl(clientAt(issuer), { client_id: 'who' }), {
    redirect: 'manual',
  });
  expect(unknownClient.status).toBe(400);
  expect(await unknownClient.text()).toMatch(/invalid_client[\s\S]*AUTH0_CLIENT_ID/);

  const wrongCallback = await fetch(
    authorizeUrl(clientAt(issuer), { redirect_uri: 'http://localhost:9999/cb' }),
    { redirect: 'manual' },
  );
  expect(wrongCallback.status).toBe(400);
  expect(await wrongCallback.text()).toMatch(
    /redirect_uri[\s\S]*callbacks[\s\S]*auth0\/tenant\.yaml/,
  );
});

test('/v2/logout ends the session and returns to an allowed logout URL', async () => {
  const { jar } = await login(issuer, 'sam@example.com', PASSWORD);
  const logout = await request(
    new URL(
      `v2/logout?client_id=${CLIENT_ID}&returnTo=http%3A%2F%2Flocalhost%3A3999`,
      issuer,
    ).toString(),
    jar,
  );
  // As on Auth0: a redirect, with no page in between (more in local-auth0-endpoints.test.ts).
  expect(logout.status).toBe(302);
  expect(logout.headers.get('location')).toBe('http://localhost:3999');

  // The next login shows the login page again: the session is gone.
  const again = await follow(
    await request(authorizeUrl(clientAt(issuer)), jar),
    clientAt(issuer),
    jar,
  );
  expect(again).not.toBeInstanceOf(URL);
  expect(await (again as Response).text()).toContain('name="password"');
});

test('the signing key survives a restart', async () => {
  const kid = (await (await fetch(new URL('.well-known/jwks.json', issuer))).json()).keys[0].kid;
  await auth0.stop();
  auth0 = await startLocalAuth0(PORT, { dataDir });
  const again = (await (await fetch(new URL('.well-known/jwks.json', issuer))).json()).keys[0].kid;
  expect(again).toBe(kid);
}, 30_000);

test('refuses to start with NODE_ENV=production', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'services/auth0-local/server.ts'], {
    env: localAuth0Env(PORT + 1, dataDir, { NODE_ENV: 'production' }),
    encoding: 'utf8',
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('refuses to run with NODE_ENV=production');
});

test('listens on loopback only', () => {
  expect(auth0.output()).toContain(`listening on http://localhost:${PORT}/`);
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && a.family === 'IPv4')
    .map((a) => a!.address);
  return Promise.all(
    addresses.map(async (address) => {
      await expect(fetch(`http://${address}:${PORT}/.well-known/jwks.json`)).rejects.toThrow();
    }),
  );
});

describe('with a test Action bound to post-login', () => {
  let custom: LocalAuth0Process;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth0-local-actions-'));

  beforeAll(async () => {
    fs.writeFileSync(
      path.join(dir, 'test-action.js'),
      `exports.onExecutePostLogin = async (event, api) => {
        if (event.user.email === 'nora@example.com') throw new Error('department lookup failed');
        api.accessToken.setCustomClaim('https://test.example.com/protocol', event.transaction.protocol);
      };`,
    );
    // Plus a second API that does not allow offline access.
    const tenant = fs
      .readFileSync('auth0/tenant.yaml', 'utf8')
      .replace('./actions/add-custom-claims.js', './test-action.js')
      .replaceAll('./actions/', `${path.resolve('auth0/actions')}/`)
      .replace(
        'resourceServers:\n',
        `resourceServers:
  - name: Reports API
    identifier: https://reports-api.example.com
    allow_offline_access: false
    scopes:
      - value: read:reports
`,
      );
    fs.writeFileSync(path.join(dir, 'tenant.yaml'), tenant);
    custom = await startLocalAuth0(PORT + 2, {
      env: {
        AUTH0_LOCAL_TENANT_FILE: path.join(dir, 'tenant.yaml'),
        AUTH0_LOCAL_USERS_FILE: path.resolve('auth0/local-users.yaml'),
      },
    });
  }, 30_000);
  afterAll(async () => {
    await custom?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('runs the Action at login and again on every refresh', async () => {
    const { callback } = await login(custom.issuer, 'sam@example.com', PASSWORD);
    const { body } = await exchangeCode(custom.issuer, callback!.searchParams.get('code')!);
    expect(decodeJwt(String(body.access_token))['https://test.example.com/protocol']).toBe(
      'oidc-basic-profile',
    );

    const refreshed = await tokenRequest(custom.issuer, {
      grant_type: 'refresh_token',
      refresh_token: String(body.refresh_token),
    });
    expect(
      decodeJwt(String(refreshed.body.access_token))['https://test.example.com/protocol'],
    ).toBe('oauth2-refresh-token');
  });

  test('no refresh token for an API that does not allow offline access, as on Auth0', async () => {
    const client = { ...clientAt(custom.issuer) };
    const { callback } = await loginAt(client, 'sam@example.com', PASSWORD, {
      audience: 'https://reports-api.example.com',
      scope: 'openid profile offline_access read:reports',
    });
    const { status, body } = await exchangeCode(custom.issuer, callback!.searchParams.get('code')!);
    expect(status).toBe(200);
    expect(body.access_token).toEqual(expect.any(String));
    expect(body).not.toHaveProperty('refresh_token');
    expect(decodeJwt(String(body.access_token)).scope).toBe('openid profile read:reports');
  });

  test('an Action that throws ends the login with an error naming the Action', async () => {
    const { callback } = await login(custom.issuer, 'nora@example.com', PASSWORD);
    expect(callback?.searchParams.get('error')).toBe('access_denied');
    expect(callback?.searchParams.get('error_description')).toBe(
      'Action "Add custom claims" threw: department lookup failed',
    );
    expect(custom.output()).toContain('Action "Add custom claims" threw: department lookup failed');
  });
});
