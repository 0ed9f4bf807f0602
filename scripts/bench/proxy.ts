/**
 * `npm run bench:proxy`: what the backend-for-frontend hop costs.
 *
 * The same request, measured in the same run:
 *   direct   GET <products API>/products   with the bearer access token
 *   proxied  GET <app>/api/products        with the session cookie (a production build)
 * at concurrency 1 (latency) and 10 (throughput), then 1,000 proxied requests
 * while counting the local Auth0's token endpoint: the access token must be
 * reused from the session, not fetched again. Loopback only; bounded in time.
 *
 * Pass --no-build to reuse an existing `next build`.
 */
import autocannon from 'autocannon';
import { demoTokens, ports, runBenchmark, sessionCookieFor, startBenchServers } from './servers';

type Run = { p50: number; p99: number; rps: number; errors: number; non2xx: number };

async function measure(
  url: string,
  headers: Record<string, string>,
  options: { connections: number; duration?: number; amount?: number },
): Promise<Run> {
  const result = await autocannon({
    url,
    headers,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? 5 }),
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

const fmt = (value: number, digits = 1) => value.toFixed(digits).padStart(8);

async function main() {
  const servers = await startBenchServers({ build: !process.argv.includes('--no-build') });
  try {
    const { env } = servers;
    const tokens = await demoTokens(env, 'admin@example.com');
    const direct = {
      url: `http://127.0.0.1:${ports.api}/products`,
      headers: { authorization: `Bearer ${tokens.access_token}` },
    };
    const proxied = {
      url: `http://127.0.0.1:${ports.app}/api/products`,
      headers: { cookie: await sessionCookieFor(tokens, env.AUTH0_SECRET!) },
    };

    // Warm up both paths (JIT, JWKS fetch, Next's route compilation).
    await measure(direct.url, direct.headers, { connections: 2, amount: 200 });
    await measure(proxied.url, proxied.headers, { connections: 2, amount: 200 });

    const rows: [string, Run, Run][] = [];
    for (const connections of [1, 10]) {
      const d = await measure(direct.url, direct.headers, { connections, duration: 5 });
      const p = await measure(proxied.url, proxied.headers, { connections, duration: 5 });
      rows.push([`concurrency ${connections}`, d, p]);
    }

    const before = servers.tokenGrants.count;
    const thousand = await measure(proxied.url, proxied.headers, { connections: 10, amount: 1000 });
    const tokenCalls = servers.tokenGrants.count - before;

    console.log('\nBFF proxy benchmark (latency in ms, throughput in requests/s)\n');
    console.log(
      '                 |  direct p50      p99    req/s | proxied p50      p99    req/s | added p50  throughput kept',
    );
    for (const [label, d, p] of rows) {
      console.log(
        `${label.padEnd(16)} | ${fmt(d.p50)} ${fmt(d.p99)} ${fmt(d.rps, 0)} | ${fmt(p.p50)} ${fmt(p.p99)} ${fmt(p.rps, 0)} | ${fmt(p.p50 - d.p50)}  ${fmt((100 * p.rps) / d.rps, 0)} %`,
      );
    }
    const failures = rows
      .flatMap(([, d, p]) => [d, p])
      .concat(thousand)
      .reduce((sum, r) => sum + r.errors + r.non2xx, 0);
    console.log(
      `\n1,000 proxied requests: ${thousand.non2xx + thousand.errors} failed; token endpoint called ${tokenCalls} times.`,
    );
    console.log(`Failed requests in all runs: ${failures}.`);
    const [, d1, p1] = rows[0]!;
    const [, d10, p10] = rows[1]!;
    console.log(
      `\nTargets: added p50 at concurrency 1 < 5 ms: ${p1.p50 - d1.p50 < 5 ? 'met' : 'NOT met'}; ` +
        `throughput kept at concurrency 10 ≥ 40 %: ${p10.rps / d10.rps >= 0.4 ? 'met' : 'NOT met'}; ` +
        `token endpoint calls = 0: ${tokenCalls === 0 ? 'met' : 'NOT met'}.`,
    );
  } finally {
    servers.stop();
  }
}

runBenchmark(main);
