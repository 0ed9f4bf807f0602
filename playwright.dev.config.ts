/**
 * Smoke test of `npm run dev`: the development stack on ports of its own (app
 * 3200, products API 4200, local Auth0 4600), so it runs next to `npm run dev`
 * and the e2e tests. `npm run test:e2e` runs it before the e2e tests.
 */
import { defineConfig, devices } from '@playwright/test';
import { systemChromium } from './test-helpers/browser';
import { e2eTarget } from './e2e/target';

const target = e2eTarget();
export const devStack = {
  ...target.env,
  APP_BASE_URL: 'http://localhost:3200',
  PRODUCTS_API_URL: 'http://localhost:4200',
  AUTH0_DOMAIN: 'http://localhost:4600',
};

export default defineConfig({
  testDir: './e2e',
  testMatch: /dev-server\.smoke\.ts/,
  workers: 1,
  reporter: 'list',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: devStack.APP_BASE_URL,
    launchOptions: { executablePath: systemChromium() },
    trace: 'retain-on-failure',
  },
  // The first visit of each page compiles it.
  timeout: 60_000,
  webServer: {
    // What a developer runs: the app, the products API and the local Auth0.
    command: 'npm run dev',
    url: devStack.APP_BASE_URL,
    env: { ...devStack, NODE_ENV: 'development' },
    timeout: 120_000,
    reuseExistingServer: false,
    // scripts/dev.ts stops the processes it started on SIGTERM (they run in process groups of their own).
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
