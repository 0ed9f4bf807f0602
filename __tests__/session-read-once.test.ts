/**
 * One BFF request decrypts the session cookie once: withApiAuthRequired reads
 * it, and the access token comes from that same read (lib/session-read-once.ts,
 * lib/access-token.ts). An expired token, or one for another audience, still
 * goes to the SDK, which refreshes it or says why it cannot: the shortcut
 * never hands out a token the SDK would not.
 *
 * The routes run as Next.js runs them (its API resolver), with the real SDK,
 * real session cookies and a real upstream server. Decryptions are counted
 * at jose's jwtDecrypt, which the SDK calls once per session read.
 */
import http from 'node:http';
import { generateSessionCookie } from '@auth0/nextjs-auth0/testing';
import type { SessionData } from '@auth0/nextjs-auth0/types';
import { DEFAULT_SCOPE } from '@/lib/env-schema';
import { serveProductRoutes } from '@/test-helpers/api-routes';
import { close, listen } from '@/test-helpers/listen';
import { AUDIENCE, exampleEnv } from '@/test-helpers/project';
import { sessionCookie } from '@/test-helpers/session-cookie';

const decryptions = { count: 0 };
jest.mock('jose', () => {
  const jose = jest.requireActual<typeof import('jose')>('jose');
  return {
    ...jose,
    jwtDecrypt: (...args: Parameters<typeof jose.jwtDecrypt>) => {
      decryptions.count++;
      return jose.jwtDecrypt(...args);
    },
  };
});

const upstreamAuthorizations: (string | undefined)[] = [];
const upstream = http.createServer((req, res) => {
  upstreamAuthorizations.push(req.headers.authorization);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ products: [], visibleDepartments: ['sales'] }));
});
let app: Awaited<ReturnType<typeof serveProductRoutes>>;
let appUrl: string;
let validAccessToken: (session: SessionData, nowSeconds?: number) => string | undefined;

beforeAll(async () => {
  Object.assign(process.env, exampleEnv, { PRODUCTS_API_URL: await listen(upstream) });
  // Imported after the environment is set: the modules read it at load time.
  app = await serveProductRoutes();
  appUrl = app.url;
  ({ validAccessToken } = await import('@/lib/access-token'));
});
afterAll(() => Promise.all([app.close(), close(upstream)]));
beforeEach(() => {
  upstreamAuthorizations.length = 0;
});

async function getProducts(cookie: string) {
  decryptions.count = 0;
  const response = await fetch(`${appUrl}/api/products`, { headers: { cookie } });
  return { status: response.status, body: (await response.json()) as unknown };
}

test('a BFF request decrypts the session cookie once', async () => {
  const result = await getProducts(await sessionCookie());
  expect(result.status).toBe(200);
  expect(upstreamAuthorizations).toEqual(['Bearer the-access-token']);
  expect(decryptions.count).toBe(1);
});

test('an expired access token is never sent: the SDK decides (no refresh token: log in again)', async () => {
  const expired = await sessionCookie({
    tokenSet: { expiresAt: Math.floor(Date.now() / 1000) - 1 },
  });
  const result = await getProducts(expired);
  expect(result).toMatchObject({ status: 401, body: { error: 'missing_refresh_token' } });
  expect(upstreamAuthorizations).toEqual([]);
});

test('a token issued for another audience is never sent: the SDK decides', async () => {
  const other = await sessionCookie({ tokenSet: { audience: 'https://another-api.example.com' } });
  const result = await getProducts(other);
  expect(result).toMatchObject({ status: 401, body: { error: 'missing_refresh_token' } });
  expect(upstreamAuthorizations).toEqual([]);
});

describe('validAccessToken: only the shortcuts the SDK takes itself', () => {
  const now = 1_800_000_000;
  const session = (tokenSet: Partial<SessionData['tokenSet']>, internal = {}): SessionData => ({
    user: { sub: 'auth0|sales' },
    tokenSet: { accessToken: 'the-access-token', expiresAt: now + 60, ...tokenSet },
    internal: { sid: 'sid', createdAt: now, ...internal },
  });

  test('valid until the second it expires, as the SDK counts', () => {
    expect(validAccessToken(session({ expiresAt: now + 1 }), now)).toBe('the-access-token');
    expect(validAccessToken(session({ expiresAt: now }), now)).toBeUndefined();
    expect(validAccessToken(session({ expiresAt: now - 1 }), now)).toBeUndefined();
  });

  test('the configured audience and scope, in any order', () => {
    const scope = exampleEnv.AUTH0_SCOPE ?? DEFAULT_SCOPE;
    const reversed = scope.split(' ').reverse().join(' ');
    expect(validAccessToken(session({ audience: AUDIENCE, requestedScope: reversed }), now)).toBe(
      'the-access-token',
    );
    expect(validAccessToken(session({ requestedScope: 'openid' }), now)).toBeUndefined();
    expect(
      validAccessToken(session({ audience: 'https://other.example.com' }), now),
    ).toBeUndefined();
  });

  test('no token, or a session end set by the identity provider: the SDK decides', () => {
    expect(validAccessToken(session({ accessToken: '' }), now)).toBeUndefined();
    expect(validAccessToken(session({}, { sessionExpiresAt: now + 3600 }), now)).toBeUndefined();
  });
});

describe('whenever the shortcut hands out a token, the SDK hands out the same one and writes nothing', () => {
  // lib/access-token.ts copies a rule of SDK 4.30. This asks the SDK itself,
  // through auth0.getAccessToken(req, res) in a plain Node server, for the
  // same sessions: after an SDK upgrade that changes the rule, this fails.
  let auth0: typeof import('@/lib/auth0').auth0;
  const sdk = http.createServer(async (req, res) => {
    res.setHeader('content-type', 'application/json');
    try {
      const { token } = await auth0.getAccessToken(req, res);
      res.end(JSON.stringify({ token }));
    } catch (error) {
      res.statusCode = 401;
      res.end(JSON.stringify({ error: (error as { code?: string }).code }));
    }
  });
  let sdkUrl: string;
  beforeAll(async () => {
    ({ auth0 } = await import('@/lib/auth0')); // after the environment is set (top beforeAll)
    sdkUrl = await listen(sdk);
  });
  afterAll(() => close(sdk));

  const now = Math.floor(Date.now() / 1000);
  const scope = exampleEnv.AUTH0_SCOPE ?? DEFAULT_SCOPE;
  const cases: [string, Partial<SessionData['tokenSet']>, 'shortcut' | 'sdk'][] = [
    // Sessions written before the SDK recorded the audience and scope.
    ['no audience or scope recorded', {}, 'shortcut'],
    [
      'the configured audience and scope',
      { audience: AUDIENCE, requestedScope: scope },
      'shortcut',
    ],
    [
      'the scopes in another order',
      { requestedScope: scope.split(' ').reverse().join(' ') },
      'shortcut',
    ],
    ['with a refresh token', { refreshToken: 'the-refresh-token' }, 'shortcut'],
    ['another audience', { audience: 'https://another-api.example.com' }, 'sdk'],
    ['another scope', { requestedScope: 'openid' }, 'sdk'],
    ['expiring this second', { expiresAt: now }, 'sdk'],
    ['expired', { expiresAt: now - 60 }, 'sdk'],
  ];

  test.each(cases)('%s', async (_label, tokenSet, expected) => {
    const session: SessionData = {
      user: { sub: 'auth0|sales' },
      tokenSet: { accessToken: 'the-access-token', expiresAt: now + 3600, ...tokenSet },
      internal: { sid: 'sid', createdAt: now },
    };
    const shortcut = validAccessToken(session);
    expect(shortcut === undefined ? 'sdk' : 'shortcut').toBe(expected);
    if (shortcut === undefined) return; // the SDK decides, as before

    const cookie = await generateSessionCookie(session, { secret: exampleEnv.AUTH0_SECRET! });
    const response = await fetch(sdkUrl, { headers: { cookie: `__session=${cookie}` } });
    expect(await response.json()).toEqual({ token: shortcut });
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});
