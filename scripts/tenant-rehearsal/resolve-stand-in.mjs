// @ts-check
/**
 * Preloaded into every Node process of a tenant rehearsal (the app, the
 * products API, the Playwright runner) with NODE_OPTIONS=--import: the stand-in
 * tenant's host name (STAND_IN_TENANT_HOST) resolves to loopback, as the DNS
 * record of a real tenant resolves to Auth0. Nothing on the machine changes
 * (no /etc/hosts line), and every other name resolves as usual.
 *
 * Plain JavaScript: it runs before any TypeScript loader, in processes that have none.
 */
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';

const host = process.env.STAND_IN_TENANT_HOST?.toLowerCase();
const LOOPBACK = { address: '127.0.0.1', family: 4 };

/** @param {unknown} options */
const wantsAll = (options) =>
  typeof options === 'object' && options !== null && 'all' in options && options.all === true;

/** @param {unknown} hostname */
const isStandIn = (hostname) => String(hostname).toLowerCase() === host;

if (host) {
  const { lookup } = dns;
  const lookupPromise = dns.promises.lookup;

  Object.assign(dns, {
    // Callback style: used by net, http, https and undici (Node's fetch).
    /** @param {unknown[]} args */
    lookup(...args) {
      const [hostname, options, callback] = args;
      if (!isStandIn(hostname)) return Reflect.apply(lookup, dns, args);
      const done = typeof options === 'function' ? options : callback;
      if (typeof done !== 'function') throw new TypeError('dns.lookup needs a callback');
      process.nextTick(() =>
        wantsAll(options) ? done(null, [LOOPBACK]) : done(null, LOOPBACK.address, LOOPBACK.family),
      );
    },
  });

  Object.assign(dns.promises, {
    // Promise style: used by Playwright's own HTTP client.
    /** @param {unknown[]} args */
    async lookup(...args) {
      const [hostname, options] = args;
      if (!isStandIn(hostname)) return Reflect.apply(lookupPromise, dns.promises, args);
      return wantsAll(options) ? [LOOPBACK] : LOOPBACK;
    },
  });

  // Modules that import { lookup } from 'node:dns' see the change too.
  syncBuiltinESMExports();
}
