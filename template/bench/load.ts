/**
 * `npm run bench:load`: many signed-in users at once, for 30 s.
 *
 * 50 sessions, each from its own login at the local Auth0 and its own session
 * cookie, send GET /api/products to a production build of the app (which calls
 * the products API with each user's token). Prints requests/s, latency, errors
 * (there must be none) and the resident memory of the app and the API before
 * and after.
 *
 * Then every session's access token expires at once: 2 connections per
 * session send requests with cookies whose token has expired (a browser
 * would store the renewed cookie; these keep sending the old one, the harder
 * case). Each session must be renewed once, not once per request: the token
 * endpoint calls must equal the number of sessions, with 0 errors.
 * Loopback only; pass --no-build to reuse an existing build.
 */
import autocannon from 'autocannon';
import { demoTokens, ports, runBenchmark, sessionCookieFor, startBenchServers } from './servers';

const SESSIONS = 50;
const SECONDS = 30;
/** Shorter than the time lib/auth0-fetch.ts shares a renewal's answer. */
const EXPIRY_SECONDS = 8;
const users = ['admin@example.com', 'sam@example.com'];

async function main() {
  const servers = await startBenchServers({ build: !process.argv.includes('--no-build') });
  try {
    const { env } = servers;
    const cookies: string[] = [];
    const expiredCookies: string[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const tokens = await demoTokens(env, users[i % users.length]!);
      cookies.push(await sessionCookieFor(tokens, env.AUTH0_SECRET!));
      expiredCookies.push(await sessionCookieFor(tokens, env.AUTH0_SECRET!, { expired: true }));
    }
    const url = `http://127.0.0.1:${ports.app}/api/products`;

    // One session per connection: every request carries its own user's cookie.
    let next = 0;
    const run = (duration: number) =>
      autocannon({
        url,
        connections: SESSIONS,
        duration,
        setupClient: (c) => c.setHeaders({ cookie: cookies[next++ % cookies.length]! }),
      });

    // A first, unmeasured run lets the heaps grow to their working size, so
    // that before/after compares a warm process with itself: growth then is a leak.
    await run(10);
    const before = servers.memory();
    const result = await run(SECONDS);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const after = servers.memory();

    const errors = result.errors + result.timeouts + result.non2xx;
    console.log(
      `\nLoad: ${SESSIONS} signed-in sessions for ${SECONDS} s against /api/products (after a 10 s warm-up)\n`,
    );
    console.log(
      `requests        ${result.requests.total} (${Math.round(result.requests.average)} req/s)`,
    );
    console.log(`latency         p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
    console.log(
      `errors          ${errors} (connection errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx})`,
    );
    console.log(
      `memory (RSS)    app ${before.app.toFixed(0)} → ${after.app.toFixed(0)} MB, API ${before.api.toFixed(0)} → ${after.api.toFixed(0)} MB`,
    );
    console.log(
      `token endpoint  ${servers.tokenGrants.count - SESSIONS} calls during the run (logins excluded)`,
    );

    // Every session's access token expires at once.
    const grantsBefore = servers.tokenGrants.count;
    let nextExpired = 0;
    const expiry = await autocannon({
      url,
      connections: SESSIONS * 2,
      duration: EXPIRY_SECONDS,
      setupClient: (c) =>
        c.setHeaders({ cookie: expiredCookies[nextExpired++ % expiredCookies.length]! }),
    });
    const renewals = servers.tokenGrants.count - grantsBefore;
    const expiryErrors = expiry.errors + expiry.timeouts + expiry.non2xx;
    console.log(
      `\nExpiry: the access tokens of all ${SESSIONS} sessions expire together; ${SESSIONS * 2} connections for ${EXPIRY_SECONDS} s\n`,
    );
    console.log(
      `requests        ${expiry.requests.total} (${Math.round(expiry.requests.average)} req/s)`,
    );
    console.log(`latency         p50 ${expiry.latency.p50} ms, p99 ${expiry.latency.p99} ms`);
    console.log(
      `errors          ${expiryErrors} (connection errors ${expiry.errors}, timeouts ${expiry.timeouts}, non-2xx ${expiry.non2xx})`,
    );
    console.log(`token endpoint  ${renewals} calls for ${SESSIONS} sessions (must be equal)`);

    process.exitCode = errors === 0 && expiryErrors === 0 && renewals === SESSIONS ? 0 : 1;
  } finally {
    servers.stop();
  }
}

runBenchmark(main);
