import {
  contentSecurityPolicy,
  securityHeaderRules,
  securityHeaders,
} from '@/lib/security-headers';

const local = {
  AUTH0_DOMAIN: 'http://localhost:4400',
  usesLocalAuth0: true,
  APP_BASE_URL: 'http://localhost:3000',
  NODE_ENV: 'production',
};
const deployed = {
  AUTH0_DOMAIN: 'my-tenant.eu.auth0.com',
  usesLocalAuth0: false,
  APP_BASE_URL: 'https://shop.example.com',
  NODE_ENV: 'production',
};
const names = (headers: { key: string }[]) => headers.map((h) => h.key);

test('the CSP forbids framing and foreign scripts, and allows the local Auth0’s avatars', () => {
  const csp = contentSecurityPolicy(local);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("script-src 'self';");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toMatch(/img-src [^;]*http:\/\/localhost:4400/);
  expect(contentSecurityPolicy(deployed)).not.toContain('localhost');
});

test('HSTS only for an https app; the CSP only in production builds', () => {
  expect(names(securityHeaders(deployed))).toContain('Strict-Transport-Security');
  expect(names(securityHeaders(local))).not.toContain('Strict-Transport-Security');
  expect(names(securityHeaders({ ...local, NODE_ENV: 'development' }))).not.toContain(
    'Content-Security-Policy',
  );
  expect(names(securityHeaders(local))).toEqual([
    'Content-Security-Policy',
    'X-Frame-Options',
    'X-Content-Type-Options',
    'Referrer-Policy',
    'Permissions-Policy',
  ]);
});

test('nosniff everywhere in production; in development all but the script Next.js serves as JSON', () => {
  expect(securityHeaderRules(local)).toEqual([
    { source: '/(.*)', headers: securityHeaders(local) },
  ]);
  const dev = securityHeaderRules({ ...local, NODE_ENV: 'development' });
  expect(dev.map((rule) => [rule.source, names(rule.headers)])).toEqual([
    ['/(.*)', ['X-Frame-Options', 'Referrer-Policy', 'Permissions-Policy']],
    [
      '/((?!_next/static/development/_clientMiddlewareManifest\\.js$).*)',
      ['X-Content-Type-Options'],
    ],
  ]);
});
