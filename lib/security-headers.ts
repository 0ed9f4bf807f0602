/**
 * The security headers of every page and API response (see next.config.ts).
 *
 * The Content-Security-Policy allows only what the app uses: its own scripts
 * and styles, avatars from the identity provider, and no framing. Next.js
 * development mode needs eval and a websocket for hot reload, so the policy
 * is only sent by production builds.
 */
// A relative import: next.config.ts loads this file, before the @/ alias exists.
import { isLoopbackUrl, type ServerEnv } from './env-schema';

export function contentSecurityPolicy(
  env: Pick<ServerEnv, 'AUTH0_DOMAIN' | 'usesLocalAuth0'>,
): string {
  // Avatars: Auth0 serves pictures from many hosts (Gravatar, social providers,
  // cdn.auth0.com), all over https; the local Auth0 serves them itself.
  const images = ["'self'", 'data:', 'https:', ...(env.usesLocalAuth0 ? [env.AUTH0_DOMAIN] : [])];
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Next.js sets a few inline styles (e.g. its route announcer).
    "style-src 'self' 'unsafe-inline'",
    `img-src ${images.join(' ')}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(
  env: Pick<ServerEnv, 'AUTH0_DOMAIN' | 'usesLocalAuth0' | 'APP_BASE_URL' | 'NODE_ENV'>,
): { key: string; value: string }[] {
  const https = env.APP_BASE_URL.startsWith('https://') && !isLoopbackUrl(env.APP_BASE_URL);
  return [
    ...(env.NODE_ENV === 'production'
      ? [{ key: 'Content-Security-Policy', value: contentSecurityPolicy(env) }]
      : []),
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
    ...(https
      ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }]
      : []),
  ];
}

/**
 * Next.js's dev server (Turbopack) serves this one script as
 * `application/json` (https://github.com/vercel/next.js/issues/92180), so
 * with `nosniff` the browser refuses to run it and logs an error on every
 * page. In development only, this file alone goes without `nosniff`;
 * everything else keeps it, and production builds send it everywhere.
 */
const DEV_SCRIPT_SERVED_AS_JSON = '/_next/static/development/_clientMiddlewareManifest.js';

/**
 * The `headers()` rules of next.config.ts.
 *
 * Their sources match every path with an unnamed group, `/(.*)`, not
 * `/:path*`: for a rule with a named parameter, Next.js treats every header
 * value that holds a `:` (the CSP has several) as a template for that
 * parameter and compiles it again on every request (docs/performance.md).
 */
export function securityHeaderRules(
  env: Parameters<typeof securityHeaders>[0],
): { source: string; headers: { key: string; value: string }[] }[] {
  const headers = securityHeaders(env);
  if (env.NODE_ENV === 'production') return [{ source: '/(.*)', headers }];
  const isNosniff = (header: { key: string }) => header.key === 'X-Content-Type-Options';
  const exceptThatScript = DEV_SCRIPT_SERVED_AS_JSON.slice(1).replace(/\./g, '\\.');
  return [
    { source: '/(.*)', headers: headers.filter((header) => !isNosniff(header)) },
    { source: `/((?!${exceptThatScript}$).*)`, headers: headers.filter(isNosniff) },
  ];
}
