/**
 * The screens and checks of Auth0 that the local Auth0 reproduces, so code
 * that passes here does not meet them for the first time on a tenant:
 * consent and login confirmation for a callback URL Auth0 cannot verify
 * (http://localhost), the logout prompt without a matching `logout_hint`,
 * the client's one authentication method, and /userinfo with the API's JWT.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import {
  CookieJar,
  authorizeUrl,
  follow,
  login,
  request,
  tokenRequest,
  type Client,
} from '@/services/auth0-local/browserless-login';
import { writeTenantCopy } from '@/services/auth0-local/tenant-copy';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  startLocalAuth0,
  type LocalAuth0Process,
} from '@/services/auth0-local/test-server';

const PORT = 4690;
const PASSWORD = 'Passw0rd!';
const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

const started: { process: LocalAuth0Process; dir: string }[] = [];
afterAll(async () => {
  for (const { process, dir } of started) {
    await process.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A local Auth0 with its own data directory and, optionally, a changed tenant file. */
async function localAuth0(
  port: number,
  options: { client?: Record<string, boolean>; appBaseUrl?: string; postLoginAction?: string } = {},
): Promise<Client> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth0-local-prompts-'));
  let postLoginAction: string | undefined;
  if (options.postLoginAction) {
    postLoginAction = path.join(dir, 'test-action.js');
    fs.writeFileSync(postLoginAction, options.postLoginAction);
  }
  const env: Record<string, string> = {
    AUTH0_LOCAL_TENANT_FILE: writeTenantCopy(dir, { client: options.client, postLoginAction }),
  };
  if (options.appBaseUrl) env.APP_BASE_URL = options.appBaseUrl;
  const process = await startLocalAuth0(port, { dataDir: path.join(dir, 'data'), env });
  started.push({ process, dir });
  return process.client;
}

/** Submits the login form; returns the callback URL or the page shown next. */
async function submitLogin(client: Client, jar: CookieJar, email: string) {
  const page = await follow(await request(authorizeUrl(client), jar), client, jar);
  if (page instanceof URL) throw new Error(`expected the login page, got ${page}`);
  return follow(
    await request(page.url, jar, form({ username: email, password: PASSWORD, action: 'default' })),
    client,
    jar,
  );
}

/** Answers a screen (consent or confirmation) with its accept or deny button. */
async function answer(client: Client, jar: CookieJar, screen: Response, action: string) {
  return follow(await request(screen.url, jar, form({ action })), client, jar);
}

async function screenText(result: Response | URL): Promise<string> {
  expect(result).toBeInstanceOf(Response);
  const html = await (result as Response).text();
  expect(html).toContain('name="action" value="accept"');
  expect(html).toContain('name="action" value="deny"');
  return html;
}

function codeFrom(result: Response | URL): string {
  expect(result).toBeInstanceOf(URL);
  const code = (result as URL).searchParams.get('code');
  expect(code).toBeTruthy();
  return code!;
}

describe('a callback on localhost, which Auth0 cannot verify', () => {
  let client: Client;
  beforeAll(async () => (client = await localAuth0(PORT)), 30_000);

  test('the first login asks for consent; Decline returns access_denied to the app', async () => {
    const consent = await submitLogin(client, new CookieJar(), 'sam@example.com');
    expect(await screenText(consent)).toContain('Authorize App');
    // An answer counts only from the browser that logged in (its interaction cookie).
    const elsewhere = await answer(client, new CookieJar(), consent as Response, 'deny');
    expect(elsewhere).toBeInstanceOf(Response);
    expect((elsewhere as Response).status).toBe(400);

    const jar = new CookieJar();
    const again = await submitLogin(client, jar, 'sam@example.com');
    const back = await answer(client, jar, again as Response, 'deny');
    expect(back).toBeInstanceOf(URL);
    expect((back as URL).searchParams.get('error')).toBe('access_denied');
    expect((back as URL).searchParams.get('error_description')).toBe(
      'User did not authorize the request',
    );
  });

  test('consent is asked once per user: after Accept, the next login goes straight back', async () => {
    const jar = new CookieJar();
    const consent = await submitLogin(client, jar, 'admin@example.com');
    await screenText(consent);
    codeFrom(await answer(client, jar, consent as Response, 'accept'));
    // Another browser, the same user: the login form, then the app.
    codeFrom(await submitLogin(client, new CookieJar(), 'admin@example.com'));
  });

  test('single sign-on asks the user to confirm the login before returning to the app', async () => {
    const { jar, callback } = await login(client, 'sam@example.com', PASSWORD);
    codeFrom(callback!);

    const confirm = await follow(await request(authorizeUrl(client), jar), client, jar);
    const html = await screenText(confirm);
    expect(html).toContain('Confirm login');
    expect(html).toContain('http://localhost:3999');
    codeFrom(await answer(client, jar, confirm as Response, 'accept'));

    const again = await follow(await request(authorizeUrl(client), jar), client, jar);
    const cancelled = await answer(client, jar, again as Response, 'deny');
    expect((cancelled as URL).searchParams.get('error')).toBe('access_denied');
  });

  test('logout without a logout_hint naming the session asks first; with it, it does not', async () => {
    const { jar, callback } = await login(client, 'sam@example.com', PASSWORD);
    const { body } = await tokenRequest(client, {
      grant_type: 'authorization_code',
      code: codeFrom(callback!),
      redirect_uri: client.redirectUri,
    });
    const sid = decodeJwt(String(body.id_token)).sid;
    expect(sid).toEqual(expect.any(String));

    const logoutUrl = (hint?: string) => {
      const url = new URL('oidc/logout', client.issuer);
      url.searchParams.set('client_id', CLIENT_ID);
      url.searchParams.set('post_logout_redirect_uri', 'http://localhost:3999');
      if (hint) url.searchParams.set('logout_hint', hint);
      return url.toString();
    };
    for (const hint of [undefined, 'not-the-session']) {
      const prompt = await (await request(logoutUrl(hint), jar)).text();
      expect(prompt).toContain('Log out?');
      expect(prompt).toContain('name="action" value="accept"');
    }
    const silent = await (await request(logoutUrl(String(sid)), jar)).text();
    expect(silent).toContain('Logging out');
    expect(silent).not.toContain('name="action" value="accept"');
  });
});

test('skip_non_verifiable_callback_uri_confirmation_prompt: true lets single sign-on return at once', async () => {
  const client = await localAuth0(PORT + 1, {
    client: { skip_non_verifiable_callback_uri_confirmation_prompt: true },
  });
  const { jar, callback } = await login(client, 'sam@example.com', PASSWORD);
  codeFrom(callback!);
  codeFrom(await follow(await request(authorizeUrl(client), jar), client, jar));
}, 30_000);

test('a verifiable callback (https, not loopback): no consent for a first-party app, no confirmation', async () => {
  const client = await localAuth0(PORT + 2, { appBaseUrl: 'https://app.example.test' });
  const jar = new CookieJar();
  codeFrom(await submitLogin(client, jar, 'sam@example.com'));
  codeFrom(await follow(await request(authorizeUrl(client), jar), client, jar));
}, 30_000);

test('a single sign-on login with no screen still runs the Actions first: one that asks for a factor gets its challenge', async () => {
  // An Action that asks for a second factor when the login asks for French screens:
  // the same scopes as the first login, so only the Actions can stop this one.
  const client = await localAuth0(PORT + 4, {
    appBaseUrl: 'https://app.example.test',
    postLoginAction: `exports.onExecutePostLogin = async (event, api) => {
      if (String(event.transaction.ui_locales).includes('fr-CA')) api.multifactor.enable('any');
    };`,
  });
  const jar = new CookieJar();
  codeFrom(await submitLogin(client, jar, 'admin@example.com'));
  codeFrom(await follow(await request(authorizeUrl(client), jar), client, jar));
  const stepUp = await follow(
    await request(authorizeUrl(client, { ui_locales: 'fr-CA' }), jar),
    client,
    jar,
  );
  expect(stepUp).toBeInstanceOf(Response);
  expect(new URL((stepUp as Response).url).pathname).toBe('/u/mfa-otp-challenge');
}, 30_000);

describe('as on Auth0', () => {
  let client: Client;
  beforeAll(async () => (client = await localAuth0(PORT + 3)), 30_000);

  test('the token endpoint accepts only the configured client_secret_post', async () => {
    const codeFor = async () =>
      codeFrom((await login(client, 'sam@example.com', PASSWORD)).callback!);
    const basic = await fetch(new URL('oauth/token', client.issuer), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: await codeFor(),
        redirect_uri: client.redirectUri,
      }).toString(),
    });
    // Auth0's answer to a refused client authentication (local-auth0-endpoints.test.ts).
    expect(basic.status).toBe(401);
    expect(await basic.json()).toEqual({
      error: 'access_denied',
      error_description: 'Unauthorized',
    });

    const post = await tokenRequest(client, {
      grant_type: 'authorization_code',
      code: await codeFor(),
      redirect_uri: client.redirectUri,
    });
    expect(post.status).toBe(200);
  });

  test('/userinfo answers with the access token issued for the API', async () => {
    const { callback } = await login(client, 'sam@example.com', PASSWORD);
    const { body } = await tokenRequest(client, {
      grant_type: 'authorization_code',
      code: codeFrom(callback!),
      redirect_uri: client.redirectUri,
    });
    const accessToken = String(body.access_token);
    expect(decodeJwt(accessToken).aud).toContain(`${client.issuer}userinfo`);

    const userinfo = await fetch(new URL('userinfo', client.issuer), {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(userinfo.status).toBe(200);
    expect(await userinfo.json()).toMatchObject({
      sub: decodeJwt(accessToken).sub,
      email: 'sam@example.com',
      name: expect.any(String),
    });

    const tampered = await fetch(new URL('userinfo', client.issuer), {
      headers: { authorization: `Bearer ${accessToken.slice(0, -4)}AAAA` },
    });
    expect(tampered.status).toBe(401);
  });
});
