/**
 * The backend-for-frontend call (lib/products-api-client.ts) with the real SDK, a
 * real encrypted session cookie, and a real upstream HTTP server that plays
 * each way an API can answer, or fail to.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SessionData } from '@auth0/nextjs-auth0/types';
import { close, listen } from '@/test-helpers/listen';
import { exampleEnv } from '@/test-helpers/project';
import { sessionCookie } from '@/test-helpers/session-cookie';
import { z } from 'zod';

const TIMEOUT_MS = 300;

type Scenario = (req: http.IncomingMessage, res: http.ServerResponse) => void;
let scenario: Scenario;
const seen: { authorization?: string; method?: string; url?: string; body?: string }[] = [];

const upstream = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    seen.push({ authorization: req.headers.authorization, method: req.method, url: req.url, body });
    scenario(req, res);
  });
});

let bff: http.Server;
let bffUrl: string;

beforeAll(async () => {
  Object.assign(process.env, exampleEnv, {
    PRODUCTS_API_URL: await listen(upstream),
    PRODUCTS_API_TIMEOUT_MS: String(TIMEOUT_MS),
  });
  // Imported after the environment is set: lib/env.ts reads it at load time.
  const { callProductsApi } = await import('@/lib/products-api-client');
  bff = http.createServer(async (req, res) => {
    const method = req.method === 'POST' ? 'POST' : 'GET';
    let body = '';
    for await (const chunk of req) body += chunk;
    const result = await callProductsApi(
      req,
      res,
      {
        method,
        path: req.url ?? '/',
        body: body ? JSON.parse(body) : undefined,
        // Any 2xx body passes: the shape checks are products-routes.test.ts's.
      },
      z.unknown(),
    );
    res.statusCode = result.status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(result.body));
  });
  bffUrl = await listen(bff);
});
afterAll(() => Promise.all([close(bff), close(upstream)]));
beforeEach(() => {
  seen.length = 0;
  jest.spyOn(console, 'error').mockImplementation(() => {}); // the bff logs upstream failures, on purpose
});

const salesSession = (tokenSet: Partial<SessionData['tokenSet']> = {}) =>
  sessionCookie({ tokenSet });

async function callProxy(
  path: string,
  init: { cookie?: string; method?: string; body?: unknown } = {},
) {
  const response = await fetch(`${bffUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: init.cookie ? { cookie: init.cookie } : {},
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const json =
  (status: number, body: unknown): Scenario =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

test('adds the access token from the session and passes a 2xx answer through', async () => {
  scenario = json(200, { products: [{ id: 'p001' }] });
  const result = await callProxy('/products', { cookie: await salesSession() });
  expect(result).toEqual({ status: 200, body: { products: [{ id: 'p001' }] } });
  expect(seen).toEqual([
    expect.objectContaining({
      authorization: 'Bearer the-access-token',
      method: 'GET',
      url: '/products',
    }),
  ]);
});

test('sends a POST body as JSON and passes 4xx answers through', async () => {
  scenario = json(403, {
    error: 'insufficient_permission',
    message: 'You need the create:products permission.',
  });
  const result = await callProxy('/products', {
    cookie: await salesSession(),
    method: 'POST',
    body: { name: 'Lamp' },
  });
  expect(result).toEqual({
    status: 403,
    body: { error: 'insufficient_permission', message: 'You need the create:products permission.' },
  });
  expect(seen[0]).toMatchObject({ method: 'POST', body: '{"name":"Lamp"}' });
});

test('a stray 100 Continue before the answer is skipped, not taken for the answer', async () => {
  scenario = (_req, res) => {
    res.writeContinue();
    json(200, { products: [] })(_req, res);
  };
  expect(await callProxy('/products', { cookie: await salesSession() })).toEqual({
    status: 200,
    body: { products: [] },
  });
});

test('an upstream 5xx becomes 502', async () => {
  scenario = json(500, { error: 'boom', stack: 'at secret.js:1' });
  expect(await callProxy('/products', { cookie: await salesSession() })).toEqual({
    status: 502,
    body: { error: 'upstream_error', message: expect.any(String) },
  });
});

test('an answer that is not JSON becomes 502', async () => {
  scenario = (_req, res) => res.end('<html>bff error</html>');
  expect(await callProxy('/products', { cookie: await salesSession() })).toMatchObject({
    status: 502,
    body: { error: 'upstream_invalid_response' },
  });
});

test('an API slower than the timeout becomes 504', async () => {
  scenario = (_req, res) => setTimeout(() => json(200, {})(_req, res), TIMEOUT_MS * 3);
  expect(await callProxy('/products', { cookie: await salesSession() })).toMatchObject({
    status: 504,
    body: { error: 'upstream_timeout' },
  });
});

test('the deadline covers the whole answer: a body that stalls becomes 504', async () => {
  scenario = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"products":[');
    setTimeout(() => res.end(']}'), TIMEOUT_MS * 3);
  };
  expect(await callProxy('/products', { cookie: await salesSession() })).toMatchObject({
    status: 504,
    body: { error: 'upstream_timeout' },
  });
});

test('a redirect is not followed: 502, and the token is not sent where it points', async () => {
  scenario = (req, res) => {
    if (req.url === '/products') {
      const elsewhere = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/elsewhere`;
      res.writeHead(302, { location: elsewhere, 'content-type': 'application/json' });
      res.end('{}');
    } else {
      json(200, { products: [] })(req, res);
    }
  };
  expect(await callProxy('/products', { cookie: await salesSession() })).toEqual({
    status: 502,
    body: {
      error: 'upstream_invalid_response',
      message: 'The products API answered with a redirect, which the app does not follow.',
    },
  });
  expect(seen.map((request) => request.url)).toEqual(['/products']);
});

const oversized = JSON.stringify({ products: 'x'.repeat(1024 * 1024) });
test.each([
  ['with a Content-Length', { 'content-length': String(Buffer.byteLength(oversized)) }],
  ['streamed without a length', {}],
])('an answer larger than 1 MB becomes 502 (%s)', async (_case, lengthHeader) => {
  scenario = (_req, res) => {
    res.on('error', () => {}); // the bff hangs up once it has read too much
    res.writeHead(200, { 'content-type': 'application/json', ...lengthHeader });
    res.write(oversized); // after writeHead without a length, Node sends it chunked
    res.end();
  };
  expect(await callProxy('/products', { cookie: await salesSession() })).toEqual({
    status: 502,
    body: {
      error: 'upstream_invalid_response',
      message: 'The products API sent an answer larger than 1024 KB.',
    },
  });
});

test('a JSON body sent as another content type becomes 502', async () => {
  scenario = (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('{"products":[]}');
  };
  expect(await callProxy('/products', { cookie: await salesSession() })).toMatchObject({
    status: 502,
    body: { error: 'upstream_invalid_response' },
  });
});

test('a body labelled JSON that does not parse becomes 502', async () => {
  scenario = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"products":');
  };
  expect(await callProxy('/products', { cookie: await salesSession() })).toMatchObject({
    status: 502,
    body: { error: 'upstream_invalid_response' },
  });
});

test('failures are logged with the call, never with the access token', async () => {
  const logged = jest.mocked(console.error);
  const cookie = await salesSession();
  for (const failing of [
    json(500, {}),
    (_req: http.IncomingMessage, res: http.ServerResponse) => res.end('not json'),
    (_req: http.IncomingMessage, res: http.ServerResponse) => res.destroy(),
  ]) {
    scenario = failing;
    expect((await callProxy('/products', { cookie })).status).toBe(502);
  }
  const lines = logged.mock.calls.map((args) => args.map(String).join(' '));
  expect(lines).toHaveLength(3);
  for (const line of lines) {
    expect(line).toContain('GET /products');
    expect(line).not.toContain('the-access-token');
  }
});

test('no session: 401 with the SDK’s code, and the API is not called', async () => {
  scenario = json(200, {});
  expect(await callProxy('/products')).toMatchObject({
    status: 401,
    body: { error: 'missing_session' },
  });
  expect(seen).toEqual([]);
});

test('an expired access token without a refresh token: 401 missing_refresh_token', async () => {
  scenario = json(200, {});
  const cookie = await salesSession({ expiresAt: Math.floor(Date.now() / 1000) - 60 });
  expect(await callProxy('/products', { cookie })).toMatchObject({
    status: 401,
    body: { error: 'missing_refresh_token', message: 'Your session has expired. Log in again.' },
  });
  expect(seen).toEqual([]);
});

test('an API that is down becomes 502', async () => {
  upstream.closeAllConnections();
  await new Promise((done) => upstream.close(done));
  expect(await callProxy('/products', { cookie: await salesSession() })).toMatchObject({
    status: 502,
    body: { error: 'upstream_unreachable' },
  });
});
