/**
 * End-to-end tests: a production build of the app, driven by a real Chromium,
 * logging in for real. By default against the local Auth0 (started here);
 * against your tenant when E2E_AUTH0_DOMAIN is set (see docs/testing.md).
 */
import os from 'node:os';
import { defineConfig, devices } from '@playwright/test';
import { systemChromium } from './test-helpers/browser';
import { e2eTarget } from './e2e/target';

const target = e2eTarget();
const launchOptions = { executablePath: systemChromium() };

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  // One worker per core, up to 4: the app under test is one Node.js process,
  // and more browsers than that only queue behind it.
  workers: Math.min(4, os.availableParallelism()),
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: target.appBaseUrl,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // One real login per role; the specs reuse those sessions (see e2e/auth.setup.ts).
    {
      name: 'setup',
      testMatch: /auth\.setup\.ts/,
      use: { ...devices['Desktop Chrome'], launchOptions },
    },
    {
      name: 'chromium',
      dependencies: ['setup'],
      use: { ...devices['Desktop Chrome'], launchOptions },
    },
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
});
