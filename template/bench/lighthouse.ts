/**
 * `npm run bench:lighthouse`: Lighthouse 12.2.3 (fetched by npx, pinned) with
 * the system's Chromium, on `/` signed out and `/products` signed in, against
 * a production build. Prints the four category scores per page.
 * Pass --no-build to reuse an existing `npm run build`.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { systemChromium } from '../../test-helpers/browser';
import { demoTokens, ports, runBenchmark, sessionCookieFor, startBenchServers } from './servers';

const LIGHTHOUSE = 'lighthouse@12.2.3';
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

type Audit = {
  score: number | null;
  title: string;
  details?: { items?: { description?: string; url?: string }[] };
};
type Report = {
  categories: Record<(typeof categories)[number], { score: number }>;
  audits: Record<string, Audit>;
};

/** Asynchronous on purpose: the local Auth0 runs in this process and must keep answering. */
async function lighthouse(
  url: string,
  extraHeaders: Record<string, string>,
  dir: string,
): Promise<Report> {
  const output = path.join(dir, `${Buffer.from(url).toString('hex').slice(-24)}.json`);
  await promisify(execFile)(
    'npx',
    [
      '--yes',
      LIGHTHOUSE,
      url,
      '--quiet',
      '--output=json',
      `--output-path=${output}`,
      `--only-categories=${categories.join(',')}`,
      `--extra-headers=${JSON.stringify(extraHeaders)}`,
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync',
    ],
    { env: { ...process.env, CHROME_PATH: systemChromium() ?? chromium.executablePath() } },
  );
  return JSON.parse(fs.readFileSync(output, 'utf8')) as Report;
}

async function main() {
  const servers = await startBenchServers({ build: !process.argv.includes('--no-build') });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lighthouse-'));
  try {
    const { env } = servers;
    const tokens = await demoTokens(env, 'admin@example.com');
    const cookie = await sessionCookieFor(tokens, env.AUTH0_SECRET!);
    const app = `http://localhost:${ports.app}`;
    const pages: [string, Record<string, string>][] = [
      [`${app}/`, {}],
      [`${app}/products`, { Cookie: cookie }],
    ];
    const rows: string[] = [];
    for (const [url, headers] of pages) {
      const report = await lighthouse(url, headers, dir);
      const scores = categories.map((c) => Math.round(report.categories[c].score * 100));
      rows.push(
        `${new URL(url).pathname.padEnd(10)} ${scores.map((s) => String(s).padStart(14)).join('')}`,
      );
      const failing = Object.values(report.audits)
        .filter((a) => a.score !== null && a.score < 0.9)
        .map((a) => a.title);
      if (failing.length) rows.push(`           below 90: ${failing.join('; ')}`);
      for (const item of report.audits['errors-in-console']?.details?.items ?? []) {
        rows.push(`           console: ${item.description ?? ''} ${item.url ?? ''}`);
      }
    }
    console.log(`\nLighthouse (${LIGHTHOUSE}), production build\n`);
    console.log(`${'page'.padEnd(10)} ${categories.map((c) => c.padStart(14)).join('')}`);
    rows.forEach((row) => console.log(row));
  } finally {
    servers.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runBenchmark(main);
