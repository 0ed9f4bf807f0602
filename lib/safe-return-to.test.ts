import { safeReturnTo } from './safe-return-to';

const APP = 'http://localhost:3000';

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
