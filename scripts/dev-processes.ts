/**
 * What `npm run dev` (scripts/dev.ts) starts for a configuration: the local
 * Auth0 only when AUTH0_DOMAIN is http://localhost:… (with a tenant's domain
 * the app talks to the tenant), the sample products API only for a local
 * PRODUCTS_API_URL, and always Next.js: its dev server, or `next start` for
 * `npm run preview` (which builds first).
 */
import type { ServerEnv } from '../lib/env-schema';
import { listenAddress, listenArgs } from './listen-address';

export type DevProcess = { name: string; args: string[] };

export function devProcesses(
  env: Pick<ServerEnv, 'usesLocalAuth0' | 'PRODUCTS_API_URL' | 'APP_BASE_URL'>,
  port?: string,
  next: 'dev' | 'start' = 'dev',
): DevProcess[] {
  const processes: DevProcess[] = [];
  if (env.usesLocalAuth0) {
    processes.push({
      name: 'The local Auth0',
      args: ['--import', 'tsx', 'services/auth0-local/server.ts'],
    });
  }
  // Point PRODUCTS_API_URL elsewhere to use your own API.
  if (/^http:\/\/localhost:\d+$/.test(env.PRODUCTS_API_URL)) {
    processes.push({
      name: 'The products API',
      args: ['--import', 'tsx', 'services/products-api/server.ts'],
    });
  }
  // Loopback only for a localhost APP_BASE_URL (see scripts/listen-address.ts).
  const listen = listenArgs(listenAddress(env.APP_BASE_URL, port));
  // The dev server is Turbopack, named: next.config.ts has a webpack function
  // for the production build, and without the flag Next 16 refuses to start.
  const bundler = next === 'dev' ? ['--turbopack'] : [];
  processes.push({
    name: 'Next.js',
    args: ['node_modules/next/dist/bin/next', next, ...bundler, ...listen],
  });
  return processes;
}
