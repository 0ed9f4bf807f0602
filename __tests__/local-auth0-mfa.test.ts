/**
 * A second factor on the local Auth0, as Auth0 asks for one when a post-login
 * Action calls api.multifactor.enable ("Customize MFA Selection", "Configure
 * Step-up Authentication for APIs"): the one-time-password challenge and
 * enrolment screens after the Actions, `amr: ["mfa"]`, the `mfa` method of
 * event.authentication.methods in later logins and refreshes, `mfa_required`
 * on a refresh, and api.accessToken.removeScope.
 *
 * The test's own Action is rewritten before each test: the local Auth0 reads
 * it afresh at every run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { generate } from 'otplib';
import { parseDocument } from 'yaml';
import {
  CookieJar,
  authorizeUrl,
  exchangeCallback,
  loginInto,
  request,
  screenAt,
  submitScreen,
  tokenRequest,
  type Client,
} from '@/services/auth0-local/browserless-login';
import { writeTenantCopy } from '@/services/auth0-local/tenant-copy';
import { demoUsers } from '@/test-helpers/demo-users';
import { startLocalAuth0, type LocalAuth0Process } from '@/services/auth0-local/test-server';

const PORT = 4780;
const { password: PASSWORD } = demoUsers();
const ADMIN = 'admin@example.com';
const ADMIN_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const METHODS = 'https://test.example.com/methods';
const SCOPES = 'https://test.example.com/requested_scopes';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth0-local-mfa-'));
const actionFile = path.join(dir, 'mfa-action.js');
let auth0: LocalAuth0Process;
let client: Client;

/** The test's Action: reports what it saw, then runs `body`. */
function actionDoes(body: string) {
  fs.writeFileSync(
    actionFile,
    `exports.onExecutePostLogin = async (event, api) => {
      api.idToken.setCustomClaim('${METHODS}', event.authentication ? event.authentication.methods : null);
      api.idToken.setCustomClaim('${SCOPES}', event.transaction.requested_scopes);
      ${body}
    };`,
  );
}

beforeAll(async () => {
  actionDoes('');
  const tenant = parseDocument(
    fs.readFileSync(writeTenantCopy(dir, { postLoginAction: actionFile }), 'utf8'),
  );
  // The MFA settings a tenant with step-up has (Deploy CLI format).
  tenant.set('guardianFactors', [
    { name: 'otp', enabled: true },
    { name: 'sms', enabled: true },
  ]);
  tenant.set('guardianPolicies', { policies: [] });
  fs.writeFileSync(path.join(dir, 'tenant.yaml'), tenant.toString());
  auth0 = await startLocalAuth0(PORT, {
    dataDir: path.join(dir, 'data'),
    env: { AUTH0_LOCAL_TENANT_FILE: path.join(dir, 'tenant.yaml') },
  });
  client = auth0.client;
}, 30_000);
afterAll(async () => {
  await auth0?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/**
 * Logs in with the form (or, with the jar of an earlier login, through single
 * sign-on) and returns where that leads: the app's callback, or a page.
 */
async function startLogin(
  email: string,
  jar = new CookieJar(),
  params: Record<string, string> = {},
) {
  return { jar, at: await loginInto(authorizeUrl(client, params), client, jar, email, PASSWORD) };
}

const submitCode = (screenUrl: string, jar: CookieJar, fields: Record<string, string>) =>
  submitScreen(screenUrl, client, jar, fields);

const codeOf = (secret: string) => generate({ secret });

async function exchange(callback: Response | URL) {
  const { status, body } = await exchangeCallback(client, callback);
  expect(status).toBe(200);
  return { body, idToken: decodeJwt(String(body.id_token)) };
}

type Method = { name: string; timestamp: string };

/** Logs the admin in through the challenge: the tokens, and the jar of the session. */
async function adminWithMfa() {
  actionDoes(`api.multifactor.enable('any', { allowRememberBrowser: false });`);
  const { jar, at } = await startLogin(ADMIN);
  const screen = await screenAt(at);
  const passedAfter = Date.now();
  const tokens = await exchange(
    await submitCode(screen.url, jar, { code: await codeOf(ADMIN_SECRET), action: 'default' }),
  );
  return { jar, passedAfter, ...tokens };
}

test('start-up honours the OTP factor and the "never" policy, and lists the other factors', () => {
  const output = auth0.output();
  expect(output).toMatch(
    /guardianFactors: sms is enabled: the local Auth0 offers one-time passwords/,
  );
  expect(output).not.toMatch(/guardianFactors: not emulated|guardianPolicies/);
  expect(output).not.toMatch(/otp is not enabled/);
});

test('without api.multifactor.enable, the login returns to the app with no challenge', async () => {
  actionDoes('');
  const { at } = await startLogin(ADMIN);
  const { idToken } = await exchange(at);
  expect(idToken.amr).toBeUndefined();
  expect(idToken[METHODS]).toEqual([{ name: 'pwd', timestamp: expect.any(String) }]);
});

test('api.multifactor.enable: the challenge comes after the Actions, and a right code ends with amr mfa', async () => {
  actionDoes(
    `api.multifactor.enable('any', { allowRememberBrowser: false });
     api.idToken.setCustomClaim('https://test.example.com/after', 'ran');`,
  );
  const { jar, at } = await startLogin(ADMIN);
  const screen = await screenAt(at);
  expect(screen.status).toBe(200);
  expect(new URL(screen.url).pathname).toBe('/u/mfa-otp-challenge');
  expect(screen.html).toContain('<h1>Verify Your Identity</h1>');
  expect(screen.html).toMatch(/<label for="code">Enter your one-time code<\/label>/);
  expect(screen.html).toMatch(/<input id="code" name="code"/);
  expect(screen.html).toContain('name="action" value="default">Continue</button>');
  expect(screen.html).toContain('name="action" value="cancel">Cancel</button>');
  // A user who already has a secret is not shown it again.
  expect(screen.html).not.toContain(ADMIN_SECRET);

  const { idToken } = await exchange(
    await submitCode(screen.url, jar, { code: await codeOf(ADMIN_SECRET), action: 'default' }),
  );
  expect(idToken.amr).toEqual(['mfa']);
  expect(idToken['https://test.example.com/after']).toBe('ran');
  // The Actions ran before the factor: they saw the password only.
  expect((idToken[METHODS] as Method[]).map((m) => m.name)).toEqual(['pwd']);
});

test('a denial after api.multifactor.enable ends the login without a challenge', async () => {
  actionDoes(`api.multifactor.enable('any'); api.access.deny('Not today.');`);
  const { at } = await startLogin(ADMIN);
  expect(at).toBeInstanceOf(URL);
  expect(Object.fromEntries((at as URL).searchParams)).toMatchObject({
    error: 'access_denied',
    error_description: 'Not today.',
  });
});

test('a wrong code shows the challenge again with a message; a right one still passes', async () => {
  actionDoes(`api.multifactor.enable('any');`);
  const { jar, at } = await startLogin(ADMIN);
  const screen = await screenAt(at);
  const wrong = await submitCode(screen.url, jar, { code: '000000', action: 'default' });
  const again = await screenAt(wrong);
  expect(again.status).toBe(400);
  expect(again.url).toBe(screen.url);
  expect(again.html).toMatch(
    /<span id="error-element-code" class="ulp-input-error-message" role="alert">That code is not right, try again<\/span>/,
  );
  expect(again.html).toContain('aria-invalid="true"');
  const { idToken } = await exchange(
    await submitCode(screen.url, jar, { code: await codeOf(ADMIN_SECRET), action: 'default' }),
  );
  expect(idToken.amr).toEqual(['mfa']);
});

test('five wrong codes end the login with access_denied', async () => {
  actionDoes(`api.multifactor.enable('any');`);
  const { jar, at } = await startLogin(ADMIN);
  const screen = await screenAt(at);
  for (let attempt = 1; attempt < 5; attempt++) {
    const wrong = await submitCode(screen.url, jar, { code: '000000', action: 'default' });
    expect(wrong).toBeInstanceOf(Response);
  }
  const last = await submitCode(screen.url, jar, { code: '000000', action: 'default' });
  expect(last).toBeInstanceOf(URL);
  expect(Object.fromEntries((last as URL).searchParams)).toMatchObject({
    error: 'access_denied',
    error_description: 'Too many wrong one-time codes: the second factor was not completed',
  });
  // The login is over: a right code now changes nothing.
  const late = await request(
    screen.url,
    jar,
    form({ code: await codeOf(ADMIN_SECRET), action: 'default' }),
  );
  expect(late.status).toBeGreaterThanOrEqual(400);
});

test('Cancel returns to the app with access_denied', async () => {
  actionDoes(`api.multifactor.enable('any');`);
  const { jar, at } = await startLogin(ADMIN);
  const screen = await screenAt(at);
  const cancelled = await submitCode(screen.url, jar, { action: 'cancel' });
  expect(cancelled).toBeInstanceOf(URL);
  expect((cancelled as URL).pathname).toBe('/auth/callback');
  expect(Object.fromEntries((cancelled as URL).searchParams)).toMatchObject({
    error: 'access_denied',
    error_description: 'The second factor was not completed: the user cancelled the login',
  });
});

test('a later login in the session sees the factor in event.authentication.methods', async () => {
  const { jar, passedAfter } = await adminWithMfa();
  actionDoes('');
  const { at } = await startLogin(ADMIN, jar);
  const { idToken } = await exchange(at);
  const methods = idToken[METHODS] as Method[];
  expect(methods.map((m) => m.name)).toEqual(['pwd', 'mfa']);
  const mfaAt = Date.parse(methods[1]!.timestamp);
  expect(mfaAt).toBeGreaterThanOrEqual(Math.floor(passedAfter / 1000) * 1000);
  expect(mfaAt).toBeLessThanOrEqual(Date.now());
  expect(idToken.amr).toEqual(['mfa']);
});

test("a refresh sees its login's factor; a later password-only login of the session does not", async () => {
  const { body, jar } = await adminWithMfa();
  actionDoes('');
  const refreshed = await tokenRequest(client, {
    grant_type: 'refresh_token',
    refresh_token: String(body.refresh_token),
  });
  expect(refreshed.status).toBe(200);
  const methods = decodeJwt(String(refreshed.body.id_token))[METHODS] as Method[];
  expect(methods.map((m) => m.name)).toEqual(['pwd', 'mfa']);

  // The same browser logs in again with the password alone.
  // (prompt=consent as well: with a prompt, the local Auth0 issues a refresh token only with it.)
  const { at } = await startLogin(ADMIN, jar, { prompt: 'login consent' });
  const plain = await exchange(at);
  expect(plain.idToken.amr).toBeUndefined();
  const plainRefresh = await tokenRequest(client, {
    grant_type: 'refresh_token',
    refresh_token: String(plain.body.refresh_token),
  });
  const plainMethods = decodeJwt(String(plainRefresh.body.id_token))[METHODS] as Method[];
  expect(plainMethods.map((m) => m.name)).toEqual(['pwd']);
});

test('a refresh whose Action calls api.multifactor.enable gets 403 mfa_required', async () => {
  actionDoes('');
  const { at } = await startLogin(ADMIN);
  const { body } = await exchange(at);
  actionDoes(`api.multifactor.enable('any', { allowRememberBrowser: false });`);
  const refreshed = await tokenRequest(client, {
    grant_type: 'refresh_token',
    refresh_token: String(body.refresh_token),
  });
  expect(refreshed).toEqual({
    status: 403,
    body: {
      error: 'mfa_required',
      error_description: 'Multifactor authentication required',
      mfa_token: expect.stringMatching(/^[\w-]{20,}$/),
    },
  });
});

test('api.accessToken.removeScope drops the scope from the token and the response, on refresh and login', async () => {
  actionDoes(
    `if (event.transaction.protocol === 'oauth2-refresh-token') api.accessToken.removeScope('create:products');`,
  );
  const writeScope = { scope: 'openid profile email offline_access read:products create:products' };
  const { at } = await startLogin(ADMIN, new CookieJar(), writeScope);
  const { body } = await exchange(at);
  expect(String(body.scope).split(' ')).toContain('create:products');
  const refreshed = await tokenRequest(client, {
    grant_type: 'refresh_token',
    refresh_token: String(body.refresh_token),
  });
  expect(refreshed.status).toBe(200);
  // The refresh asks for what its login asked for.
  expect(decodeJwt(String(refreshed.body.id_token))[SCOPES]).toEqual(
    expect.arrayContaining(['openid', 'read:products', 'create:products']),
  );
  expect(refreshed.body.scope).toBe('openid profile email offline_access read:products');
  expect(decodeJwt(String(refreshed.body.access_token)).scope).toBe(refreshed.body.scope);

  actionDoes(`api.accessToken.removeScope('create:products');`);
  const login = await exchange((await startLogin(ADMIN, new CookieJar(), writeScope)).at);
  expect(login.body.scope).toBe('openid profile email offline_access read:products');
  expect(decodeJwt(String(login.body.access_token)).scope).toBe(login.body.scope);
});

test('a user without a secret enrols: a QR code and the secret, then a code from it', async () => {
  actionDoes(`api.multifactor.enable('any');`);
  const { jar, at } = await startLogin('sam@example.com');
  const screen = await screenAt(at);
  expect(new URL(screen.url).pathname).toBe('/u/mfa-otp-enrollment-qr');
  expect(screen.html).toContain('<h1>Secure Your Account</h1>');
  expect(screen.html).toMatch(
    /<div class="qr" role="img" aria-label="QR code for your authenticator app"><svg /,
  );
  const secret = /<code id="secret">([A-Z2-7]+)<\/code>/.exec(screen.html)?.[1];
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  // A wrong code keeps the same secret on the screen.
  const wrong = await screenAt(
    await submitCode(screen.url, jar, { code: '000000', action: 'default' }),
  );
  expect(wrong.html).toContain(`<code id="secret">${secret}</code>`);
  expect(wrong.html).toContain('That code is not right, try again');

  const { idToken } = await exchange(
    await submitCode(screen.url, jar, { code: await codeOf(secret!), action: 'default' }),
  );
  expect(idToken.amr).toEqual(['mfa']);

  // Enrolled: the next login challenges with the same secret.
  const next = await startLogin('sam@example.com');
  const challenge = await screenAt(next.at);
  expect(new URL(challenge.url).pathname).toBe('/u/mfa-otp-challenge');
  const passed = await exchange(
    await submitCode(challenge.url, next.jar, { code: await codeOf(secret!), action: 'default' }),
  );
  expect(passed.idToken.amr).toEqual(['mfa']);
});

test("api.multifactor.enable('duo') ends the login: the local Auth0 offers one-time passwords only", async () => {
  actionDoes(`api.multifactor.enable('duo');`);
  const { at } = await startLogin(ADMIN);
  expect(at).toBeInstanceOf(URL);
  expect((at as URL).searchParams.get('error')).toBe('access_denied');
  expect((at as URL).searchParams.get('error_description')).toMatch(
    /api\.multifactor\.enable\('duo'\) is not supported by the local Auth0/,
  );
});
