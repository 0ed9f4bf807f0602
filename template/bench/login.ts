/**
 * `npm run bench:login`: the complete login, driven in Chromium 20 times
 * against a production build and the local Auth0.
 *
 * From the "Log in" click to the signed-in page, it records every HTTP request
 * the browser makes: the page navigations (each redirect is a round trip) and
 * the rest (scripts, styles, API calls), and the time. The authorization code
 * flow needs at least: /auth/login → /authorize → login page → POST
 * credentials → back through /authorize → /auth/callback → the app's page.
 * Pass --no-build to reuse an existing `npm run build`.
 */
import { chromium, type Request } from '@playwright/test';
import { systemChromium } from '../../test-helpers/browser';
import { ports, runBenchmark, startBenchServers } from './servers';

const RUNS = 20;
/** The navigations of the code flow with a login page at its own URL, as Auth0's Universal Login has. */
const PROTOCOL_MINIMUM = [
  'GET /auth/login (app)',
  'GET /authorize (Auth0)',
  'GET login page (Auth0)',
  'POST credentials (Auth0)',
  'GET /authorize, resumed (Auth0)',
  'GET /auth/callback (app)',
  'GET / (app)',
];

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const servers = await startBenchServers({ build: !process.argv.includes('--no-build') });
  const browser = await chromium.launch({ executablePath: systemChromium() });
  try {
    const app = `http://localhost:${ports.app}`;
    // Auth0 asks each user once for consent on localhost (it cannot verify the
    // app). Answer it before measuring: the runs then time the everyday login.
    for (const email of ['admin@example.com', 'sam@example.com']) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${app}/auth/login`);
      await page.locator('input[name="username"]').fill(email);
      await page.locator('input[name="password"]').fill('Passw0rd!');
      await page.locator('button[name="action"][value="default"]').click();
      await page.locator('button[name="action"][value="accept"]').click();
      await page.getByRole('button', { name: /Ada Admin|Sam Seller/ }).waitFor();
      await context.close();
    }
    const runs: { navigations: string[]; others: string[]; ms: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(app);
      await page.getByRole('link', { name: 'Log in' }).first().waitFor();

      const navigations: string[] = [];
      const others: string[] = [];
      const record = (request: Request) => {
        const url = new URL(request.url());
        const label = `${request.method()} ${url.host}${url.pathname}`;
        (request.isNavigationRequest() ? navigations : others).push(label);
      };
      // The login form is filled before the clock starts and stops for the typing.
      const started = performance.now();
      page.on('request', record);
      await page.getByRole('link', { name: 'Log in' }).first().click();
      await page.locator('input[name="username"]').waitFor();
      const typing = performance.now();
      await page
        .locator('input[name="username"]')
        .fill(run % 2 ? 'sam@example.com' : 'admin@example.com');
      await page.locator('input[name="password"]').fill('Passw0rd!');
      const typed = performance.now();
      await page.locator('button[name="action"][value="default"]').click();
      await page.getByRole('button', { name: /Ada Admin|Sam Seller/ }).waitFor();
      const signedIn = performance.now();
      // Keep counting until the page is quiet: prefetches and late fetches count too.
      await page.waitForLoadState('networkidle');
      page.off('request', record);
      runs.push({ navigations, others, ms: signedIn - started - (typed - typing) });
      await context.close();
    }

    const last = runs.at(-1)!;
    console.log(`\nLogin flow, ${RUNS} runs, production build + local Auth0\n`);
    console.log('Page navigations (round trips) of the last run:');
    last.navigations.forEach((n, i) => console.log(`  ${String(i + 1).padStart(2)}. ${n}`));
    console.log('Other requests of the last run:');
    last.others.forEach((n) => console.log(`      ${n}`));
    console.log(
      `\nNavigations: median ${median(runs.map((r) => r.navigations.length))} ` +
        `(the protocol's minimum with a separate login page: ${PROTOCOL_MINIMUM.length})`,
    );
    console.log(`Other requests: median ${median(runs.map((r) => r.others.length))}`);
    console.log(
      `/auth/profile fetches: median ${median(runs.map((r) => r.others.filter((o) => o.endsWith('/auth/profile')).length))}`,
    );
    console.log(
      `Time from the click to the user shown as signed in, typing excluded: median ${median(runs.map((r) => r.ms)).toFixed(0)} ms`,
    );
  } finally {
    await browser.close();
    servers.stop();
  }
}

runBenchmark(main);
