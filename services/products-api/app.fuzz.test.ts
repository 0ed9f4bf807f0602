/**
 * Property-based tests (fast-check, bounded runs): whatever arrives, the API
 * answers a 4xx JSON without internals, never stores an invalid product, and
 * never shows another department's product.
 */
import http from 'node:http';
import fc from 'fast-check';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { DEPARTMENT_CLAIM, ROLES_CLAIM } from './caller';
import { listen } from './test-listen';
import { newProductSchema, type Product, type ProductList } from './products';
import { createProductsApi } from './app';

const ISSUER = 'https://test-tenant.example.com/';
// Any identifier: the API is given its audience, as server.ts gives it AUTH0_AUDIENCE.
const API = 'https://products-api.example.com';
let privateKey: CryptoKey;
let servers: http.Server[] = [];
let baseUrl: string;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k', alg: 'RS256', use: 'sig' };
  const jwks = http.createServer((_req, res) => res.end(JSON.stringify({ keys: [jwk] })));
  const api = http.createServer(
    createProductsApi({ issuer: ISSUER, audience: API, jwksUri: `${await listen(jwks)}/jwks` }),
  );
  servers = [jwks, api];
  baseUrl = await listen(api);
});
afterAll(() => Promise.all(servers.map((s) => new Promise((done) => s.close(done)))));

function token(claims: Record<string, unknown>) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'k' })
    .setIssuer(ISSUER)
    .setAudience(API)
    .setSubject('auth0|fuzz')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
}

const adminToken = () =>
  token({
    scope: 'read:products create:products',
    permissions: ['read:products', 'create:products'],
    [ROLES_CLAIM]: ['admin'],
  });

async function send(path: string, init: RequestInit) {
  const response = await fetch(`${baseUrl}${path}`, init);
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text };
}

function expectCleanClientError(result: { status: number; type: string; text: string }) {
  expect(result.status).toBeGreaterThanOrEqual(400);
  expect(result.status).toBeLessThan(500);
  expect(result.type).toContain('application/json');
  const body = JSON.parse(result.text) as Record<string, unknown>;
  expect(body).toEqual(
    expect.objectContaining({ error: expect.any(String), message: expect.any(String) }),
  );
  expect(result.text).not.toMatch(/\bat .+:\d+:\d+|node_modules|Error:/);
}

test('any POST body that is not a valid product gets a 4xx and is never stored', async () => {
  const authorization = `Bearer ${await adminToken()}`;
  const before = (
    JSON.parse((await send('/products', { headers: { authorization } })).text) as ProductList
  ).products.length;
  const body = fc.oneof(
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc
      .record(
        { name: fc.anything(), price: fc.anything(), department: fc.anything() },
        { requiredKeys: [] },
      )
      .map((v) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x))),
    fc.string(),
  );
  await fc.assert(
    fc.asyncProperty(body, async (raw) => {
      const parsed = (() => {
        try {
          return newProductSchema.safeParse(JSON.parse(raw)).success;
        } catch {
          return false;
        }
      })();
      fc.pre(!parsed); // only invalid bodies here
      expectCleanClientError(
        await send('/products', {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: raw,
        }),
      );
    }),
    { numRuns: 150 },
  );
  const after = (
    JSON.parse((await send('/products', { headers: { authorization } })).text) as ProductList
  ).products;
  expect(after).toHaveLength(before);
  for (const product of after) expect(newProductSchema.safeParse(product).success).toBe(true);
}, 60_000);

test('whatever the name, the API stores it readable (NFC, trimmed, visible) or says why not', async () => {
  const authorization = `Bearer ${await adminToken()}`;
  // Names that may hide or reorder text or break it: any code point, including lone
  // surrogates and controls, with a bad character sometimes spliced in.
  const troublemaker = fc.constantFrom(
    '\u0000',
    '\u0009',
    '\u000A',
    '\u001B',
    '\u007F',
    '\u0085', // controls
    '\u202A',
    '\u202B',
    '\u202D',
    '\u202E',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\u200E',
    '\u200F',
    '\u061C', // bidi
    '\uD800',
    '\uDBFF',
    '\uDC00',
    '\uDFFF', // lone surrogates
    '\u200B',
    '\u200C',
    '\u200D',
    '\u2060',
    '\uFEFF',
    '\u3164',
    '\u2800',
    '\u00AD', // invisible
  );
  const name = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.array(troublemaker, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
    fc
      .tuple(fc.string({ unit: 'grapheme', minLength: 2, maxLength: 20 }), troublemaker, fc.nat(20))
      .map(([text, bad, at]) => `${text.slice(0, at)}${bad}${text.slice(at)}`),
  );
  const reasons = [
    'The name needs at least 2 visible characters.',
    'The name cannot contain control characters such as line breaks, tabs or NUL.',
    'The name cannot contain characters that change the text direction (such as U+202E): they make it read differently from what it is.',
    'The name contains a broken character (half of a surrogate pair). Retype it.',
    'The name can have at most 80 characters.',
  ];
  await fc.assert(
    fc.asyncProperty(name, async (candidate) => {
      const result = await send('/products', {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ name: candidate, price: 1, department: 'sales' }),
      });
      if (result.status === 201) {
        const stored = (JSON.parse(result.text) as Product).name;
        expect(stored).toBe(candidate.normalize('NFC').trim());
        expect(stored).not.toMatch(/[\p{Cc}\p{Cs}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u);
        expect(
          stored.replace(/[\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800]/gu, '').length,
        ).toBeGreaterThanOrEqual(2);
      } else {
        expectCleanClientError(result);
        const { fieldErrors } = JSON.parse(result.text) as { fieldErrors: { name: string[] } };
        expect(reasons).toContain(fieldErrors.name[0]);
      }
    }),
    { numRuns: 200 },
  );
}, 60_000);

test('any Authorization header that is not a valid token gets 401 JSON', async () => {
  const header = fc.oneof(
    fc.string(),
    fc.string().map((s) => `Bearer ${s}`),
    fc
      .tuple(fc.base64String(), fc.base64String(), fc.base64String())
      .map((parts) => `Bearer ${parts.join('.')}`),
  );
  await fc.assert(
    fc.asyncProperty(header, async (authorization) => {
      // Headers must be valid HTTP header values to be sent at all.
      fc.pre(/^[\t\x20-\x7e]*$/.test(authorization));
      const result = await send('/products', { headers: { authorization } });
      expectCleanClientError(result);
      expect([400, 401]).toContain(result.status);
    }),
    { numRuns: 150 },
  );
}, 60_000);

test('for any id, an employee gets their own department’s product or 404, never another’s', async () => {
  const sales = `Bearer ${await token({ scope: 'read:products', permissions: ['read:products'], [ROLES_CLAIM]: ['employee'], [DEPARTMENT_CLAIM]: 'sales' })}`;
  const all = (
    JSON.parse(
      (await send('/products', { headers: { authorization: `Bearer ${await adminToken()}` } }))
        .text,
    ) as ProductList
  ).products;
  const id = fc.oneof(
    fc.constantFrom(...all.map((p) => p.id)),
    // ('.' and '..' would be resolved by the URL itself, never sent as ids.)
    fc.string({ minLength: 1 }).filter((s) => s !== '.' && s !== '..'),
    fc.nat(2000).map((n) => `p${n}`),
  );
  await fc.assert(
    fc.asyncProperty(id, async (candidate) => {
      const result = await send(`/products/${encodeURIComponent(candidate)}`, {
        headers: { authorization: sales },
      });
      if (result.status === 200) {
        expect((JSON.parse(result.text) as Product).department).toBe('sales');
      } else {
        expect(result.status).toBe(404);
      }
    }),
    { numRuns: 200 },
  );
}, 60_000);
