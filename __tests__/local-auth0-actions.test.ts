/**
 * What a user's own post-login Action sees on the local Auth0, over real
 * logins: the `event` of Auth0's "Post-login event object" for what the local
 * Auth0 can know, the secrets it declares ("Handle Secrets"), Auth0's 20 s
 * limit ("Actions Limitations"), the standard claims it cannot override
 * ("Create Custom Claims"), the users' `email_verified`, `blocked` and
 * `created_at` ("Block and Unblock Users"), and the start-up warnings for
 * what the local Auth0 does not honour in tenant.yaml.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { parseDocument } from 'yaml';
import {
  CookieJar,
  acceptScreens,
  authorizeUrl,
  follow,
  login,
  request,
  tokenRequest,
  type Client,
} from '@/services/auth0-local/browserless-login';
import { writeTenantCopy } from '@/services/auth0-local/tenant-copy';
import { demoUsers } from '@/test-helpers/demo-users';
import { startLocalAuth0, type LocalAuth0Process } from '@/services/auth0-local/test-server';

const PORT = 4760;
const { password: PASSWORD } = demoUsers();
const EVENT_CLAIM = 'https://test.example.com/event';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth0-local-actions-event-'));
let auth0: LocalAuth0Process;
let client: Client;

beforeAll(async () => {
  const actionFile = path.join(dir, 'event-action.js');
  fs.writeFileSync(
    actionFile,
    `exports.onExecutePostLogin = async (event, api) => {
      if (event.user.email === 'nora@example.com') await new Promise((r) => setTimeout(r, 60000));
      api.idToken.setCustomClaim('${EVENT_CLAIM}', event);
      api.idToken.setCustomClaim('given_name', 'Mallory');
      api.accessToken.setCustomClaim('sub', 'someone-else');
    };`,
  );
  const tenant = parseDocument(
    fs.readFileSync(writeTenantCopy(dir, { postLoginAction: actionFile }), 'utf8'),
  );
  tenant.setIn(
    ['actions', 0, 'secrets'],
    [
      { name: 'API_KEY', value: '##TEST_ACTION_API_KEY##' },
      { name: 'WEBHOOK_TOKEN', value: '##TEST_ACTION_UNSET_TOKEN##' },
    ],
  );
  tenant.setIn(['clients', 0, 'client_metadata'], { tier: 'gold' });
  tenant.setIn(['clients', 0, 'jwt_configuration', 'alg'], 'HS256');
  tenant.setIn(['resourceServers', 0, 'signing_alg'], 'HS256');
  tenant.setIn(['resourceServers', 0, 'token_lifetime_for_web'], 7200);
  tenant.set('connections', [{ name: 'google-oauth2', strategy: 'google-oauth2' }]);
  fs.writeFileSync(path.join(dir, 'tenant.yaml'), tenant.toString());

  const users = parseDocument(fs.readFileSync('auth0/local-users.yaml', 'utf8'));
  const list = users.toJS().users as { email: string }[];
  const at = (email: string) => list.findIndex((user) => user.email === email);
  users.setIn(['users', at('sam@example.com'), 'created_at'], '2024-01-02T03:04:05.000Z');
  users.setIn(['users', at('admin@example.com'), 'email_verified'], false);
  users.addIn(['users'], {
    user_id: 'auth0|bob',
    email: 'bob@example.com',
    name: 'Bob Blocked',
    nickname: 'bob',
    blocked: true,
  });
  fs.writeFileSync(path.join(dir, 'users.yaml'), users.toString());

  auth0 = await startLocalAuth0(PORT, {
    dataDir: path.join(dir, 'data'),
    env: {
      AUTH0_LOCAL_TENANT_FILE: path.join(dir, 'tenant.yaml'),
      AUTH0_LOCAL_USERS_FILE: path.join(dir, 'users.yaml'),
      AUTH0_LOCAL_ACTIONS_TIMEOUT_MS: '1500',
      TEST_ACTION_API_KEY: 'key-from-the-environment',
    },
  });
  client = auth0.client;
}, 30_000);
afterAll(async () => {
  await auth0?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Event = Record<string, Record<string, unknown>>;

/** Logs in as a browser would, with its own headers and /authorize parameters. */
async function logIn(email: string, params: Record<string, string> = {}) {
  const jar = new CookieJar();
  const headers = { 'user-agent': 'EventTest/1.0', 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' };
  const page = await follow(
    await request(authorizeUrl(client, params), jar, { headers }),
    client,
    jar,
  );
  if (page instanceof URL) throw new Error(`no login page: ${page}`);
  const submitted = await request(page.url, jar, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      username: email,
      password: PASSWORD,
      action: 'default',
    }).toString(),
  });
  const callback = await acceptScreens(await follow(submitted, client, jar), client, jar);
  if (!(callback instanceof URL)) throw new Error(`no redirect: ${await callback.text()}`);
  return callback;
}

async function tokensFor(email: string, params: Record<string, string> = {}) {
  const callback = await logIn(email, params);
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`no code: ${callback}`);
  const { body } = await tokenRequest(client, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: client.redirectUri,
  });
  const idToken = decodeJwt(String(body.id_token));
  return { body, idToken, event: idToken[EVENT_CLAIM] as Event };
}

test('start-up lists, in one warning block, every tenant.yaml setting the local Auth0 does not honour', () => {
  const output = auth0.output();
  const block = output.match(
    /WARNING .*tenant\.yaml has settings the local Auth0 does not honour[^\n]*\n((?: {2}- [^\n]*\n)+)/,
  );
  expect(block).not.toBeNull();
  const lines = block![1]!;
  expect(lines).toMatch(/clients\[0\]\.jwt_configuration\.alg: HS256/);
  expect(lines).toMatch(/resourceServers\[0\]\.signing_alg: HS256/);
  expect(lines).toMatch(/resourceServers\[0\]\.token_lifetime_for_web/);
  expect(lines).toMatch(/^ {2}- connections/m);
  expect(output.indexOf('does not honour')).toBeLessThan(output.indexOf('[auth0-local] listening'));
});

test('event.secrets: the values from the environment, and a start-up warning for a secret without one', async () => {
  expect(auth0.output()).toMatch(
    /WARNING Action "Add custom claims" declares the secret WEBHOOK_TOKEN[^\n]*TEST_ACTION_UNSET_TOKEN is not set/,
  );
  const { event } = await tokensFor('nora@example.com'.replace('nora', 'sam'));
  expect(event.secrets).toEqual({ API_KEY: 'key-from-the-environment' });
});

test("the event follows Auth0's post-login event for what the local Auth0 knows", async () => {
  const params = { login_hint: 'sam@example.com', ui_locales: 'fr-CA en' };
  const first = await tokensFor('sam@example.com', params);
  const second = await tokensFor('sam@example.com', params);
  const { event } = second;

  expect(second.event.stats!.logins_count).toBe(Number(first.event.stats!.logins_count) + 1);
  expect(event.user).toMatchObject({
    user_id: 'auth0|sales',
    email_verified: true,
    created_at: '2024-01-02T03:04:05.000Z',
    last_login: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
  });
  expect(event.authentication).toEqual({
    methods: [{ name: 'pwd', timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }],
  });
  expect(event.session).toEqual({ id: second.idToken.sid });
  expect(event.request).toMatchObject({
    hostname: 'localhost',
    user_agent: 'EventTest/1.0',
    language: 'fr-CA',
    method: 'GET',
    ip: expect.stringMatching(/^(127\.0\.0\.1|::1)$/),
    query: expect.objectContaining({ login_hint: 'sam@example.com', client_id: client.clientId }),
  });
  expect(event.transaction).toMatchObject({
    protocol: 'oidc-basic-profile',
    login_hint: 'sam@example.com',
    ui_locales: ['fr-CA', 'en'],
    requested_scopes: expect.arrayContaining(['openid', 'offline_access']),
    redirect_uri: client.redirectUri,
    state: 'state-123',
  });
  expect(event.client).toMatchObject({ client_id: client.clientId, metadata: { tier: 'gold' } });
  // What the local Auth0 cannot know is absent, not made up.
  expect(event.request).not.toHaveProperty('geoip');
  expect(event).not.toHaveProperty('organization');
  expect(event.user).not.toHaveProperty('last_password_reset');

  // A refresh is not a login: same count, and the request is the app's POST to /oauth/token.
  const refreshed = await tokenRequest(client, {
    grant_type: 'refresh_token',
    refresh_token: String(second.body.refresh_token),
  });
  const refreshEvent = decodeJwt(String(refreshed.body.id_token))[EVENT_CLAIM] as Event;
  expect(refreshEvent.transaction!.protocol).toBe('oauth2-refresh-token');
  expect(refreshEvent.request!.method).toBe('POST');
  expect(refreshEvent.stats!.logins_count).toBe(event.stats!.logins_count);
  expect(refreshEvent.session).toEqual({ id: second.idToken.sid });
});

test('a user without created_at keeps the date the local Auth0 first saw them', async () => {
  const first = await tokensFor('admin@example.com');
  await new Promise((resolve) => setTimeout(resolve, 10));
  const second = await tokensFor('admin@example.com');
  expect(first.event.user!.created_at).toEqual(expect.stringMatching(/^\d{4}-/));
  expect(second.event.user!.created_at).toBe(first.event.user!.created_at);
});

test('email_verified from local-users.yaml reaches the event and the ID token', async () => {
  const { event, idToken } = await tokensFor('admin@example.com');
  expect(event.user!.email_verified).toBe(false);
  expect(idToken.email_verified).toBe(false);
});

test('a blocked user is refused as on Auth0: unauthorized, "user is blocked"', async () => {
  const { callback } = await login(client, 'bob@example.com', PASSWORD);
  expect(callback?.searchParams.get('error')).toBe('unauthorized');
  expect(callback?.searchParams.get('error_description')).toBe('user is blocked');
});

test('an Action that runs past the time limit ends the login with access_denied', async () => {
  const { callback } = await login(client, 'nora@example.com', PASSWORD);
  expect(callback?.searchParams.get('error')).toBe('access_denied');
  expect(callback?.searchParams.get('error_description')).toMatch(/timed out/);
}, 15_000);

test('an Action cannot override a standard claim: ignored, with a line in the output', async () => {
  const { body, idToken } = await tokensFor('sam@example.com');
  expect(idToken).not.toHaveProperty('given_name');
  expect(decodeJwt(String(body.access_token)).sub).toBe('auth0|sales');
  expect(auth0.output()).toMatch(/setCustomClaim\('given_name'\) is ignored/);
  expect(auth0.output()).toMatch(/setCustomClaim\('sub'\) is ignored/);
});
