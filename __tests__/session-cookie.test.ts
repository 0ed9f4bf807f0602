/**
 * The session cookie's flags, as the SDK writes them with this template's
 * configuration: HttpOnly and SameSite=Lax always, Secure when the app is
 * served over https. The SDK writes the cookie here as it does after a login
 * or a refresh, through auth0.updateSession: no network needed.
 */
import { generateSessionCookie } from '@auth0/nextjs-auth0/testing';
import { exampleEnv } from '@/test-helpers/project';

async function sessionCookieWrittenFor(appBaseUrl: string): Promise<string> {
  // The example secret is only accepted for a localhost app.
  const secret = appBaseUrl.startsWith('http://localhost')
    ? exampleEnv.AUTH0_SECRET!
    : 'f'.repeat(64);
  Object.assign(process.env, exampleEnv, { APP_BASE_URL: appBaseUrl, AUTH0_SECRET: secret });
  let auth0!: typeof import('@/lib/auth0').auth0;
  let server!: typeof import('next/server');
  jest.isolateModules(() => {
    /* eslint-disable @typescript-eslint/no-require-imports -- a fresh Auth0Client per base URL, with the same next/server it checks requests against */
    ({ auth0 } = require('@/lib/auth0'));
    server = require('next/server');
    /* eslint-enable @typescript-eslint/no-require-imports */
  });
  const now = Math.floor(Date.now() / 1000);
  const session = {
    user: { sub: 'auth0|sales' },
    tokenSet: { accessToken: 'at', expiresAt: now + 3600 },
    internal: { sid: 'sid', createdAt: now },
  };
  const cookie = await generateSessionCookie(session, { secret });
  const request = new server.NextRequest(`${appBaseUrl}/profile`, {
    headers: { cookie: `__session=${cookie}` },
  });
  const response = server.NextResponse.next();
  await auth0.updateSession(request, response, session);
  const written = response.headers.getSetCookie().find((c) => c.startsWith('__session='));
  if (!written) throw new Error('the SDK wrote no session cookie');
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
