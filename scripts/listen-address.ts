/**
 * Where `npm run dev` and `npm start` make Next.js listen.
 *
 * With a localhost APP_BASE_URL the app runs with local settings (the local
 * Auth0, and an AUTH0_SECRET that may be the public example): anyone who can
 * reach the server could forge a session. So it listens on the loopback
 * address of APP_BASE_URL only, and on APP_BASE_URL's port, where the login
 * callback comes back to. Next.js alone would listen on every interface, on
 * port 3000.
 *
 * A deployed app (any other APP_BASE_URL) usually sits behind its host's
 * proxy: it listens on every interface, on PORT when the host sets one.
 */
import { isLoopbackUrl } from '../lib/env-schema';

export type ListenAddress = { hostname?: string; port: string };

function portOf(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

export function listenAddress(appBaseUrl: string, hostPort?: string): ListenAddress {
  const url = new URL(appBaseUrl);
  if (isLoopbackUrl(appBaseUrl)) {
    // "[::1]" in a URL is "::1" to listen on.
    return { hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: portOf(url) };
  }
  return { port: hostPort || url.port || '3000' };
}

/** The options for `next dev` or `next start`. */
export function listenArgs({ hostname, port }: ListenAddress): string[] {
  return [...(hostname ? ['--hostname', hostname] : []), '--port', port];
}
