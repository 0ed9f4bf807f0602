/**
 * `npm run bench:bff`: what the backend-for-frontend hop costs, and where.
 *
 * The same request, measured in the same run:
 *   direct   GET <products API>/products   with the bearer access token
 *   proxied  GET <app>/api/products        with the session cookie (a production build)
 * at concurrency 1 (latency) and 10 (throughput), then 1,000 proxied requests
 * while counting the local Auth0's token endpoint: the access token must be
 * reused from the session, not fetched again. Then the breakdown, at
 * concurrency 10: the hop taken apart, one part per route (see
 * breakdown-app.ts for why those routes live in a throw-away copy of the app),
 * with the CPU time the app and the API spent per request (process-cpu.ts).
 * Whatever is compared is measured in turns (measureInTurns). Loopback only;
 * bounded in time.
 *
 * --no-build  reuse the previous run's build
 * --profile   instead of the benchmark, record a CPU profile of the app
 *             (`node --cpu-prof`) under proxied load and say where the time went
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { breakdownAppDir, prepareBreakdownApp } from './breakdown-app';
import { summarizeCpuProfile } from './cpu-profile';
import { addCpu, cpuTime, machineCpu, stolenShare, subtractCpu, type CpuTime } from './process-cpu';
import { demoTokens, ports, runBenchmark, sessionCookieFor, startBenchServers } from './servers';

type Run = {
  p50: number;
  p99: number;
  rps: number;
  total: number;
  errors: number;
  non2xx: number;
  /** CPU time the app and the API used during the run (Linux only). */
  cpu?: { app: CpuTime; api: CpuTime; wallMs: number };
};
type Target = { url: string; headers: Record<string, string> };
type Pids = { app: number; api: number };

async function measure(
  { url, headers }: Target,
  options: { connections: number; duration?: number; amount?: number; pids?: Pids },
): Promise<Run> {
  const { pids } = options;
  const cpuNow = () => {
    const app = pids && cpuTime(pids.app);
    const api = pids && cpuTime(pids.api);
    return app && api ? { app, api, at: performance.now() } : undefined;
  };
  const before = cpuNow();
  const result = await autocannon({
    url,
    headers,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? 5 }),
  });
  const after = cpuNow();
  return {
    cpu:
      before && after
        ? {
            app: subtractCpu(after.app, before.app),
            api: subtractCpu(after.api, before.api),
            wallMs: after.at - before.at,
          }
        : undefined,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    total: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * Measures the targets in turns, `rounds` times `seconds` each, and adds each
 * target's turns up. On a shared machine a slow patch of a few seconds would
 * otherwise fall on whichever target was measured then; in turns, it falls
 * on all of them alike. Throughput and CPU are totals over the turns; p50
 * and p99 are the medians of the turns' own.
 */
async function measureInTurns(
  targets: Target[],
  options: { connections: number; rounds: number; seconds: number; pids?: Pids },
): Promise<Run[]> {
  const turns: Run[][] = targets.map(() => []);
  for (let round = 0; round < options.rounds; round++) {
    for (const [index, target] of targets.entries()) {
      turns[index]!.push(await measure(target, { ...options, duration: options.seconds }));
    }
  }
  const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
  return turns.map((runs) => {
    const total = runs.reduce((sum, run) => sum + run.total, 0);
    const cpuRuns = runs.map((run) => run.cpu);
    const cpu = cpuRuns.every((c) => c !== undefined)
      ? cpuRuns.reduce((sum, c) => ({
          app: addCpu(sum.app, c.app),
          api: addCpu(sum.api, c.api),
          wallMs: sum.wallMs + c.wallMs,
        }))
      : undefined;
    return {
      p50: median(runs.map((run) => run.p50)),
      p99: median(runs.map((run) => run.p99)),
      rps: total / (options.rounds * options.seconds),
      total,
      errors: runs.reduce((sum, run) => sum + run.errors, 0),
      non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
      cpu,
    };
  });
}

const PROFILE_SECONDS = 10;

const fmt = (value: number, digits = 1) => value.toFixed(digits).padStart(8);

async function main() {
  const build = !process.argv.includes('--no-build');
  const profile = process.argv.includes('--profile');
  const appDir = build ? prepareBreakdownApp() : breakdownAppDir();
  if (!build && !fs.existsSync(path.join(appDir, '.next'))) {
    throw new Error('No previous build to reuse: run without --no-build first.');
  }
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-profile-'));
  const servers = await startBenchServers({
    build,
    appDir,
    appNodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
  try {
    const { env } = servers;
    const tokens = await demoTokens(env, 'admin@example.com');
    const bearer = { authorization: `Bearer ${tokens.access_token}` };
    const cookie = { cookie: await sessionCookieFor(tokens, env.AUTH0_SECRET!) };
    const app = (route: string, headers: Record<string, string>) => ({
      url: `http://127.0.0.1:${ports.app}${route}`,
      headers,
    });
    const direct = { url: `http://127.0.0.1:${ports.api}/products`, headers: bearer };
    const proxied = app('/api/products', cookie);
    const bare = app('/api/bench/bare', {});
    const forum = app('/api/bench/forum-pattern', cookie);
    const breakdown: [string, Target][] = [
      ['bare Next API route', bare],
      ['bare route, session cookie sent', app('/api/bench/bare', cookie)],
      ['route + cookie decrypted, key kept', app('/api/bench/cookie-decrypt', cookie)],
      ['route + session (withApiAuthRequired)', app('/api/bench/session', cookie)],
      ['route + session + getAccessToken', app('/api/bench/session-sdk-token', cookie)],
      ['route + upstream call (no session)', app('/api/bench/upstream', bearer)],
      ['the forum pattern (fetch, unchecked)', forum],
      ['everything (/api/products)', proxied],
      ['direct (the products API)', direct],
    ];

    // Warm up every path (JIT, JWKS fetch, Next's route loading), under the
    // load it is measured with: after a short warm-up the app kept getting
    // faster during the run, and whichever row came later looked cheaper.
    for (const [, target] of breakdown) await measure(target, { connections: 10, amount: 3000 });

    if (profile) {
      const run = await measure(proxied, { connections: 10, duration: PROFILE_SECONDS });
      servers.stop();
      await servers.appExited;
      printProfile(profileDir, run.total);
      return;
    }

    const machineBefore = machineCpu();
    const rows: [string, Run, Run][] = [];
    for (const connections of [1, 10]) {
      const [d, p] = await measureInTurns([direct, proxied], {
        connections,
        rounds: 5,
        seconds: 2,
      });
      rows.push([`concurrency ${connections}`, d!, p!]);
    }

    const before = servers.tokenGrants.count;
    const thousand = await measure(proxied, { connections: 10, amount: 1000 });
    const tokenCalls = servers.tokenGrants.count - before;

    const breakdownRuns = await measureInTurns(
      breakdown.map(([, target]) => target),
      { connections: 10, rounds: 5, seconds: 2, pids: servers.pids },
    );
    const parts = breakdown.map(([label], index): [string, Run] => [label, breakdownRuns[index]!]);
    const runOf = (target: Target) => breakdownRuns[breakdown.findIndex(([, t]) => t === target)]!;
    const machineAfter = machineCpu();

    const [, d1, p1] = rows[0]!;
    const [, d10, p10] = rows[1]!;
    console.log('\nBFF benchmark (latency in ms, throughput in requests/s)\n');
    console.log(
      '                 |  direct p50      p99    req/s | proxied p50      p99    req/s | added p50  throughput kept',
    );
    for (const [label, d, p] of rows) {
      console.log(
        `${label.padEnd(16)} | ${fmt(d.p50)} ${fmt(d.p99)} ${fmt(d.rps, 0)} | ${fmt(p.p50)} ${fmt(p.p99)} ${fmt(p.rps, 0)} | ${fmt(p.p50 - d.p50)}  ${fmt((100 * p.rps) / d.rps, 0)} %`,
      );
    }

    console.log('\nBreakdown at concurrency 10 (time per request = 1 s / throughput)\n');
    const withCpu = parts.every(([, r]) => r.cpu);
    console.log(
      '                                        |    req/s      p50      p99 | µs per request' +
        (withCpu
          ? ' | CPU µs per request: app main thread (busy), app other threads, products API'
          : ''),
    );
    for (const [label, r] of parts) {
      const perRequest = (ms: number) => fmt((1000 * ms) / r.total, 0);
      const cpu = r.cpu
        ? ` | ${perRequest(r.cpu.app.mainMs)} (${((100 * r.cpu.app.mainMs) / r.cpu.wallMs).toFixed(0)} %) ${perRequest(r.cpu.app.otherMs)} ${perRequest(r.cpu.api.mainMs + r.cpu.api.otherMs)}`
        : '';
      console.log(
        `${label.padEnd(39)} | ${fmt(r.rps, 0)} ${fmt(r.p50)} ${fmt(r.p99)} |       ${fmt(1e6 / r.rps, 0)}${cpu}`,
      );
    }
    printCeiling({ bare: runOf(bare), everything: runOf(proxied), direct: d10 });
    printForumRatio({ forum: runOf(forum), everything: runOf(proxied) });

    const failures = [...rows.flatMap(([, d, p]) => [d, p]), thousand, ...parts.map(([, r]) => r)]
      .map((r) => r.errors + r.non2xx)
      .reduce((sum, n) => sum + n, 0);
    console.log(
      `\n1,000 proxied requests: ${thousand.non2xx + thousand.errors} failed; token endpoint called ${tokenCalls} times.`,
    );
    console.log(`Failed requests in all runs: ${failures}.`);
    if (machineBefore && machineAfter) {
      const stolen = stolenShare(machineBefore, machineAfter);
      console.log(
        `CPU time stolen by the hypervisor during the run: ${(100 * stolen).toFixed(1)} %` +
          (stolen > 0.02 ? ' (other work on the host slowed this run: compare with care).' : '.'),
      );
    }
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log(
      `\nTargets: added p50 ≤ 2 ms at concurrency 1: ${met(p1.p50 - d1.p50 <= 2)}; ` +
        `≤ 6 ms at concurrency 10: ${met(p10.p50 - d10.p50 <= 6)}; ` +
        `throughput kept at concurrency 10 ≥ 25 %: ${met(p10.rps / d10.rps >= 0.25)}; ` +
        `token endpoint calls = 0: ${met(tokenCalls === 0)}.`,
    );
  } finally {
    servers.stop();
    if (!profile) fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

/**
 * What the throughput target leaves the app: when the app's main thread is
 * busy all the time, it serves 1 s / (its CPU per request), so keeping 25 %
 * of the direct API's throughput needs at most 1 s / (25 % of it) per request.
 */
function printCeiling(runs: { bare: Run; everything: Run; direct: Run }) {
  const mainThreadPerRequest = ({ cpu, total }: Run) => cpu && (1000 * cpu.app.mainMs) / total;
  const bare = mainThreadPerRequest(runs.bare);
  const everything = mainThreadPerRequest(runs.everything);
  if (bare === undefined || everything === undefined) return;
  const budget = 1e6 / (0.25 * runs.direct.rps);
  console.log(
    `\nAt 25 % of the direct API's ${runs.direct.rps.toFixed(0)} requests/s, the app's main thread has ${budget.toFixed(0)} µs per request.` +
      `\nA bare Next API route uses ${bare.toFixed(0)} µs of it, /api/products ${everything.toFixed(0)} µs.`,
  );
}

/** The route against the code people would write instead: its CPU per request, as a ratio. */
function printForumRatio({ forum, everything }: { forum: Run; everything: Run }) {
  const perRequest = ({ cpu, total }: Run) =>
    cpu && (1000 * (cpu.app.mainMs + cpu.app.otherMs)) / total;
  const route = perRequest(everything);
  const pattern = perRequest(forum);
  if (route === undefined || pattern === undefined) return;
  const ratio = route / pattern;
  console.log(
    `\n/api/products uses ${route.toFixed(0)} µs of the app's CPU per request, the forum pattern ${pattern.toFixed(0)} µs: ` +
      `${ratio.toFixed(2)}× (target ≤ 1.10×: ${ratio <= 1.1 ? 'met' : 'NOT met'}).`,
  );
}

function printProfile(profileDir: string, requests: number) {
  const [file] = fs.readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error('next start wrote no CPU profile.');
  const profileFile = path.join(profileDir, file);
  const { busyMs, rows } = summarizeCpuProfile(profileFile, PROFILE_SECONDS * 1000);
  console.log(
    `\nCPU profile of the app's main thread: ${requests} requests to /api/products at concurrency 10 in ${PROFILE_SECONDS} s, idle time left out\n`,
  );
  console.log(`${''.padEnd(62)}    ms total   share   µs per request`);
  for (const { label, ms } of [...rows, { label: 'total', ms: busyMs }]) {
    console.log(
      `${label.padEnd(62)} ${fmt(ms, 0)} ${fmt((100 * ms) / busyMs, 1)} % ${fmt((1000 * ms) / requests, 0)}`,
    );
  }
  console.log(`\nThe profile (open it in Chrome DevTools, Performance tab): ${profileFile}`);
}

runBenchmark(main);
