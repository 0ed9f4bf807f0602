/**
 * The kit's browser-test stacks. playwright.config.ts offers them next to its
 * own through E2E_STACK, in its marked kit block, so `npm run template:remove`
 * takes them away with this folder. Each is the production stack with what it
 * alone needs:
 *
 * - `screenshots` (`npm run screenshots`): refreshes docs/images with
 *   screenshots/docs-screenshots.shots.ts, after e2e/'s logins;
 * - `tenant` (`npm run test:e2e:tenant`, which starts the stand-in tenant and
 *   sets its variables, rehearsal/run.ts): every e2e spec in a Chromium that
 *   resolves the stand-in's name and trusts its key, and
 *   rehearsal/e2e/stand-in-tenant.spec.ts;
 * - `deployed` (`npm run test:e2e:deployed`): only rehearsal/e2e/deployed.spec.ts,
 *   against a production build at DEPLOYED.appBaseUrl behind nginx.
 */
import { devices, type PlaywrightTestConfig } from '@playwright/test';
import { systemChromium } from '../test-helpers/browser';
import { standInTenantChromiumArgs } from './rehearsal/chromium-args';
import { DEPLOYED, deployedEnv } from './rehearsal/deployed';

type Project = NonNullable<PlaywrightTestConfig['projects']>[number];

const REHEARSAL_SPECS = 'template/rehearsal/e2e';

/** A Chromium that resolves the stand-in's names to loopback and accepts its keys. */
const standInChrome = () => ({
  ...devices['Desktop Chrome'],
  launchOptions: { executablePath: systemChromium(), args: standInTenantChromiumArgs() },
});

const withStandIn = (project: Project): Project => ({
  ...project,
  use: { ...project.use, launchOptions: standInChrome().launchOptions },
});

function deployedServers(): PlaywrightTestConfig['webServer'] {
  const env = deployedEnv();
  return [
    {
      command: 'node --import tsx services/products-api/server.ts',
      port: Number(new URL(DEPLOYED.productsApiListenUrl).port),
      env: { ...env, PRODUCTS_API_URL: DEPLOYED.productsApiListenUrl, NODE_ENV: 'development' },
      reuseExistingServer: false,
    },
    {
      // The production build, bound to loopback by `next start` itself, where
      // `npm start` would listen on every interface as a host needs: nothing
      // but the proxy reaches it. Ready once it answers through the proxy.
      command: `npm run build && node node_modules/next/dist/bin/next start --hostname 127.0.0.1 --port ${DEPLOYED.appPort}`,
      url: DEPLOYED.appBaseUrl,
      env: { ...env, BUILD_WITHOUT_SECRETS: '1' },
      timeout: 240_000,
      reuseExistingServer: false,
    },
  ];
}

export const kitStacks: Record<string, (production: PlaywrightTestConfig) => PlaywrightTestConfig> =
  {
    screenshots: (production) => ({
      ...production,
      projects: (production.projects ?? []).map((project) =>
        project.name === 'setup'
          ? project
          : { ...project, testDir: 'template/screenshots', testMatch: /\.shots\.ts$/ },
      ),
      fullyParallel: false,
      workers: 1,
      retries: 0,
      reporter: 'list',
    }),

    tenant: (production) => ({
      ...production,
      projects: [
        ...(production.projects ?? []).map(withStandIn),
        {
          name: 'stand-in-chromium',
          testDir: REHEARSAL_SPECS,
          testMatch: /stand-in-tenant\.spec\.ts/,
          use: standInChrome(),
        },
      ],
    }),

    deployed: () => ({
      use: { baseURL: DEPLOYED.appBaseUrl },
      // Its own logins: the specs written for a localhost app stay out of it.
      projects: [
        {
          name: 'deployed',
          testDir: REHEARSAL_SPECS,
          testMatch: /deployed\.spec\.ts/,
          use: standInChrome(),
        },
      ],
      webServer: deployedServers(),
    }),
  };
