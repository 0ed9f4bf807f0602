/**
 * The browser tests: a real Chromium, logging in for real. By default against
 * the local Auth0 (started here); against your tenant when E2E_AUTH0_DOMAIN is
 * set (see docs/testing.md). One configuration, two stacks:
 *
 * - by default, a production build of the app (`npm run build && npm start`):
 *   the projects `setup` and `chromium`, every e2e/*.spec.ts;
 * - with E2E_STACK=dev, `npm run dev` as a developer runs it, on ports of its
 *   own (app 3200, products API 4200, local Auth0 4600): the project `dev`,
 *   e2e/dev-server.smoke.ts.
 *
 * Playwright starts a configuration's webServer for whichever projects run, so
 * the stack is chosen by E2E_STACK rather than by --project: `npm run test:e2e`
 * runs the two one after the other.
 */
import os from 'node:os';
import { defineConfig, devices, type PlaywrightTestConfig } from '@playwright/test';
import { systemChromium } from './test-helpers/browser';
import { DEV_STACK_URLS, e2eTarget } from './e2e/target';
// >>> template kit
// The template's own stacks: its screenshots and rehearsals.
import { kitStacks } from './template/playwright-stacks';
// <<< template kit

const target = e2eTarget();
const devStack = { ...target.env, ...DEV_STACK_URLS };
const launchOptions = { executablePath: systemChromium() };
const chrome = { ...devices['Desktop Chrome'], launchOptions };

const productionBuild: PlaywrightTestConfig = {
  use: { baseURL: target.appBaseUrl },
  projects: [
    // One real login per role; the specs reuse those sessions (see e2e/auth.setup.ts).
    { name: 'setup', testMatch: /auth\.setup\.ts/, use: chrome },
    { name: 'chromium', dependencies: ['setup'], use: chrome },
  ],
  webServer: [
    ...(target.localAuth0
      ? [
          {
            command: 'node --import tsx services/auth0-local/server.ts',
            url: `${target.env.AUTH0_DOMAIN}/.well-known/openid-configuration`,
            env: { ...target.env, NODE_ENV: 'development' },
            reuseExistingServer: false,
            stdout: 'pipe' as const,
          },
        ]
      : []),
    {
      command: 'node --import tsx services/products-api/server.ts',
      port: Number(new URL(target.productsApiListenUrl).port),
      env: {
        ...target.env,
        PRODUCTS_API_URL: target.productsApiListenUrl,
        NODE_ENV: 'development',
      },
      reuseExistingServer: false,
    },
    {
      // One production build per run: what you deploy is what is tested. `npm start`
      // serves on APP_BASE_URL's port, on loopback only (scripts/listen-address.ts).
      // Built like a container image, without reading the secrets, which only
      // `npm start` gets (docs/configuration.md): a build that depended on
      // one would fail every spec.
      command: 'npm run build && npm start',
      url: target.appBaseUrl,
      env: { ...target.env, BUILD_WITHOUT_SECRETS: '1' },
      timeout: 240_000,
      reuseExistingServer: false,
    },
  ],
};

const devServer: PlaywrightTestConfig = {
  use: { baseURL: devStack.APP_BASE_URL },
  projects: [
    // The first visit of each page compiles it.
    {
      name: 'dev',
      testMatch: /dev-server\.smoke\.ts/,
      timeout: 60_000,
      fullyParallel: false,
      use: chrome,
    },
  ],
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
};

const stacks: Record<string, () => PlaywrightTestConfig> = {
  production: () => productionBuild,
  dev: () => devServer,
  // >>> template kit
  ...Object.fromEntries(
    Object.entries(kitStacks).map(([name, stack]) => [name, () => stack(productionBuild)]),
  ),
  // <<< template kit
};

const stackName = process.env.E2E_STACK || 'production';
if (!Object.hasOwn(stacks, stackName)) {
  throw new Error(
    `E2E_STACK=${stackName} is not a stack of playwright.config.ts: use one of ${Object.keys(stacks).join(', ')}, or leave it unset for the production build.`,
  );
}
const stack = stacks[stackName]!();

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  // One worker per core, up to 4: the app under test is one Node.js process,
  // and more browsers than that only queue behind it.
  workers: Math.min(4, os.availableParallelism()),
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  ...stack,
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure', ...stack.use },
});
