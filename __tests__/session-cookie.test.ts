/**
 * The session cookie's flags, as the SDK writes them with this template's
 * configuration: HttpOnly and SameSite=Lax always, Secure when the app is
 * served over https. (The proxy rolls the session on every page request,
 * which rewrites the cookie: no network needed.)
 */
import fs from 'node:fs';
import { parseEnv } from 'node:util';
import { generateSessionCookie } from '@auth0/nextjs-auth0/testing';
import { NextRequest } from 'next/server';

const example = parseEnv(fs.readFileSync('.env.local.example', 'utf8')) as Record<string, string>;

async function sessionCookieWrittenFor(appBaseUrl: string): Promise<string> {
  // The example secret is only accepted for a localhost app.
  const secret = appBaseUrl.startsWith('http://localhost') ? example.AUTH0_SECRET! : 'f'.repeat(64);
  Object.assign(process.env, example, { APP_BASE_URL: appBaseUrl, AUTH0_SECRET: secret });
  let proxy!: typeof import('@/proxy').proxy;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh Auth0Client per base URL
    ({ proxy } = require('@/proxy'));
  });
  const now = Math.floor(Date.now() / 1000);
  const cookie = await generateSessionCookie(
    {
      user: { sub: 'auth0|sales' },
      tokenSet: { accessToken: 'at', expiresAt: now + 3600 },
      internal: { sid: 'sid', createdAt: now },
    },
    { secret },
  );
  const response = await proxy(
    new NextRequest(`${appBaseUrl}/profile`, { headers: { cookie: `__session=${cookie}` } }),
  );
  const written = response.headers.getSetCookie().find((c) => c.startsWith('__session='));
  if (!written) throw new Error('the proxy did not roll the session cookie');
  return written;
}

test('over http (local development): HttpOnly and SameSite=Lax', async () => {
  const cookie = await sessionCookieWrittenFor('http://localhost:3000');
  expect(cookie).toMatch(/;\s*HttpOnly/i);
  expect(cookie).toMatch(/;\s*SameSite=Lax/i);
  expect(cookie).not.toMatch(/;\s*Secure/i);
});

test('over https: Secure as well', async () => {
  const cookie = await sessionCookieWrittenFor('https://shop.example.com');
  expect(cookie).toMatch(/;\s*HttpOnly/i);
  expect(cookie).toMatch(/;\s*SameSite=Lax/i);
  expect(cookie).toMatch(/;\s*Secure/i);
});
