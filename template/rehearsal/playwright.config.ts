/**
 * The rehearsals' Playwright configuration (run.ts starts it with the
 * stand-in tenant's variables): the project's own (playwright.config.ts),
 * unchanged but for what only a rehearsal needs, so that configuration and
 * e2e/ carry nothing of the rehearsals and `npm run template:remove` only
 * deletes files.
 *
 * - `npm run test:e2e:tenant`: every spec of e2e/ in tenant mode, in a
 *   Chromium that resolves the stand-in's name and accepts its key
 *   (chromium-args.ts), and this folder's stand-in-tenant.spec.ts.
 * - `npm run test:e2e:deployed` (E2E_DEPLOYED=1): only e2e/deployed.spec.ts
 *   here, against the production build at DEPLOYED.appBaseUrl behind nginx.
 *
 * Playwright resolves a configuration's relative paths (test folders, the
 * servers' working directory, the output) against the file's folder: every
 * path here is made absolute at the project root.
 */
import path from 'node:path';
import { defineConfig, devices, type PlaywrightTestConfig } from '@playwright/test';
import base from '../../playwright.config';
import { projectRoot } from '../../lib/project-env';
import { systemChromium } from '../../test-helpers/browser';
import { standInTenantChromiumArgs } from './chromium-args';
import { DEPLOYED, deployedEnv, isDeployedRun } from './deployed';

const launchOptions = { executablePath: systemChromium(), args: standInTenantChromiumArgs() };
const withStandIn = (project: NonNullable<PlaywrightTestConfig['projects']>[number]) => ({
  ...project,
  testDir: path.join(projectRoot, 'e2e'),
  use: { ...project.use, launchOptions },
});
const here = (project: { name: string; testMatch: RegExp }) => ({
  ...project,
  testDir: path.join(__dirname, 'e2e'),
  use: { ...devices['Desktop Chrome'], launchOptions },
});

function deployedServers(): PlaywrightTestConfig['webServer'] {
  const env = deployedEnv();
  return [
    {
      command: 'node --import tsx services/products-api/server.ts',
      port: Number(new URL(DEPLOYED.productsApiListenUrl).port),
      env: { ...env, PRODUCTS_API_URL: DEPLOYED.productsApiListenUrl, NODE_ENV: 'development' },
      cwd: projectRoot,
      reuseExistingServer: false,
    },
    {
      // The production build, bound to loopback by `next start` itself, where
      // `npm start` would listen on every interface as a host needs: nothing
      // but the proxy reaches it. Ready once it answers through the proxy.
      command: `npm run build && node node_modules/next/dist/bin/next start --hostname 127.0.0.1 --port ${DEPLOYED.appPort}`,
      url: DEPLOYED.appBaseUrl,
      env: { ...env, BUILD_WITHOUT_SECRETS: '1' },
      cwd: projectRoot,
      timeout: 240_000,
      reuseExistingServer: false,
    },
  ];
}

const baseServers = [base.webServer ?? []]
  .flat()
  .map((server) => ({ ...server, cwd: projectRoot }));

export default defineConfig({
  ...base,
  testDir: path.join(projectRoot, 'e2e'),
  outputDir: path.join(projectRoot, 'test-results'),
  reporter: process.env.CI
    ? [
        ['list'],
        ['html', { open: 'never', outputFolder: path.join(projectRoot, 'playwright-report') }],
      ]
    : 'list',
  ...(isDeployedRun()
    ? {
        use: { ...base.use, baseURL: DEPLOYED.appBaseUrl },
        // Its own logins: the specs written for a localhost app stay out of it.
        projects: [here({ name: 'deployed', testMatch: /deployed\.spec\.ts/ })],
        webServer: deployedServers(),
      }
    : {
        projects: [
          ...(base.projects ?? []).map(withStandIn),
          here({ name: 'stand-in-chromium', testMatch: /stand-in-tenant\.spec\.ts/ }),
        ],
        webServer: baseServers,
      }),
});
