/**
 * What the tests of sessions under real use share (__tests__/session-*.test.ts):
 * the app's server side in the test process (test-helpers/app-in-process.ts),
 * a local Auth0 with access tokens of LIFETIME seconds on a port of the
 * test file's own, restarted when a test asks for other refresh-token
 * settings, and a products API that answers every call.
 *
 * Each test file runs in a Jest worker of its own, so the files run side by
 * side: most of their time is spent waiting for tokens to expire.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { writeTenantCopy } from '@/services/auth0-local/tenant-copy';
import { Browser, logInThroughTheApp, startApp, type App } from './app-in-process';
import { listen } from './listen';
import { startLocalAuth0, type LocalAuth0Process } from '../services/auth0-local/test-server';
import { exampleEnv } from './project';
import { expiredSessionCookie } from './session-cookie';

/** The access-token lifetime, in seconds. */
export const LIFETIME = 2;

export type RefreshTokenSettings = Record<string, string | number>;
export const NON_ROTATING: RefreshTokenSettings = { rotation_type: 'non-rotating' };
/** The strictest setting a tenant can have: any refresh token sent twice ends the session. */
export const ROTATING_NO_REUSE: RefreshTokenSettings = { rotation_type: 'rotating', leeway: 0 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Registers the file's beforeAll/afterAll, and returns what its tests use. */
export function sessionsHarness(port: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sessions-'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sessions-auth0-'));
  const client = {
    issuer: `http://localhost:${port}/`,
    clientId: exampleEnv.AUTH0_CLIENT_ID!,
    clientSecret: exampleEnv.AUTH0_CLIENT_SECRET!,
    redirectUri: `${exampleEnv.APP_BASE_URL}/auth/callback`,
  };
  let auth0: LocalAuth0Process | undefined;
  let runningWith: string | undefined;
  let upstream: http.Server | undefined;
  let app: App | undefined;

  beforeAll(async () => {
    upstream = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"products":[]}');
    });
    Object.assign(process.env, exampleEnv, {
      AUTH0_DOMAIN: `http://localhost:${port}`,
      PRODUCTS_API_URL: await listen(upstream),
    });
    app = await startApp();
  }, 30_000);

  afterAll(async () => {
    await app?.stop();
    await new Promise((done) => upstream?.close(done));
    await auth0?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const harness = {
    client,
    get app(): App {
      return app!;
    },
    /** The running local Auth0 (pause, resume, stop). */
    get auth0(): LocalAuth0Process {
      return auth0!;
    },

    /** Starts the local Auth0 with these settings, unless it already runs with them. */
    async startAuth0(refreshToken: RefreshTokenSettings) {
      if (auth0 && runningWith === JSON.stringify(refreshToken)) return;
      await auth0?.stop();
      auth0 = undefined;
      runningWith = JSON.stringify(refreshToken);
      auth0 = await startLocalAuth0(port, {
        dataDir,
        env: {
          AUTH0_LOCAL_TENANT_FILE: writeTenantCopy(dir, {
            accessTokenLifetime: LIFETIME,
            refreshToken,
          }),
          AUTH0_LOCAL_USERS_FILE: path.resolve('auth0/local-users.yaml'),
          AUTH0_CLIENT_ID: exampleEnv.AUTH0_CLIENT_ID!,
          AUTH0_CLIENT_SECRET: exampleEnv.AUTH0_CLIENT_SECRET!,
          APP_BASE_URL: exampleEnv.APP_BASE_URL!,
        },
      });
    },

    async stopAuth0() {
      await auth0?.stop();
      auth0 = undefined;
    },

    untilExpired: () => sleep(LIFETIME * 1000 + 200),

    /** A browser signed in through the app's login routes. */
    logIn: () => logInThroughTheApp(app!, client, 'sam@example.com', 'Passw0rd!'),

    /** A browser holding a real login's tokens in a session whose access token has expired. */
    async expiredSession() {
      return Browser.withCookie((await expiredSessionCookie(client, 'sam@example.com')).cookie);
    },

    /** Sends an API call with the browser's cookie and lets the browser keep the answer's cookie. */
    async callApi(browser: Browser) {
      const response = await app!.get('/api/products', browser.cookie);
      browser.receive(response);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
  };
  return harness;
}

/** Counts the refresh-token exchanges this process (the app's server) sends to Auth0. */
export function countRefreshes() {
  const original = globalThis.fetch;
  const calls = { count: 0 };
  jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    if (String(init?.body).includes('grant_type=refresh_token')) calls.count++;
    return original(input, init);
  });
  return calls;
}
