/**
 * Which Auth0 the e2e tests log in with.
 *
 * By default: the local Auth0 with the values of .env.local.example, on ports
 * of their own (app 3100, products API 4100, local Auth0 4500) so the tests can
 * run next to `npm run dev`. Its access tokens live only a few seconds
 * (LOCAL_ACCESS_TOKEN_LIFETIME), so every spec also runs through token
 * renewals, and the session specs can wait for an expiry.
 * With E2E_AUTH0_DOMAIN set: your tenant, with the E2E_AUTH0_* values.
 * With E2E_DEPLOYED=1 too (only `npm run test:e2e:deployed` sets it): the app
 * at DEPLOYED.appBaseUrl behind the rehearsal's reverse proxy, as deployed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeTenantCopy } from '../services/auth0-local/tenant-copy';
import { demoUsers } from '../test-helpers/demo-users';
import { exampleEnv } from '../test-helpers/project';

/** The products API's access-token lifetime (seconds) in the local Auth0 during e2e runs. */
export const LOCAL_ACCESS_TOKEN_LIFETIME = 10;

/**
 * The deployed-shape rehearsal (scripts/tenant-rehearsal.ts --deployed): the
 * app and the API at https names without a port, served by nginx on their own
 * loopback address (127.0.0.1:443 is the stand-in tenant's), which forwards to
 * `next start` and the products API on loopback ports.
 */
export const DEPLOYED = {
  appBaseUrl: 'https://app.rehearsal.test',
  productsApiUrl: 'https://api.rehearsal.test',
  proxyAddress: '127.0.0.2',
  appPort: 3300,
  /** Where the sample API listens (it serves loopback only, over http). */
  productsApiListenUrl: 'http://localhost:4300',
} as const;

export type E2eTarget = {
  localAuth0: boolean;
  /** Served as deployed, behind the rehearsal's reverse proxy (DEPLOYED). */
  deployed: boolean;
  appBaseUrl: string;
  /** The password of every test user. */
  password: string;
  env: Record<string, string>;
  /** PRODUCTS_API_URL for the sample API itself: where it listens. */
  productsApiListenUrl: string;
};

function requireVar(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: it is needed to run the e2e tests against your tenant (see docs/testing.md).`,
    );
  return value;
}

export function e2eTarget(): E2eTarget {
  const appBaseUrl = process.env.E2E_APP_BASE_URL ?? 'http://localhost:3100';

  if (!process.env.E2E_AUTH0_DOMAIN) {
    const tenantDir = path.join(os.tmpdir(), 'nextjs-auth0-starter-e2e');
    fs.mkdirSync(tenantDir, { recursive: true });
    if (process.env.E2E_DEPLOYED === '1')
      throw new Error('E2E_DEPLOYED needs a tenant: run `npm run test:e2e:deployed`.');
    return {
      localAuth0: true,
      deployed: false,
      productsApiListenUrl: 'http://localhost:4100',
      appBaseUrl,
      password: demoUsers().password,
      env: {
        ...exampleEnv,
        APP_BASE_URL: appBaseUrl,
        AUTH0_DOMAIN: 'http://localhost:4500',
        PRODUCTS_API_URL: 'http://localhost:4100',
        AUTH0_LOCAL_TENANT_FILE: writeTenantCopy(tenantDir, {
          accessTokenLifetime: LOCAL_ACCESS_TOKEN_LIFETIME,
        }),
      },
    };
  }

  const deployed = process.env.E2E_DEPLOYED === '1';
  const tenantEnv = {
    AUTH0_DOMAIN: requireVar('E2E_AUTH0_DOMAIN'),
    AUTH0_CLIENT_ID: requireVar('E2E_AUTH0_CLIENT_ID'),
    AUTH0_CLIENT_SECRET: requireVar('E2E_AUTH0_CLIENT_SECRET'),
    AUTH0_AUDIENCE: process.env.E2E_AUTH0_AUDIENCE ?? exampleEnv.AUTH0_AUDIENCE ?? '',
  };
  if (deployed) {
    return {
      localAuth0: false,
      deployed: true,
      appBaseUrl: DEPLOYED.appBaseUrl,
      password: requireVar('E2E_AUTH0_PASSWORD'),
      productsApiListenUrl: DEPLOYED.productsApiListenUrl,
      env: {
        ...exampleEnv,
        ...tenantEnv,
        APP_BASE_URL: DEPLOYED.appBaseUrl,
        // Made for the run by the rehearsal: a deployed app refuses the example one.
        AUTH0_SECRET: requireVar('E2E_AUTH0_SECRET'),
        PRODUCTS_API_URL: DEPLOYED.productsApiUrl,
      },
    };
  }
  return {
    localAuth0: false,
    deployed: false,
    appBaseUrl,
    password: requireVar('E2E_AUTH0_PASSWORD'),
    productsApiListenUrl: 'http://localhost:4100',
    env: {
      ...exampleEnv,
      ...tenantEnv,
      APP_BASE_URL: appBaseUrl,
      PRODUCTS_API_URL: 'http://localhost:4100',
    },
  };
}
