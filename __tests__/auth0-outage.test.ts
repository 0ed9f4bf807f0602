/**
 * Auth0 down, with a freshly started app (nothing cached: not even Auth0's
 * discovery document) and a session whose access token has expired. Every
 * answer says what happened, and none is a 500. Auth0 here is a closed
 * loopback port.
 */
import http from 'node:http';
import { Browser, startApp, type App } from '@/test-helpers/app-in-process';
import { closedPort, listen } from '@/test-helpers/listen';
import { exampleEnv } from '@/test-helpers/project';
import { sessionCookie } from '@/test-helpers/session-cookie';

let app: App;
let upstream: http.Server;
let expiredSession: string;

beforeAll(async () => {
  upstream = http.createServer((_req, res) => res.end('{"products":[]}'));
  Object.assign(process.env, exampleEnv, {
    AUTH0_DOMAIN: `http://localhost:${await closedPort()}`,
    PRODUCTS_API_URL: await listen(upstream),
  });
  app = await startApp();
  const now = Math.floor(Date.now() / 1000);
  expiredSession = await sessionCookie({
    user: { sub: 'auth0|sales', name: 'Sam' },
    tokenSet: { accessToken: 'expired', refreshToken: 'a-refresh-token', expiresAt: now - 60 },
    createdAt: now - 600,
  });
});

afterAll(async () => {
  await app?.stop();
  await new Promise((done) => upstream?.close(done));
});

beforeEach(() => {
  // The SDK logs each failed attempt to reach Auth0.
  jest.spyOn(console, 'error').mockImplementation(() => {});
  jest.spyOn(console, 'warn').mockImplementation(() => {});
});

test('an API call answers 503 JSON that says Auth0 is unreachable', async () => {
  const response = await app.get('/api/products', expiredSession);
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({
    error: 'auth0_unreachable',
    message: expect.stringMatching(/Auth0 did not answer.*Try again/),
  });
});

test('the profile page renders with status 503 and says so, instead of a 500 page', async () => {
  const response = await app.get('/profile', expiredSession);
  expect(response.status).toBe(503);
  expect(await response.json()).toMatchObject({
    props: {
      user: { sub: 'auth0|sales' },
      accessToken: { problem: { status: 503, error: 'auth0_unreachable' } },
    },
  });
});

test('the nav keeps the user while Auth0 is down: the session may well be fine', async () => {
  const response = await app.proxy('/auth/profile', expiredSession);
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ sub: 'auth0|sales' });
  expect(response.headers.getSetCookie()).toEqual([]);
});

test('login redirects to the error page that says Auth0 is unreachable', async () => {
  const response = await app.proxy('/auth/login', '');
  expect(response.status).toBe(307);
  const location = new URL(response.headers.get('location')!);
  expect(location.pathname).toBe('/auth-error');
  expect(location.searchParams.get('error')).toBe('auth0_unreachable');
  // The page knows what this code means; the URL carries no text to display.
  expect(location.searchParams.has('error_description')).toBe(false);
});

test('logout signs the user out of the app and says Auth0 could not be reached', async () => {
  const response = await app.proxy('/auth/logout', expiredSession);
  expect(response.status).toBe(307);
  const location = new URL(response.headers.get('location')!);
  expect(location.pathname).toBe('/auth-error');
  expect(location.searchParams.get('error')).toBe('logout_auth0_unreachable');
  const browser = Browser.withCookie(expiredSession);
  browser.receive(response);
  expect(browser.signedIn).toBe(false);
});
