// @ts-check
/**
 * Preloaded into every Node process of a tenant rehearsal (the app, the
 * products API, the Playwright runner) with NODE_OPTIONS=--import: the stand-in
 * tenant's host name (STAND_IN_TENANT_HOST) resolves to loopback, as the DNS
 * record of a real tenant resolves to Auth0. In the deployed-shape rehearsal
 * the app's and the API's names (STAND_IN_PROXY_HOSTS, space-separated)
 * resolve to the reverse proxy's own loopback address (STAND_IN_PROXY_ADDRESS),
 * as a deployed app's name resolves to its host's edge. Nothing on the machine
 * changes (no /etc/hosts line), and every other name resolves as usual.
 *
 * Plain JavaScript: it runs before any TypeScript loader, in processes that have none.
 */
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';

/** Each rehearsal name, lower case, and the loopback address it resolves to. */
const addresses = new Map();
const tenantHost = process.env.STAND_IN_TENANT_HOST?.toLowerCase();
if (tenantHost) addresses.set(tenantHost, '127.0.0.1');
for (const name of (process.env.STAND_IN_PROXY_HOSTS ?? '').split(/\s+/).filter(Boolean))
  addresses.set(name.toLowerCase(), process.env.STAND_IN_PROXY_ADDRESS ?? '127.0.0.1');

/** @param {unknown} options */
const wantsAll = (options) =>
  typeof options === 'object' && options !== null && 'all' in options && options.all === true;

/**
 * @param {unknown} hostname
 * @returns {{ address: string, family: 4 } | undefined}
 */
const standInFor = (hostname) => {
  const address = addresses.get(String(hostname).toLowerCase());
  return address ? { address, family: 4 } : undefined;
};

if (addresses.size > 0) {
  const { lookup } = dns;
  const lookupPromise = dns.promises.lookup;

  Object.assign(dns, {
    // Callback style: used by net, http, https and undici (Node's fetch).
    /** @param {unknown[]} args */
    lookup(...args) {
      const [hostname, options, callback] = args;
      const found = standInFor(hostname);
      if (!found) return Reflect.apply(lookup, dns, args);
      const done = typeof options === 'function' ? options : callback;
      if (typeof done !== 'function') throw new TypeError('dns.lookup needs a callback');
      process.nextTick(() =>
        wantsAll(options) ? done(null, [found]) : done(null, found.address, found.family),
      );
    },
  });

  Object.assign(dns.promises, {
    // Promise style: used by Playwright's own HTTP client.
    /** @param {unknown[]} args */
    async lookup(...args) {
      const [hostname, options] = args;
      const found = standInFor(hostname);
      if (!found) return Reflect.apply(lookupPromise, dns.promises, args);
      return wantsAll(options) ? [found] : found;
    },
  });

  // Modules that import { lookup } from 'node:dns' see the change too.
  syncBuiltinESMExports();
}
