/**
 * Auth0 down when the user clicks "Log in": a page that says so, not the
 * SDK's plain-text 500. Auth0 here is a closed loopback port.
 */
import fs from 'node:fs';
import net from 'node:net';
import { parseEnv } from 'node:util';
import { NextRequest } from 'next/server';

const example = parseEnv(fs.readFileSync('.env.local.example', 'utf8')) as Record<string, string>;

/** A loopback port with nothing listening on it. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

test('login with Auth0 unreachable redirects to the error page that says so', async () => {
  Object.assign(process.env, example, { AUTH0_DOMAIN: `http://localhost:${await closedPort()}` });
  jest.spyOn(console, 'error').mockImplementation(() => {}); // the SDK logs the failed discovery
  const { proxy } = await import('@/proxy');

  const response = await proxy(new NextRequest(`${example.APP_BASE_URL}/auth/login`));
  expect(response.status).toBe(307);
  const location = new URL(response.headers.get('location')!);
  expect(location.pathname).toBe('/auth-error');
  expect(location.searchParams.get('error')).toBe('auth0_unreachable');
  // The page knows what this code means; the URL carries no text to display.
  expect(location.searchParams.has('error_description')).toBe(false);
});
