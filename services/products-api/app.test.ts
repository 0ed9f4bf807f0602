/**
 * The products API with real signed tokens: a test key pair, its public key
 * served as a JWKS over HTTP, and the API listening on a loopback port.
 */
import http from 'node:http';
import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWTPayload,
} from 'jose';
import { DEPARTMENT_CLAIM, ROLES_CLAIM } from './caller';
import { listen } from './test-listen';
import type { ProductList } from './products';
import { createProductsApi } from './app';

const ISSUER = 'https://test-tenant.example.com/';
// Any identifier: the API is given its audience, as server.ts gives it AUTH0_AUDIENCE.
const API = 'https://products-api.example.com';
const KID = 'test-key';

let privateKey: CryptoKey;
let publicKeyPem: string;
let otherKey: CryptoKey;
let jwks: http.Server;
let api: http.Server;
let baseUrl: string;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  publicKeyPem = await exportSPKI(pair.publicKey);
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  jwks = http.createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  const jwksUrl = await listen(jwks);
  api = http.createServer(
    createProductsApi({ issuer: ISSUER, audience: API, jwksUri: `${jwksUrl}/jwks.json` }),
  );
  baseUrl = await listen(api);
});
afterAll(() => Promise.all([jwks, api].map((server) => new Promise((done) => server.close(done)))));

type TokenOptions = {
  key?: CryptoKey;
  kid?: string;
  issuer?: string;
  audience?: string | string[];
  expiresIn?: string | number;
  notBefore?: string | number;
};

/** An Auth0-shaped access token; `claims` override the admin's. */
function token(claims: JWTPayload = {}, options: TokenOptions = {}) {
  const jwt = new SignJWT({
    scope: 'openid profile read:products create:products',
    permissions: ['read:products', 'create:products'],
    azp: 'client',
    [ROLES_CLAIM]: ['admin'],
    [DEPARTMENT_CLAIM]: 'operations',
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? KID })
    .setSubject('auth0|someone')
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? [API, `${ISSUER}userinfo`])
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h');
  if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
  return jwt.sign(options.key ?? privateKey);
}

const employee = {
  scope: 'openid read:products',
  permissions: ['read:products'],
  [ROLES_CLAIM]: ['employee'],
  [DEPARTMENT_CLAIM]: 'sales',
};

async function call(
  path: string,
  init: { token?: string; method?: string; body?: unknown; rawBody?: string } = {},
) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined || init.rawBody ? { 'content-type': 'application/json' } : {}),
    },
    body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: JSON.parse(text) as Record<string, unknown>,
  };
}

describe('accepted tokens', () => {
  test('an admin sees every department', async () => {
    const { status, body } = await call('/products', { token: await token() });
    expect(status).toBe(200);
    const list = body as unknown as ProductList;
    expect(list.visibleDepartments).toBe('all');
    expect(new Set(list.products.map((p) => p.department))).toEqual(
      new Set(['engineering', 'marketing', 'operations', 'sales']),
    );
  });

  test('an employee sees only their department', async () => {
    const { status, body } = await call('/products', { token: await token(employee) });
    expect(status).toBe(200);
    const list = body as unknown as ProductList;
    expect(list.products.length).toBeGreaterThan(0);
    expect(list.products.every((p) => p.department === 'sales')).toBe(true);
  });

  test('a user without a department sees none and is told why', async () => {
    const { body } = await call('/products', {
      token: await token({ ...employee, [DEPARTMENT_CLAIM]: undefined }),
    });
    expect(body).toMatchObject({
      products: [],
      visibleDepartments: [],
      notice: expect.stringMatching(/no department/),
    });
  });

  test('one product: visible in the department, 404 outside it or when unknown (no existence leak)', async () => {
    const employeeToken = await token(employee);
    const sales = (
      (await call('/products', { token: employeeToken })).body as unknown as ProductList
    ).products[0]!;
    expect((await call(`/products/${sales.id}`, { token: employeeToken })).body).toEqual(sales);

    const all = ((await call('/products', { token: await token() })).body as unknown as ProductList)
      .products;
    const other = all.find((p) => p.department !== 'sales')!;
    const hidden = await call(`/products/${other.id}`, { token: employeeToken });
    const unknown = await call('/products/p999', { token: employeeToken });
    expect(hidden).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect(unknown.body).toEqual(hidden.body);
  });
});

describe('rejected tokens answer 401 JSON with WWW-Authenticate', () => {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

  test.each<[string, () => Promise<string | undefined>]>([
    ['no token', async () => undefined],
    ['a malformed token', async () => 'not-a-jwt'],
    [
      'alg "none"',
      async () =>
        `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ iss: ISSUER, aud: API, sub: 'x', scope: 'read:products', exp: Math.floor(Date.now() / 1000) + 600 })}.`,
    ],
    [
      'HS256 signed with the public key',
      async () =>
        new SignJWT({ scope: 'read:products' })
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: KID })
          .setIssuer(ISSUER)
          .setAudience(API)
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(publicKeyPem)),
    ],
    ['an unknown kid', () => token({}, { kid: 'rotated-away' })],
    ['a wrong signature', () => token({}, { key: otherKey })],
    ['a wrong issuer', () => token({}, { issuer: 'https://evil.example.com/' })],
    ['a wrong audience', () => token({}, { audience: 'https://other-api.example.com' })],
    ['an expired token', () => token({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 })],
    ['nbf in the future', () => token({}, { notBefore: Math.floor(Date.now() / 1000) + 3600 })],
  ])('%s', async (_, makeToken) => {
    const { status, headers, body, text } = await call('/products', { token: await makeToken() });
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toMatch(/^Bearer realm="api"/);
    expect(body).toEqual({ error: expect.any(String), message: expect.any(String) });
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
  });
});

describe('authorization: 403 naming what is missing', () => {
  test('a missing scope', async () => {
    const { status, headers, body } = await call('/products', {
      token: await token({ scope: 'openid profile', permissions: [] }),
    });
    expect(status).toBe(403);
    expect(headers.get('www-authenticate')).toMatch(/error="insufficient_scope"/);
    expect(body).toEqual({
      error: 'insufficient_scope',
      message: expect.stringContaining('read:products'),
    });
  });

  test('a missing permission: the scope alone is not enough to create', async () => {
    const { status, body } = await call('/products', {
      method: 'POST',
      token: await token({ ...employee, scope: 'read:products create:products' }),
      body: { name: 'Desk lamp', price: 20, department: 'sales' },
    });
    expect(status).toBe(403);
    expect(body).toEqual({
      error: 'insufficient_permission',
      message: expect.stringContaining('create:products'),
    });
  });

  test('a non-namespaced "roles" claim is ignored', async () => {
    const { body } = await call('/products', {
      token: await token({ ...employee, roles: ['admin'] }),
    });
    const list = body as unknown as ProductList;
    expect(list.visibleDepartments).toEqual(['sales']);
    expect(list.products.every((p) => p.department === 'sales')).toBe(true);
  });
});

describe('POST /products', () => {
  test('an admin adds a product, which is then listed', async () => {
    const adminToken = await token();
    const created = await call('/products', {
      method: 'POST',
      token: adminToken,
      body: { name: '  Desk lamp ', price: 24.99, department: 'sales' },
    });
    expect(created).toMatchObject({
      status: 201,
      body: { id: expect.any(String), name: 'Desk lamp', price: 24.99, department: 'sales' },
    });
    const list = (await call('/products', { token: adminToken })).body as unknown as ProductList;
    expect(list.products).toContainEqual(created.body);
  });

  test.each([
    [{}, ['name', 'price', 'department']],
    [{ name: 'X', price: -1, department: 'sales' }, ['name', 'price']],
    [{ name: 'Lamp', price: 1.005, department: 'sales' }, ['price']],
    [{ name: 'Lamp', price: 1e-9, department: 'sales' }, ['price']],
    [{ name: '\u200B\u200B\u200B', price: 12, department: 'sales' }, ['name']],
    [{ name: 'Invoice \u202Egpj.exe', price: 12, department: 'sales' }, ['name']],
    [{ name: 'Lamp\u0000', price: 12, department: 'sales' }, ['name']],
    [{ name: 'Lamp \uD83D', price: 12, department: 'sales' }, ['name']],
    [{ name: 'Lamp', price: '12', department: 'sales' }, ['price']],
    [{ name: 'Lamp', price: 12, department: 'legal' }, ['department']],
  ])('invalid input %j answers 400 with field errors', async (input, fields) => {
    const { status, body } = await call('/products', {
      method: 'POST',
      token: await token(),
      body: input,
    });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
    expect(Object.keys(body.fieldErrors as object).sort()).toEqual([...fields].sort());
  });

  test('a body that is not JSON answers 400', async () => {
    const { status, body } = await call('/products', {
      method: 'POST',
      token: await token(),
      rawBody: '{"name":',
    });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_request', message: 'The body is not valid JSON.' });
  });
});

test('a wrong method answers 405 with Allow; an unknown path 404, as JSON', async () => {
  const adminToken = await token();
  const deleted = await call('/products', { method: 'DELETE', token: adminToken });
  expect(deleted.status).toBe(405);
  expect(deleted.headers.get('allow')).toBe('GET, POST');
  expect(await call('/nothing-here', { token: adminToken })).toMatchObject({
    status: 404,
    body: { error: 'not_found' },
  });
});
