/**
 * The API routes pages/api/products/index.ts and [id].ts as Next.js runs them
 * (its own API resolver, which applies each route's `config`), with the real
 * SDK, a real session cookie and a real upstream server playing the products API.
 */
import http from 'node:http';
import { serveProductRoutes } from '@/test-helpers/api-routes';
import { close, listen } from '@/test-helpers/listen';
import { exampleEnv } from '@/test-helpers/project';
import { sessionCookie } from '@/test-helpers/session-cookie';

const product = { id: 'p004', name: 'CRM seat, yearly', price: 1200, department: 'sales' };
const list = { products: [product], visibleDepartments: ['sales'] };

let upstreamAnswer: { status: number; body: string };
const upstreamBodies: string[] = [];
const upstream = http.createServer(async (req, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  upstreamBodies.push(body);
  res.writeHead(upstreamAnswer.status, { 'content-type': 'application/json' });
  res.end(upstreamAnswer.body);
});
let app: Awaited<ReturnType<typeof serveProductRoutes>>;
let appUrl: string;

beforeAll(async () => {
  Object.assign(process.env, exampleEnv, {
    PRODUCTS_API_URL: await listen(upstream),
  });
  app = await serveProductRoutes();
  appUrl = app.url;
});
afterAll(() => Promise.all([app.close(), close(upstream)]));
beforeEach(() => {
  upstreamBodies.length = 0;
  upstreamAnswer = { status: 200, body: JSON.stringify(list) };
});

/** An admin who stepped up: the session's access token holds create:products. */
const adminSession = () =>
  sessionCookie({
    user: { sub: 'auth0|admin' },
    tokenSet: { scope: 'openid offline_access read:products create:products' },
  });

/** A POST as the app's own page sends it, unless told otherwise. */
async function post(body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${appUrl}/api/products`, {
    method: 'POST',
    headers: {
      cookie: await adminSession(),
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/json',
      ...headers,
    },
    body,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: (await response.json()) as unknown,
  };
}

test('a POST without the step-up scope is not sent: 403 step_up_required', async () => {
  const notSteppedUp = await sessionCookie({
    user: { sub: 'auth0|admin' },
    tokenSet: { scope: 'openid offline_access read:products' },
  });
  upstreamAnswer = { status: 201, body: JSON.stringify(product) };
  const response = await fetch(`${appUrl}/api/products`, {
    method: 'POST',
    headers: {
      cookie: notSteppedUp,
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/json',
    },
    body: JSON.stringify({ name: 'Lamp', price: 1, department: 'sales' }),
  });
  expect(response.status).toBe(403);
  expect(await response.json()).toMatchObject({
    error: 'step_up_required',
    message: expect.stringContaining('create:products'),
  });
  expect(upstreamBodies).toEqual([]);
});

describe('GET /api/step-up', () => {
  const stepUpOf = async (cookie?: string) => {
    const response = await fetch(`${appUrl}/api/step-up`, {
      headers: cookie ? { cookie } : {},
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  test('says whether the session’s token holds the step-up scope, and until when', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 600;
    const steppedUp = await sessionCookie({
      user: { sub: 'auth0|admin' },
      tokenSet: { scope: 'openid read:products create:products', expiresAt },
    });
    expect(await stepUpOf(steppedUp)).toEqual({
      status: 200,
      body: { add_product: { allowed: true, until: new Date(expiresAt * 1000).toISOString() } },
    });
    const notSteppedUp = await sessionCookie({
      user: { sub: 'auth0|admin' },
      tokenSet: { scope: 'openid read:products' },
    });
    expect(await stepUpOf(notSteppedUp)).toEqual({
      status: 200,
      body: { add_product: { allowed: false } },
    });
  });

  test('signed out: 401 JSON', async () => {
    expect(await stepUpOf()).toMatchObject({ status: 401, body: { error: 'not_authenticated' } });
  });
});

describe('an answer of an unexpected shape from the products API', () => {
  const invalid = {
    error: 'upstream_invalid_response',
    message: 'The products API sent an answer this app does not understand.',
  };

  test.each([
    ['{"items":[]}'],
    ['"ok"'],
    ['{"products":null}'],
    ['null'],
    [JSON.stringify({ ...list, products: [{ ...product, name: { first: 'CRM' } }] })],
    [JSON.stringify({ ...list, visibleDepartments: 'everything' })],
  ])('GET /api/products: %s becomes 502', async (body) => {
    jest.mocked(console.error).mockImplementation(() => {}); // logged for whoever runs the app
    upstreamAnswer = { status: 200, body };
    const response = await fetch(`${appUrl}/api/products`, {
      headers: { cookie: await adminSession() },
    });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual(invalid);
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('unexpected body'));
  });

  test.each([['{}'], ['[]'], ['null'], [JSON.stringify({ ...product, price: '1200' })]])(
    'GET /api/products/p004: %s becomes 502',
    async (body) => {
      jest.mocked(console.error).mockImplementation(() => {});
      upstreamAnswer = { status: 200, body };
      const response = await fetch(`${appUrl}/api/products/p004`, {
        headers: { cookie: await adminSession() },
      });
      expect(response.status).toBe(502);
      expect(await response.json()).toEqual(invalid);
    },
  );

  test('POST: a created product of another shape becomes 502', async () => {
    jest.mocked(console.error).mockImplementation(() => {});
    upstreamAnswer = { status: 201, body: '"created"' };
    expect(await post(JSON.stringify({ name: 'Lamp' }))).toMatchObject({
      status: 502,
      body: invalid,
    });
  });

  test('an error answer without a message becomes 502 too', async () => {
    jest.mocked(console.error).mockImplementation(() => {});
    upstreamAnswer = { status: 403, body: '{"reason":"no"}' };
    const response = await fetch(`${appUrl}/api/products`, {
      headers: { cookie: await adminSession() },
    });
    expect(response.status).toBe(502);
  });
});

test('answers of the expected shape pass, without fields the pages do not know', async () => {
  upstreamAnswer = { status: 200, body: JSON.stringify({ ...list, internalCost: 7 }) };
  const response = await fetch(`${appUrl}/api/products`, {
    headers: { cookie: await adminSession() },
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual(list);

  upstreamAnswer = {
    status: 400,
    body: JSON.stringify({
      error: 'invalid_request',
      message: 'The product is not valid.',
      fieldErrors: { name: ['Enter a name.'] },
    }),
  };
  expect(await post('{}')).toMatchObject({
    status: 400,
    body: { error: 'invalid_request', fieldErrors: { name: ['Enter a name.'] } },
  });
});

describe('request bodies', () => {
  test('a deeply nested body is the client’s fault: 400, and the API is not called', async () => {
    const nested = '['.repeat(5000) + ']'.repeat(5000); // 10 KB
    expect(await post(nested)).toEqual({
      status: 400,
      contentType: expect.stringMatching(/^application\/json/),
      body: {
        error: 'invalid_request',
        message: 'The body is nested too deeply (at most 32 levels).',
      },
    });
    expect(upstreamBodies).toEqual([]);
  });

  test('a body that is not JSON: 400 as JSON, not Next’s plain text', async () => {
    expect(await post('{"name": "Lamp",')).toEqual({
      status: 400,
      contentType: expect.stringMatching(/^application\/json/),
      body: { error: 'invalid_request', message: 'The body is not valid JSON.' },
    });
  });

  test('a body over the limit: 413 as JSON, not Next’s plain text', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });
    expect(await post(huge)).toEqual({
      status: 413,
      contentType: expect.stringMatching(/^application\/json/),
      body: { error: 'payload_too_large', message: 'The body is too large (at most 100 KB).' },
    });
    expect(upstreamBodies).toEqual([]);
  });

  test('media types are case-insensitive: APPLICATION/JSON is JSON', async () => {
    upstreamAnswer = { status: 201, body: JSON.stringify(product) };
    const result = await post(JSON.stringify({ name: 'Lamp' }), {
      'content-type': 'APPLICATION/JSON; charset=UTF-8',
    });
    expect(result).toMatchObject({ status: 201, body: product });
    expect(upstreamBodies).toEqual(['{"name":"Lamp"}']);
  });

  test('a type that only starts like JSON is still refused', async () => {
    upstreamAnswer = { status: 201, body: JSON.stringify(product) };
    expect(await post('{}', { 'content-type': 'application/json-patch+json' })).toMatchObject({
      status: 415,
      body: { error: 'unsupported_media_type' },
    });
  });
});

test('no answer about a user may be stored by a cache, not even the 401', async () => {
  const cookie = await adminSession();
  const cacheControl = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${appUrl}${path}`, { headers });
    return [response.status, response.headers.get('cache-control')];
  };
  expect(await cacheControl('/api/products', { cookie })).toEqual([200, 'no-store']);
  upstreamAnswer = { status: 200, body: JSON.stringify(product) };
  expect(await cacheControl('/api/products/p004', { cookie })).toEqual([200, 'no-store']);
  expect(await cacheControl('/api/products')).toEqual([401, 'no-store']);
});

test.each(['..', '.', '%2e%2e', 'a%2Fb', '..%2F..%2Fadmin', 'p004%3Fx', 'x'.repeat(65)])(
  'GET /api/products/%s: an id of another shape is answered 404 without calling the API',
  async (id) => {
    const cookie = await sessionCookie();
    const before = upstreamBodies.length;
    const hostAndPort = { hostname: new URL(appUrl).hostname, port: new URL(appUrl).port };
    // The path as written: fetch and new URL() would resolve the dot segments themselves.
    const { status, body } = await new Promise<{ status?: number; body: string }>((resolve) =>
      http.get(
        { ...hostAndPort, path: `/api/products/${id}`, headers: { cookie } },
        async (response) => {
          let text = '';
          for await (const chunk of response) text += chunk;
          resolve({ status: response.statusCode, body: text });
        },
      ),
    );
    expect(status).toBe(404);
    expect(JSON.parse(body)).toEqual({ error: 'not_found', message: 'No such product.' });
    expect(upstreamBodies.length).toBe(before);
  },
);
