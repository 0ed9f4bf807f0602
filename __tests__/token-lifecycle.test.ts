/**
 * The token lifecycle with the real SDK against the real local Auth0, with an
 * access-token lifetime of 2 s: refresh through the refresh token, the
 * post-login Action running again on refresh, refresh failures answered as
 * 401, and logout revoking the refresh token. (Concurrency and outages:
 * session-under-concurrency.test.ts; the refresh-token rules themselves:
 * services/auth0-local.)
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { NextRequest } from 'next/server';
import { tokenRequest, tokensFor, type Client } from '@/services/auth0-local/browserless-login';
import { startLocalAuth0, type LocalAuth0Process } from '@/services/auth0-local/test-server';
import { writeTenantCopy } from '@/services/auth0-local/tenant-copy';
import { listen } from '@/test-helpers/listen';
import { exampleEnv } from '@/test-helpers/project';
import { sessionCookie } from '@/test-helpers/session-cookie';
import { z } from 'zod';

const PORT = 4630;
const LIFETIME = 2;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-lifecycle-'));
const userState = path.join(dir, 'user-state.json');

/** What the test Action reads at every run: changed between refreshes. */
function setUserState(state: { tier: string; blocked: boolean; mfaOnRefresh?: boolean }) {
  fs.writeFileSync(userState, JSON.stringify(state));
}

let auth0Process: LocalAuth0Process;
let client: Client;
let upstream: http.Server;
let proxy: http.Server;
let proxyUrl: string;
const seenTokens: string[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  setUserState({ tier: 'bronze', blocked: false });
  fs.writeFileSync(
    path.join(dir, 'test-action.js'),
    `const fs = require('node:fs');
     exports.onExecutePostLogin = async (event, api) => {
       const state = JSON.parse(fs.readFileSync(${JSON.stringify(userState)}, 'utf8'));
       if (state.blocked) return api.access.deny('Blocked in the meantime');
       if (state.mfaOnRefresh && event.transaction.protocol === 'oauth2-refresh-token') {
         api.multifactor.enable('any');
       }
       api.accessToken.setCustomClaim('https://test.example.com/tier', state.tier);
     };`,
  );
  const tenantFile = writeTenantCopy(dir, {
    accessTokenLifetime: LIFETIME,
    postLoginAction: path.join(dir, 'test-action.js'),
  });
  auth0Process = await startLocalAuth0(PORT, {
    env: {
      AUTH0_LOCAL_TENANT_FILE: tenantFile,
      AUTH0_LOCAL_USERS_FILE: path.resolve('auth0/local-users.yaml'),
      AUTH0_CLIENT_ID: exampleEnv.AUTH0_CLIENT_ID!,
      AUTH0_CLIENT_SECRET: exampleEnv.AUTH0_CLIENT_SECRET!,
      APP_BASE_URL: exampleEnv.APP_BASE_URL!,
    },
  });
  client = {
    issuer: auth0Process.issuer,
    clientId: exampleEnv.AUTH0_CLIENT_ID!,
    clientSecret: exampleEnv.AUTH0_CLIENT_SECRET!,
    redirectUri: `${exampleEnv.APP_BASE_URL}/auth/callback`,
  };

  upstream = http.createServer((req, res) => {
    seenTokens.push(String(req.headers.authorization).replace('Bearer ', ''));
    res.setHeader('content-type', 'application/json');
    res.end('{"products":[]}');
  });
  Object.assign(process.env, exampleEnv, {
    AUTH0_DOMAIN: `http://localhost:${PORT}`,
    PRODUCTS_API_URL: await listen(upstream),
  });
  // Imported once the environment points at this test's local Auth0.
  const { callProductsApi } = await import('@/lib/products-api-client');
  proxy = http.createServer(async (req, res) => {
    const result = await callProductsApi(
      req,
      res,
      { method: 'GET', path: '/products' },
      z.unknown(),
    );
    res.statusCode = result.status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(result.body));
  });
  proxyUrl = await listen(proxy);
}, 30_000);

afterAll(async () => {
  await Promise.all([proxy, upstream].map((s) => new Promise((done) => s?.close(done))));
  await auth0Process?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A browser's view of the session: the cookie, replaced whenever the app sends
 * a new one. With `expired`, the access token has expired already, as after
 * waiting out its lifetime: the next call refreshes it.
 */
async function signedInSession({ expired = false } = {}) {
  const tokens = await tokensFor(client, 'sam@example.com', 'Passw0rd!');
  const now = Math.floor(Date.now() / 1000);
  let cookie = await sessionCookie({
    tokenSet: {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: expired ? now - 1 : now + tokens.expires_in,
    },
  });
  return {
    refreshToken: tokens.refresh_token!,
    cookie: () => cookie,
    async call() {
      const response = await fetch(`${proxyUrl}/api/products`, { headers: { cookie } });
      const updated = response.headers.getSetCookie().find((c) => c.startsWith('__session='));
      if (updated) cookie = updated.split(';')[0]!;
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
  };
}

const tierOf = (token: string | undefined) => decodeJwt(token!)['https://test.example.com/tier'];

test('a signed-in user keeps working across several expiries; the Action runs again on refresh', async () => {
  setUserState({ tier: 'bronze', blocked: false });
  const session = await signedInSession();
  seenTokens.length = 0;

  expect((await session.call()).status).toBe(200);
  for (const tier of ['silver', 'gold']) {
    setUserState({ tier, blocked: false });
    await sleep(LIFETIME * 1000 + 300);
    expect((await session.call()).status).toBe(200);
  }
  // Three calls, three different tokens: refreshed after each expiry, with the new claim.
  expect(new Set(seenTokens).size).toBe(3);
  expect(seenTokens.map(tierOf)).toEqual(['bronze', 'silver', 'gold']);
}, 20_000);

test('a user blocked in the meantime: the next call answers 401, not 500', async () => {
  setUserState({ tier: 'bronze', blocked: false });
  const session = await signedInSession({ expired: true });
  setUserState({ tier: 'bronze', blocked: true });
  expect(await session.call()).toMatchObject({
    status: 401,
    body: { error: 'failed_to_refresh_token' },
  });
  setUserState({ tier: 'bronze', blocked: false });
}, 20_000);

test('an Action asking for a second factor on refresh: 401 mfa_required, and the session is kept', async () => {
  const session = await signedInSession({ expired: true });
  setUserState({ tier: 'bronze', blocked: false, mfaOnRefresh: true });
  expect(await session.call()).toMatchObject({
    status: 401,
    body: { error: 'mfa_required', message: expect.stringContaining('second factor') },
  });
  // Not the end of the session: once the Action stops asking, the same cookie renews.
  setUserState({ tier: 'bronze', blocked: false });
  expect((await session.call()).status).toBe(200);
}, 20_000);

test('logout revokes the refresh token at the issuer', async () => {
  setUserState({ tier: 'bronze', blocked: false });
  // Control: without a logout, a fresh refresh token works.
  const control = await signedInSession();
  expect(
    (
      await tokenRequest(client, {
        grant_type: 'refresh_token',
        refresh_token: control.refreshToken,
      })
    ).status,
  ).toBe(200);

  const session = await signedInSession();
  const { auth0 } = await import('@/lib/auth0');
  const response = await auth0.middleware(
    new NextRequest(`${exampleEnv.APP_BASE_URL}/auth/logout`, {
      headers: { cookie: session.cookie() },
    }),
  );
  expect(response.status).toBe(307);
  expect(response.headers.get('location')).toContain(`http://localhost:${PORT}/oidc/logout`);

  const afterLogout = await tokenRequest(client, {
    grant_type: 'refresh_token',
    refresh_token: session.refreshToken,
  });
  expect(afterLogout).toMatchObject({ status: 403, body: { error: 'invalid_grant' } });
});
