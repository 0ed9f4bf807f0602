import { SignJWT, UnsecuredJWT } from 'jose';
import { NextRequest } from 'next/server';
import {
  openLoginError,
  safeReturnTo,
  sealLoginError,
  stepUpOf,
  withAllowedLoginParams,
  type DenyReason,
} from './login';

const APP = 'http://localhost:3000';
const SETTINGS = { scope: 'openid offline_access read:products', appBaseUrl: APP };
const searchOf = (path: string) =>
  withAllowedLoginParams(new NextRequest(`${APP}${path}`), SETTINGS).nextUrl.search;
const paramsOf = (path: string) => new URLSearchParams(searchOf(path));

test('keeps returnTo and the login page hints, drops everything else', () => {
  expect(
    searchOf(
      '/auth/login?scope=openid&returnTo=%2Fproducts&Audience=x&screen_hint=signup&prompt=none',
    ),
  ).toBe('?returnTo=%2Fproducts&screen_hint=signup');
});

test('drops every copy of a repeated parameter', () => {
  expect(searchOf('/auth/login?scope=a&scope=b&audience=c&audience=d')).toBe('');
});

test('applies with a trailing slash too', () => {
  expect(searchOf('/auth/login/?scope=openid')).toBe('');
});

test('leaves other routes alone, and a clean login request unchanged', () => {
  expect(searchOf('/products?scope=openid')).toBe('?scope=openid');
  expect(searchOf('/auth/logout?returnTo=%2F&federated')).toBe('?returnTo=%2F&federated');
  const clean = new NextRequest(`${APP}/auth/login?returnTo=%2Fprofile`);
  expect(withAllowedLoginParams(clean, SETTINGS)).toBe(clean);
});

test('keeps the cookies and headers of the original request', () => {
  const request = new NextRequest(`${APP}/auth/login?scope=openid`, {
    headers: { cookie: 'a=1', 'sec-fetch-mode': 'navigate' },
  });
  const cleaned = withAllowedLoginParams(request, SETTINGS);
  expect(cleaned.cookies.get('a')?.value).toBe('1');
  expect(cleaned.headers.get('sec-fetch-mode')).toBe('navigate');
});

describe('a named step-up', () => {
  test('adds its one scope to the configured ones, on the server', () => {
    const params = paramsOf('/auth/login?step_up=add_product&returnTo=%2Fproducts');
    expect(params.get('scope')).toBe('openid offline_access read:products create:products');
    expect(params.get('step_up')).toBeNull();
  });

  test('marks the returnTo, so that a step-up not completed can be told apart', () => {
    const params = paramsOf('/auth/login?step_up=add_product&returnTo=%2Fproducts%3Fpage%3D2');
    expect(params.get('returnTo')).toBe('/products?page=2&step_up=add_product');
    expect(stepUpOf(params.get('returnTo') ?? undefined, APP)).toBe('add_product');
    expect(stepUpOf('/products', APP)).toBeNull();
    expect(stepUpOf('/products?step_up=delete_everything', APP)).toBeNull();
  });

  test('keeps the returnTo a path of this app', () => {
    expect(
      paramsOf('/auth/login?step_up=add_product&returnTo=%2F%2Fevil.example').get('returnTo'),
    ).toBe('/?step_up=add_product');
    expect(paramsOf('/auth/login?step_up=add_product').get('returnTo')).toBe(
      '/?step_up=add_product',
    );
  });

  test('an unknown name, or a scope beside it, asks for nothing more', () => {
    expect(searchOf('/auth/login?step_up=delete_everything')).toBe('');
    expect(searchOf('/auth/login?step_up=create%3Aproducts')).toBe('');
    const params = paramsOf('/auth/login?step_up=add_product&scope=openid+delete%3Aproducts');
    expect(params.get('scope')).toBe('openid offline_access read:products create:products');
    expect(params.getAll('scope')).toHaveLength(1);
  });
});

// safeReturnTo

/** Where a browser lands when the app redirects to `new URL(result, APP)`. */
const landing = (returnTo: string) => new URL(safeReturnTo(returnTo, APP), APP);

test.each([
  ['/', '/'],
  ['/products', '/products'],
  ['/products?department=sales#top', '/products?department=sales#top'],
  ['/profile/', '/profile/'],
  ['/a/../products', '/products'],
  ['/./products', '/products'],
  ['/@evil.example', '/@evil.example'],
  ['/products%2Fsales', '/products%2Fsales'],
  ['http://localhost:3000/profile?tab=claims', '/profile?tab=claims'],
  ['profile', '/profile'],
])('keeps the same-origin path %j as %j', (returnTo, expected) => {
  expect(safeReturnTo(returnTo, APP)).toBe(expected);
});

// Each of these, resolved against the app by a naive `new URL(returnTo, base)`
// or by a browser, either leaves the app or is too odd to trust.
const offSite = [
  // absolute and protocol-relative
  'https://evil.example/',
  'http://evil.example',
  'HTTPS://EVIL.EXAMPLE/',
  '//evil.example/',
  '///evil.example/',
  '////evil.example/',
  // what the SDK stores as a path that starts with "//"
  '/.//evil.example/pwn',
  '/x/..//evil.example/pwn',
  '/%2e//evil.example/pwn',
  '/%2E%2E//evil.example/pwn',
  '/.%2e//evil.example/pwn',
  'http://localhost:3000//evil.example/pwn',
  'http://localhost:3000/.//evil.example/pwn',
  // backslashes, raw and encoded
  '/\\evil.example/pwn',
  '\\\\evil.example',
  '\\/evil.example',
  'http://localhost:3000/\\evil.example/pwn',
  '/%5Cevil.example',
  '/%5C%5Cevil.example',
  // encoded slashes
  '/%2F%2Fevil.example',
  '/%2fevil.example',
  '%2F%2Fevil.example',
  'https:%2F%2Fevil.example',
  // tabs, newlines and other control characters (parsers drop them)
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  '/%09/evil.example',
  '/%0A/evil.example',
  '/\u0000/evil.example',
  // other schemes
  'javascript:alert(1)',
  'JavaScript:alert(document.cookie)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'mailto:someone@evil.example',
  // userinfo
  'http://localhost:3000@evil.example/',
  '//localhost:3000@evil.example/',
  'http://user:password@localhost:3000/',
  'http://evil.example#@localhost:3000/',
  // same host, another origin
  'https://localhost:3000/',
  'http://localhost:3001/',
  'http://127.0.0.1:3000/',
];

test.each(offSite)('sends %j home instead of off the app', (returnTo) => {
  expect(safeReturnTo(returnTo, APP)).toBe('/');
  expect(landing(returnTo).origin).toBe(APP);
});

test.each([undefined, null, ''])('falls back to the home page for %j', (returnTo) => {
  expect(safeReturnTo(returnTo, APP)).toBe('/');
});

test('works for an app served over https on the default port', () => {
  const app = 'https://app.example.com';
  expect(safeReturnTo('https://app.example.com/products', app)).toBe('/products');
  expect(safeReturnTo('https://app.example.com//evil.example/', app)).toBe('/');
  expect(safeReturnTo('http://app.example.com/products', app)).toBe('/');
});

// The login error cookie
const SECRET = 'a-test-secret-of-sufficient-length-0123456789abcdef';
const REASON = 'blocked';

test('the page reads back the reason the app sealed for that code', async () => {
  const cookie = await sealLoginError('access_denied', REASON, SECRET);
  await expect(openLoginError(cookie, 'access_denied', SECRET)).resolves.toBe(REASON);
});

test('a reason is only shown under the code it was sealed for', async () => {
  const cookie = await sealLoginError('access_denied', REASON, SECRET);
  await expect(openLoginError(cookie, 'login_failed', SECRET)).resolves.toBeNull();
});

/** A JWT with the right shape and a reason of the attacker's choosing, signed with `key`. */
const signedWith = (key: string) =>
  new SignJWT({ code: 'access_denied', reason: 'Call 555' })
    .setProtectedHeader({ alg: 'HS256', typ: 'login-error' })
    .setExpirationTime('1m')
    .sign(new TextEncoder().encode(key));

test.each<[string, () => string | Promise<string>]>([
  ['a plain text', () => 'Your account is locked. Call +1 555 0100'],
  ['an empty value', () => ''],
  [
    'an unsigned JWT',
    () => new UnsecuredJWT({ code: 'access_denied', reason: 'Call 555' }).encode(),
  ],
  ['a JWT signed with AUTH0_SECRET itself', () => signedWith(SECRET)],
  ['a JWT signed with another secret', () => signedWith('x'.repeat(48))],
])('a forged cookie (%s) is ignored', async (_kind, forge) => {
  await expect(openLoginError(await forge(), 'access_denied', SECRET)).resolves.toBeNull();
});

test('a sealed cookie whose reason was changed is ignored', async () => {
  const [header, , signature] = (await sealLoginError('access_denied', REASON, SECRET)).split('.');
  const payload = Buffer.from(
    JSON.stringify({ code: 'access_denied', reason: 'Call 555', exp: 9_999_999_999 }),
  ).toString('base64url');
  await expect(
    openLoginError(`${header}.${payload}.${signature}`, 'access_denied', SECRET),
  ).resolves.toBeNull();
});

test('a sealed cookie is worth nothing after a minute', async () => {
  const cookie = await sealLoginError('access_denied', REASON, SECRET);
  jest.useFakeTimers({ now: Date.now() + 61_000, doNotFake: ['nextTick', 'queueMicrotask'] });
  try {
    await expect(openLoginError(cookie, 'access_denied', SECRET)).resolves.toBeNull();
  } finally {
    jest.useRealTimers();
  }
});

test.each([
  ['a free text, as the app once signed', 'Your account is locked. Call +1 555 0100'],
  ['a name every object has', 'toString'],
  ['the message instead of its id', 'This account has been blocked. Contact your administrator.'],
])('a sealed cookie whose reason is not a known id (%s) is ignored', async (_kind, reason) => {
  // Only DENY_REASONS names a text: a valid signature alone does not.
  const cookie = await sealLoginError('access_denied', reason as DenyReason, SECRET);
  await expect(openLoginError(cookie, 'access_denied', SECRET)).resolves.toBeNull();
});
