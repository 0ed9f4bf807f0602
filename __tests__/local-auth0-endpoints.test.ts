/**
 * The local Auth0's endpoints answer what a tenant answers, for what apps
 * and SDKs write against them: token-endpoint errors, JSON bodies, discovery,
 * the JWKS, /v2/logout, the signup screen and /userinfo. Each test names the
 * Auth0 documentation page the behaviour comes from.
 */
import crypto, { X509Certificate } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import {
  CookieJar,
  acceptScreens,
  authorizeUrl,
  follow,
  login,
  request,
  tokenRequest,
  tokensFor,
  type Client,
} from '@/services/auth0-local/browserless-login';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  startLocalAuth0,
  type LocalAuth0Process,
} from '@/services/auth0-local/test-server';
import { demoUsers } from '@/test-helpers/demo-users';
import { CLAIMS_NAMESPACE as NS } from '@/test-helpers/project';

const PORT = 4740;
const { password: PASSWORD } = demoUsers();
const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

let auth0: LocalAuth0Process;
let client: Client;
beforeAll(async () => {
  auth0 = await startLocalAuth0(PORT);
  client = auth0.client;
}, 30_000);
afterAll(() => auth0?.stop());

async function codeFor(email: string, params: Record<string, string> = {}) {
  const { callback } = await login(client, email, PASSWORD, params);
  const code = callback?.searchParams.get('code');
  if (!code) throw new Error(`no code for ${email}: ${callback}`);
  return code;
}

const exchange = (code: string, extra: Record<string, string> = {}) =>
  tokenRequest(client, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: client.redirectUri,
    ...extra,
  });

describe('token-endpoint errors, as Auth0 answers them (Authentication API: "Get Token")', () => {
  test('a wrong client secret: 401 access_denied "Unauthorized"', async () => {
    const answer = await tokenRequest(
      { ...client, clientSecret: 'not-the-secret' },
      { grant_type: 'authorization_code', code: 'whatever', redirect_uri: client.redirectUri },
    );
    expect(answer).toEqual({
      status: 401,
      body: { error: 'access_denied', error_description: 'Unauthorized' },
    });
  });

  test('the secret in a Basic header for a client_secret_post client: 401 "Unauthorized"', async () => {
    const answer = await fetch(new URL('oauth/token', client.issuer), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x' }).toString(),
    });
    expect(answer.status).toBe(401);
    expect(await answer.json()).toEqual({
      error: 'access_denied',
      error_description: 'Unauthorized',
    });
  });

  test.each(['client_credentials', 'password'])(
    'a grant the client does not have (%s): 403 unauthorized_client',
    async (grant) => {
      const answer = await tokenRequest(client, {
        grant_type: grant,
        username: 'sam@example.com',
        password: PASSWORD,
        audience: 'https://products-api.example.com',
      });
      expect(answer).toEqual({
        status: 403,
        body: {
          error: 'unauthorized_client',
          error_description: `Grant type '${grant}' not allowed for the client.`,
        },
      });
    },
  );

  test('an unknown or reused code: 403 invalid_grant "Invalid authorization code"', async () => {
    const invalid = { error: 'invalid_grant', error_description: 'Invalid authorization code' };
    expect(await exchange('not-a-code')).toEqual({ status: 403, body: invalid });

    const code = await codeFor('sam@example.com');
    expect((await exchange(code)).status).toBe(200);
    expect(await exchange(code)).toEqual({ status: 403, body: invalid });
  });

  test('a PKCE code verifier that does not match: 403 invalid_grant', async () => {
    const verifier = crypto.randomBytes(32).toString('base64url');
    const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
    const code = await codeFor('sam@example.com', {
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const wrong = await exchange(code, { code_verifier: 'x'.repeat(43) });
    expect(wrong).toEqual({
      status: 403,
      body: { error: 'invalid_grant', error_description: 'Failed to verify code verifier' },
    });
  });
});

test('JSON bodies at /oauth/token and /oauth/revoke, as Auth0 accepts them ("Get Token", "Revoke Refresh Token")', async () => {
  const { refresh_token } = await tokensFor(client, 'sam@example.com', PASSWORD);
  const json = (path: string, body: Record<string, string>) =>
    fetch(new URL(path, client.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, ...body }),
    });

  const refreshed = await json('oauth/token', {
    grant_type: 'refresh_token',
    refresh_token: refresh_token!,
  });
  expect(refreshed.status).toBe(200);
  expect(await refreshed.json()).toHaveProperty('access_token');

  const revoked = await json('oauth/revoke', { token: refresh_token! });
  expect(revoked.status).toBe(200);

  const after = await tokenRequest(client, {
    grant_type: 'refresh_token',
    refresh_token: refresh_token!,
  });
  expect(after).toEqual({
    status: 403,
    body: { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' },
  });
});

test('discovery lists only what a tenant lists, with its paths ("Configure Applications with OIDC Discovery")', async () => {
  const discovery = (await (
    await fetch(new URL('.well-known/openid-configuration', client.issuer))
  ).json()) as Record<string, unknown>;
  const at = (path: string) => new URL(path, client.issuer).toString();
  expect(discovery).toEqual({
    issuer: client.issuer,
    authorization_endpoint: at('authorize'),
    token_endpoint: at('oauth/token'),
    userinfo_endpoint: at('userinfo'),
    jwks_uri: at('.well-known/jwks.json'),
    revocation_endpoint: at('oauth/revoke'),
    scopes_supported: ['openid', 'profile', 'offline_access', 'email'],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['public'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    claims_supported: [
      'aud',
      'auth_time',
      'email',
      'email_verified',
      'exp',
      'iat',
      'iss',
      'name',
      'nickname',
      'picture',
      'sub',
    ],
    request_uri_parameter_supported: false,
    request_parameter_supported: false,
    id_token_signing_alg_values_supported: ['RS256'],
    end_session_endpoint: at('oidc/logout'),
  });
  // Nothing a tenant does not serve: no pushed authorization requests at oidc-provider's path.
  expect((await fetch(at('request'), { method: 'POST' })).status).toBe(404);
});

test('the JWKS carries x5c and x5t, and the ID token typ "JWT" ("JSON Web Key Set Properties", "ID Token Structure")', async () => {
  const { keys } = (await (
    await fetch(new URL('.well-known/jwks.json', client.issuer))
  ).json()) as { keys: Record<string, unknown>[] };
  expect(keys).toHaveLength(1);
  const [key] = keys;
  expect(Object.keys(key!)).toEqual(['kty', 'use', 'n', 'e', 'kid', 'x5t', 'x5c', 'alg']);
  const der = Buffer.from(String((key!.x5c as string[])[0]), 'base64');
  const certificate = new X509Certificate(der);
  expect(certificate.publicKey.export({ format: 'jwk' })).toEqual({
    kty: 'RSA',
    n: key!.n,
    e: key!.e,
  });
  expect(certificate.verify(certificate.publicKey)).toBe(true);
  expect(key!.x5t).toBe(crypto.createHash('sha1').update(der).digest('base64url'));

  const { id_token } = await tokensFor(client, 'sam@example.com', PASSWORD);
  expect(decodeProtectedHeader(id_token)).toEqual({ alg: 'RS256', typ: 'JWT', kid: key!.kid });
});

describe('/v2/logout (Authentication API: "Logout")', () => {
  async function loggedOut(jar: CookieJar) {
    const next = await follow(await request(authorizeUrl(client), jar), client, jar);
    expect(next).toBeInstanceOf(Response);
    expect(await (next as Response).text()).toContain('name="password"');
  }

  test('without returnTo: a redirect to the first Allowed Logout URL, the session ended', async () => {
    const { jar } = await login(client, 'sam@example.com', PASSWORD);
    const logout = await request(
      new URL(`v2/logout?client_id=${CLIENT_ID}`, client.issuer).toString(),
      jar,
    );
    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe('http://localhost:3999');
    await loggedOut(jar);
  });

  test('with returnTo: a plain 302 to it, no page in between', async () => {
    const { jar } = await login(client, 'sam@example.com', PASSWORD);
    const logout = await request(
      new URL(
        `v2/logout?client_id=${CLIENT_ID}&returnTo=${encodeURIComponent('http://localhost:3100')}`,
        client.issuer,
      ).toString(),
      jar,
    );
    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe('http://localhost:3100');
    expect(await logout.text()).not.toContain('<form');
    await loggedOut(jar);
  });

  test('a returnTo that is not an Allowed Logout URL: an error, the session kept', async () => {
    const { jar } = await login(client, 'sam@example.com', PASSWORD);
    const logout = await request(
      new URL(
        `v2/logout?client_id=${CLIENT_ID}&returnTo=${encodeURIComponent('https://elsewhere.example.com')}`,
        client.issuer,
      ).toString(),
      jar,
    );
    expect(logout.status).toBe(400);
    expect(await logout.text()).toContain('Allowed Logout URLs');
  });
});

describe('Universal Login screens ("Authentication API: Authorize Application": screen_hint, login_hint)', () => {
  test('login_hint pre-fills the email on the login form', async () => {
    const jar = new CookieJar();
    const page = await follow(
      await request(authorizeUrl(client, { login_hint: 'sam@example.com' }), jar),
      client,
      jar,
    );
    expect(await (page as Response).text()).toMatch(
      /<input id="username" name="username"[^>]*value="sam@example.com"/,
    );
  });

  test('screen_hint=signup shows the signup form, which creates the user and logs them in', async () => {
    const email = `new-${Date.now()}@example.com`;
    const jar = new CookieJar();
    const page = await follow(
      await request(authorizeUrl(client, { screen_hint: 'signup', login_hint: email }), jar),
      client,
      jar,
    );
    expect(page).toBeInstanceOf(Response);
    const signup = page as Response;
    expect(new URL(signup.url).pathname).toBe('/u/signup');
    const html = await signup.text();
    expect(html).toMatch(/<input id="email" name="email"[^>]*value="new-\d+@example.com"/);
    expect(html).toContain('name="password"');
    expect(html).toContain('name="action" value="default"');

    const submitted = await request(
      signup.url,
      jar,
      form({ email, password: 'A-new-passw0rd', action: 'default' }),
    );
    const back = await acceptScreens(await follow(submitted, client, jar), client, jar);
    expect(back).toBeInstanceOf(URL);
    const { body } = await exchange((back as URL).searchParams.get('code')!);
    expect(decodeJwt(String(body.id_token))).toMatchObject({
      email,
      sub: expect.stringMatching(/^auth0\|[0-9a-f]{24}$/),
    });

    // The new user logs in with their own password; signing up twice is refused.
    expect((await login(client, email, 'A-new-passw0rd')).callback).toBeInstanceOf(URL);
    const again = new CookieJar();
    const second = await follow(
      await request(authorizeUrl(client, { screen_hint: 'signup' }), again),
      client,
      again,
    );
    const refused = await request(
      (second as Response).url,
      again,
      form({ email, password: 'A-new-passw0rd', action: 'default' }),
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('The user already exists.');
  });
});

test('/userinfo returns the custom claims the Action set on the ID token ("Get User Info")', async () => {
  const { access_token } = await tokensFor(client, 'admin@example.com', PASSWORD);
  const userinfo = await fetch(new URL('userinfo', client.issuer), {
    headers: { authorization: `Bearer ${access_token}` },
  });
  expect(userinfo.status).toBe(200);
  expect(await userinfo.json()).toMatchObject({
    sub: 'auth0|admin',
    email: 'admin@example.com',
    [`${NS}/roles`]: ['admin'],
    [`${NS}/department`]: 'operations',
  });
});
