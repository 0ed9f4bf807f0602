/**
 * The API route sends the session's access token, as the SDK's
 * auth0.getAccessToken(req, res) hands it out: the valid one as it is, and
 * never an expired one or one issued for another audience (the SDK refreshes
 * those, or says why it cannot).
 *
 * The routes run as Next.js runs them (its API resolver), with the real SDK,
 * real session cookies and a real upstream server.
 */
import http from 'node:http';
import { serveProductRoutes } from '@/test-helpers/api-routes';
import { close, listen } from '@/test-helpers/listen';
import { exampleEnv } from '@/test-helpers/project';
import { sessionCookie } from '@/test-helpers/session-cookie';

const upstreamAuthorizations: (string | undefined)[] = [];
const upstream = http.createServer((req, res) => {
  upstreamAuthorizations.push(req.headers.authorization);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ products: [], visibleDepartments: ['sales'] }));
});
let app: Awaited<ReturnType<typeof serveProductRoutes>>;
let appUrl: string;

beforeAll(async () => {
  Object.assign(process.env, exampleEnv, { PRODUCTS_API_URL: await listen(upstream) });
  // Imported after the environment is set: the modules read it at load time.
  app = await serveProductRoutes();
  appUrl = app.url;
});
afterAll(() => Promise.all([app.close(), close(upstream)]));
beforeEach(() => {
  upstreamAuthorizations.length = 0;
});

async function getProducts(cookie: string) {
  const response = await fetch(`${appUrl}/api/products`, { headers: { cookie } });
  return { status: response.status, body: (await response.json()) as unknown };
}

test('a valid access token is sent as it is, and the cookie is not rewritten', async () => {
  const response = await fetch(`${appUrl}/api/products`, {
    headers: { cookie: await sessionCookie() },
  });
  expect(response.status).toBe(200);
  expect(upstreamAuthorizations).toEqual(['Bearer the-access-token']);
  expect(response.headers.getSetCookie()).toEqual([]);
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
