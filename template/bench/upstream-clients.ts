/**
 * `npx tsx template/bench/upstream-clients.ts`: which HTTP client to use for
 * the BFF's upstream call, measured without Next.js or the SDK in the way.
 *
 * A plain Node server forwards every request to a local upstream (its own
 * process, answering a small JSON body) with each client in turn, and
 * autocannon loads it at concurrency 10 for 5 s. The clients:
 *   fetch            Node's global fetch (undici's WHATWG layer)
 *   the app's client requestJson of lib/products-api-client.ts (node:http, deadline, size cap, JSON checks)
 *   http.request     node:http with a keep-alive agent, reading and parsing the body
 * Loopback only; ports chosen by the system.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';

const upstreamSource = `
  const body = JSON.stringify({ products: [{ id: 'p001', name: 'Lamp', department: 'sales' }] });
  require('node:http').createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  }).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`;

type Forward = (url: URL) => Promise<unknown>;

/**
 * The app's client lives in lib/products-api-client.ts, which reads the app's
 * configuration when it loads: give it the example's, then load it.
 */
async function appClient(): Promise<Forward> {
  const { parseEnv } = await import('node:util');
  const example = parseEnv(fs.readFileSync('.env.local.example', 'utf8'));
  for (const [name, value] of Object.entries(example)) process.env[name] ??= value;
  const { requestJson } = await import('../../lib/products-api-client');
  return async (url) =>
    (await requestJson({ method: 'GET', url, headers: {}, timeoutMs: 5000 })).body;
}

const keepAlive = new http.Agent({ keepAlive: true });
const clients = (app: Forward): [string, Forward][] => [
  [
    'fetch',
    async (url) => {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
      return JSON.parse(await response.text());
    },
  ],
  ["the app's client", app],
  [
    'http.request',
    (url) =>
      new Promise((resolve, reject) => {
        http
          .get(url, { agent: keepAlive, timeout: 5000 }, (response) => {
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (text += chunk));
            response.on('end', () => resolve(JSON.parse(text)));
          })
          .on('error', reject);
      }),
  ],
];

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

async function main() {
  const upstream = spawn(process.execPath, ['-e', upstreamSource], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve) =>
    upstream.stdout.once('data', (data: Buffer) => resolve(data.toString().trim())),
  );
  const target = new URL(`http://127.0.0.1:${port}/products`);
  try {
    console.log('\nForwarding server, concurrency 10, 5 s per client\n');
    for (const [name, forward] of clients(await appClient())) {
      const server = http.createServer(async (_req, res) => {
        const body = await forward(target);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
      const url = `http://127.0.0.1:${await listen(server)}/`;
      await autocannon({ url, connections: 10, amount: 2000 }); // warm-up
      const result = await autocannon({ url, connections: 10, duration: 5 });
      const failed = result.errors + result.timeouts + result.non2xx;
      console.log(
        `${name.padEnd(16)} ${String(Math.round(result.requests.average)).padStart(7)} req/s   p50 ${result.latency.p50} ms   failed ${failed}`,
      );
      server.closeAllConnections();
      server.close();
    }
  } finally {
    upstream.kill();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
