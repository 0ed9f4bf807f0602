/**
 * Auth0 answering badly, with the real SDK against the real local Auth0:
 * each request is judged by its own calls to Auth0, a session ends only when
 * Auth0 says it is over, and the shared refresh (lib/auth0-fetch.ts) never
 * hands on an answer the SDK refused, an oversized one, or one whose refresh
 * token was revoked at logout.
 *
 * Auth0 and the SDK are real; only the network between them is simulated:
 * a spy on `fetch` answers chosen refreshes in Auth0's own shapes (503, 429
 * with Retry-After, 401 for refused client credentials, a tampered ID token,
 * a 40 MB body) and lets everything else through.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { tokensFor, type Client } from '@/services/auth0-local/browserless-login';
import { writeTenantCopy } from '@/services/auth0-local/tenant-copy';
import { Browser, startApp, type App } from '@/test-helpers/app-in-process';
import { listen } from '@/test-helpers/listen';
import { startLocalAuth0, type LocalAuth0Process } from '@/services/auth0-local/test-server';
import { exampleEnv } from '@/test-helpers/project';
import { expiredSessionCookie, sessionCookie } from '@/test-helpers/session-cookie';

const PORT = 4670;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth0-faults-'));

let auth0: LocalAuth0Process;
let client: Client;
let upstream: http.Server;
let app: App;

/** What a fault answers instead of Auth0, or undefined to let the call through. */
type Fault = (call: {
  url: string;
  body: URLSearchParams;
  passThrough: () => Promise<Response>;
}) => Promise<Response> | undefined;

let fault: Fault | undefined;
/** Which access tokens the products API refuses as expired (its clock runs ahead, say). */
let apiRefuses: (token: string) => boolean = () => false;
const tokensSeenByApi: string[] = [];
const refreshesSent: string[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

beforeAll(async () => {
  auth0 = await startLocalAuth0(PORT, {
    env: {
      // Long enough that a renewal's answer is kept for the full 10 s.
      AUTH0_LOCAL_TENANT_FILE: writeTenantCopy(dir, { accessTokenLifetime: 60 }),
      AUTH0_LOCAL_USERS_FILE: path.resolve('auth0/local-users.yaml'),
      AUTH0_CLIENT_ID: exampleEnv.AUTH0_CLIENT_ID!,
      AUTH0_CLIENT_SECRET: exampleEnv.AUTH0_CLIENT_SECRET!,
      APP_BASE_URL: exampleEnv.APP_BASE_URL!,
    },
  });
  client = {
    ...auth0.client,
    clientId: exampleEnv.AUTH0_CLIENT_ID!,
    clientSecret: exampleEnv.AUTH0_CLIENT_SECRET!,
  };
  upstream = http.createServer((req, res) => {
    const token = String(req.headers.authorization).replace('Bearer ', '');
    tokensSeenByApi.push(token);
    res.setHeader('content-type', 'application/json');
    if (apiRefuses(token)) {
      // What express-oauth2-jwt-bearer answers for an expired token.
      res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' });
      return res.end(
        JSON.stringify({ error: 'invalid_token', message: '"exp" claim timestamp check failed' }),
      );
    }
    res.end('{"products":[]}');
  });
  Object.assign(process.env, exampleEnv, {
    AUTH0_DOMAIN: `http://localhost:${PORT}`,
    PRODUCTS_API_URL: await listen(upstream),
  });
  app = await startApp();
}, 30_000);

afterAll(async () => {
  await app?.stop();
  await new Promise((done) => upstream?.close(done));
  await auth0?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  fault = undefined;
  apiRefuses = () => false;
  refreshesSent.length = 0;
  tokensSeenByApi.length = 0;
  // The SDK logs each failed refresh and revocation.
  jest.spyOn(console, 'error').mockImplementation(() => {});
  jest.spyOn(console, 'warn').mockImplementation(() => {});
  // Restored after each test (jest.setup.ts), so installed before each.
  const original = globalThis.fetch;
  jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const sent = init?.body;
    const body = new URLSearchParams(
      typeof sent === 'string' || sent instanceof URLSearchParams ? sent : '',
    );
    const passThrough = () => original(input, init);
    if (body.get('grant_type') === 'refresh_token') refreshesSent.push(body.get('refresh_token')!);
    return fault?.({ url, body, passThrough }) ?? passThrough();
  });
});

/** A real login's tokens in a session cookie whose access token has expired: the next call renews it. */
const expiredSession = (email = 'sam@example.com') => expiredSessionCookie(client, email);

const refreshOf = (refreshToken: string, body: URLSearchParams) =>
  body.get('grant_type') === 'refresh_token' && body.get('refresh_token') === refreshToken;

test('one user’s refreshes failing while another logs out: the logout is judged by its own calls, and reaches Auth0', async () => {
  const failing = await expiredSession('sam@example.com');
  const admin = await tokensFor(client, 'admin@example.com', 'Passw0rd!');
  const leavingCookie = await sessionCookie({
    user: { sub: 'admin@example.com' },
    tokenSet: { accessToken: admin.access_token, refreshToken: admin.refresh_token },
  });
  // Sam's refreshes fail with a 503 while the admin's logout is waiting for its revocation.
  fault = ({ url, body, passThrough }) => {
    if (refreshOf(failing.refreshToken, body)) {
      return sleep(20).then(() => json(503, { error: 'temporarily_unavailable' }));
    }
    if (url.endsWith('/oauth/revoke')) return sleep(80).then(passThrough);
    return undefined;
  };

  for (let round = 0; round < 5; round++) {
    const [logout, ...calls] = await Promise.all([
      app.proxy('/auth/logout', leavingCookie),
      ...Array.from({ length: 4 }, () => app.get('/api/products', failing.cookie)),
    ]);
    expect(calls.map((call) => call.status)).toEqual([503, 503, 503, 503]);
    expect(logout.status).toBe(307);
    expect(logout.headers.get('location')).toContain(`${auth0.issuer}oidc/logout`);
  }
}, 30_000);

test('a logout whose own revocation finds Auth0 down says so, and still signs the browser out', async () => {
  const admin = await tokensFor(client, 'admin@example.com', 'Passw0rd!');
  const cookie = await sessionCookie({
    user: { sub: 'admin@example.com' },
    tokenSet: { accessToken: admin.access_token, refreshToken: admin.refresh_token },
  });
  fault = ({ url }) =>
    url.endsWith('/oauth/revoke') ? Promise.reject(new TypeError('fetch failed')) : undefined;

  const logout = await app.proxy('/auth/logout', cookie);
  const location = new URL(logout.headers.get('location')!);
  expect(location.pathname).toBe('/auth-error');
  expect(location.searchParams.get('error')).toBe('logout_auth0_unreachable');
  const browser = Browser.withCookie(cookie);
  browser.receive(logout);
  expect(browser.signedIn).toBe(false);
});

test('a rate limit keeps the session, says when to try again, and no refresh is sent before then', async () => {
  const session = await expiredSession();
  fault = ({ body }) =>
    body.get('grant_type') === 'refresh_token'
      ? Promise.resolve(
          json(
            429,
            { error: 'too_many_requests', error_description: 'Global limit has been reached' },
            { 'retry-after': '1' },
          ),
        )
      : undefined;

  const limited = await app.get('/api/products', session.cookie);
  expect(limited.status).toBe(503);
  expect(limited.headers.get('retry-after')).toBe('1');
  expect(await limited.json()).toEqual({
    error: 'auth0_rate_limited',
    message: expect.stringMatching(/Try again in 1 seconds/),
  });
  // A page load keeps the cookie: the session is not over.
  const page = await app.proxy('/products', session.cookie);
  expect(page.headers.getSetCookie()).toEqual([]);
  // Until Retry-After has passed, Auth0 is not asked again for this session.
  expect((await app.get('/api/products', session.cookie)).status).toBe(503);
  expect(refreshesSent).toHaveLength(1);

  fault = undefined;
  await sleep(1100);
  expect((await app.get('/api/products', session.cookie)).status).toBe(200);
  expect(refreshesSent).toHaveLength(2);
});

test('Auth0 refusing the app’s own credentials keeps every session, and tells the operator once', async () => {
  // What Auth0 answers for a wrong client secret.
  fault = ({ body }) =>
    body.get('grant_type') === 'refresh_token'
      ? Promise.resolve(json(401, { error: 'access_denied', error_description: 'Unauthorized' }))
      : undefined;

  for (const email of ['sam@example.com', 'admin@example.com']) {
    const session = await expiredSession(email);
    const api = await app.get('/api/products', session.cookie);
    expect(api.status).toBe(503);
    expect(await api.json()).toMatchObject({ error: 'auth0_misconfigured' });
    const page = await app.proxy('/profile', session.cookie);
    expect(page.headers.getSetCookie()).toEqual([]);
  }
  const operatorMessages = (console.error as jest.Mock).mock.calls.filter(([message]) =>
    String(message).includes('AUTH0_CLIENT_SECRET'),
  );
  expect(operatorMessages).toHaveLength(1);
});

test('a user Auth0 refuses to renew (a revoked refresh token) is signed out everywhere', async () => {
  const session = await expiredSession();
  fault = ({ body }) =>
    body.get('grant_type') === 'refresh_token'
      ? Promise.resolve(json(400, { error: 'invalid_grant', error_description: 'revoked' }))
      : undefined;
  expect((await app.get('/api/products', session.cookie)).status).toBe(401);
  const browser = Browser.withCookie(session.cookie);
  browser.receive(await app.proxy('/products', session.cookie));
  expect(browser.signedIn).toBe(false);
});

test('a session the SDK split into chunks ends whole: no chunk is left for the SDK to read', async () => {
  const { auth0: sdk } = await import('@/lib/auth0');
  const sessionIn = (browser: Browser) =>
    sdk.getSession(
      new NextRequest(process.env.APP_BASE_URL!, { headers: { cookie: browser.cookie } }),
    );
  const session = await expiredSession();
  // The first renewal answers a token large enough that the SDK writes the
  // session in chunks (a user with many roles or groups gets there too); then
  // Auth0 refuses to renew it.
  let refreshes = 0;
  fault = ({ body }) => {
    if (body.get('grant_type') !== 'refresh_token') return undefined;
    if (++refreshes > 1) return Promise.resolve(json(400, { error: 'invalid_grant' }));
    const large = { access_token: 'a'.repeat(6000), token_type: 'Bearer', expires_in: 1 };
    return Promise.resolve(json(200, large));
  };
  const browser = Browser.withCookie(session.cookie);
  browser.receive(await app.proxy('/products', browser.cookie));
  const chunks = browser.cookieNames.filter((name) => name.startsWith('__session'));
  expect(chunks.length).toBeGreaterThan(1);
  expect(chunks).not.toContain('__session');
  expect((await sessionIn(browser))?.tokenSet.accessToken).toBe('a'.repeat(6000));

  await sleep(1_100); // the large token expires: the next page load renews it, and Auth0 refuses
  browser.receive(await app.proxy('/products', browser.cookie));
  expect(refreshes).toBe(2);
  expect(browser.signedIn).toBe(false);
  expect(await sessionIn(browser)).toBeNull();
});

test('an answer the SDK refuses (an ID token for another app) is not handed to the next request', async () => {
  const session = await expiredSession();
  fault = ({ body, passThrough }) => {
    if (body.get('grant_type') !== 'refresh_token') return undefined;
    fault = undefined; // Once: the fault passes.
    return passThrough().then(async (response) => {
      const tokens = (await response.json()) as { id_token: string };
      const [header, payload, signature] = tokens.id_token.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const forOtherApp = Buffer.from(JSON.stringify({ ...claims, aud: 'another-app' }));
      const idToken = `${header}.${forOtherApp.toString('base64url')}.${signature}`;
      return json(200, { ...tokens, id_token: idToken });
    });
  };
  expect((await app.get('/api/products', session.cookie)).status).toBe(503);
  expect((await app.get('/api/products', session.cookie)).status).toBe(200);
  expect(refreshesSent).toHaveLength(2);
});

test('a huge answer is refused while it is read, and not kept', async () => {
  const session = await expiredSession();
  let bytesRead = 0;
  const chunk = new Uint8Array(64 * 1024).fill(32);
  fault = ({ body }) => {
    if (body.get('grant_type') !== 'refresh_token') return undefined;
    fault = undefined;
    let left = 40 * 1024 * 1024;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (left <= 0) return controller.close();
        bytesRead += chunk.byteLength;
        left -= chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return Promise.resolve(
      new Response(stream, { status: 200, headers: { 'content-type': 'application/json' } }),
    );
  };
  expect((await app.get('/api/products', session.cookie)).status).toBe(503);
  expect(bytesRead).toBeLessThan(2 * 1024 * 1024);
  expect((await app.get('/api/products', session.cookie)).status).toBe(200);
});

test('logout drops the kept renewal: a cookie copied before it stops working at once', async () => {
  const session = await expiredSession();
  const browser = Browser.withCookie(session.cookie);
  const renewed = await app.get('/api/products', session.cookie);
  expect(renewed.status).toBe(200);
  browser.receive(renewed);

  const logout = await app.proxy('/auth/logout', browser.cookie);
  expect(logout.headers.get('location')).toContain(`${auth0.issuer}oidc/logout`);

  // The copy still carries the expired access token: only a renewal could
  // make it work, and Auth0 refuses the revoked refresh token.
  const replay = await app.get('/api/products', session.cookie);
  expect(replay.status).toBe(401);
  expect(await replay.json()).toMatchObject({ error: 'failed_to_refresh_token' });
});

test('the API refuses a token the app took for valid (clocks apart): renewed once, the call retried once', async () => {
  const tokens = await tokensFor(client, 'sam@example.com', 'Passw0rd!');
  const cookie = await sessionCookie({
    user: { sub: 'sam@example.com' },
    tokenSet: { accessToken: tokens.access_token, refreshToken: tokens.refresh_token },
  });
  apiRefuses = (token) => token === tokens.access_token;
  const response = await app.get('/api/products', cookie);
  expect(response.status).toBe(200);
  expect(refreshesSent).toHaveLength(1);
  expect(tokensSeenByApi).toHaveLength(2);
  expect(tokensSeenByApi[1]).not.toBe(tokens.access_token);
  // The renewed token reaches the browser's cookie.
  expect(response.headers.getSetCookie().some((c) => c.startsWith('__session='))).toBe(true);
});

test('an API that refuses every token: one renewal, one retry, then its 401 passes through', async () => {
  const tokens = await tokensFor(client, 'sam@example.com', 'Passw0rd!');
  const cookie = await sessionCookie({
    user: { sub: 'sam@example.com' },
    tokenSet: { accessToken: tokens.access_token, refreshToken: tokens.refresh_token },
  });
  apiRefuses = () => true;
  const response = await app.get('/api/products', cookie);
  expect(response.status).toBe(401);
  expect(await response.json()).toMatchObject({ error: 'invalid_token' });
  expect(refreshesSent).toHaveLength(1);
  expect(tokensSeenByApi).toHaveLength(2);
});
