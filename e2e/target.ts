/**
 * Which Auth0 the e2e tests log in with.
 *
 * By default: the local Auth0 with the values of .env.local.example, on ports
 * of their own (app 3100, products API 4100, local Auth0 4500) so the tests can
 * run next to `npm run dev`. Its access tokens live only a few seconds
 * (LOCAL_ACCESS_TOKEN_LIFETIME), so every spec also runs through token
 * renewals, and the session specs can wait for an expiry.
 * With E2E_AUTH0_DOMAIN set: your tenant, with the E2E_AUTH0_* values.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeTenantCopy } from '../services/auth0-local/tenant-copy';
import { demoUsers } from '../test-helpers/demo-users';
import { exampleEnv } from '../test-helpers/project';

/** The products API's access-token lifetime (seconds) in the local Auth0 during e2e runs. */
export const LOCAL_ACCESS_TOKEN_LIFETIME = 10;

export type E2eTarget = {
  localAuth0: boolean;
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
    return {
      localAuth0: true,
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

  return {
    localAuth0: false,
    appBaseUrl,
    password: requireVar('E2E_AUTH0_PASSWORD'),
    productsApiListenUrl: 'http://localhost:4100',
    env: {
      ...exampleEnv,
      AUTH0_DOMAIN: requireVar('E2E_AUTH0_DOMAIN'),
      AUTH0_CLIENT_ID: requireVar('E2E_AUTH0_CLIENT_ID'),
      AUTH0_CLIENT_SECRET: requireVar('E2E_AUTH0_CLIENT_SECRET'),
      AUTH0_AUDIENCE: process.env.E2E_AUTH0_AUDIENCE ?? exampleEnv.AUTH0_AUDIENCE ?? '',
      APP_BASE_URL: appBaseUrl,
      PRODUCTS_API_URL: 'http://localhost:4100',
    },
  };
}

/** `npm run dev` under test (E2E_STACK=dev in playwright.config.ts): ports of its own, so it runs next to yours. */
export const DEV_STACK_URLS = {
  APP_BASE_URL: 'http://localhost:3200',
  PRODUCTS_API_URL: 'http://localhost:4200',
  AUTH0_DOMAIN: 'http://localhost:4600',
};
