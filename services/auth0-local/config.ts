/**
 * Configuration of the local Auth0, read from the same variables as the app
 * (env-files.ts loads .env.local, or .env.local.example when there is none),
 * so the two always agree. The variables it shares with the app keep the
 * app's names, rules and messages (lib/env-schema.ts).
 *
 * It runs in one of two ways:
 * - `AUTH0_DOMAIN=http://localhost:<port>`: plain http on that port, for
 *   `npm run dev` and the tests (the app then sets allowInsecureRequests);
 * - a bare domain ending in `.test` with AUTH0_LOCAL_TLS_CERT and
 *   AUTH0_LOCAL_TLS_KEY: https on port 443 with issuer `https://<domain>/`,
 *   standing in for a real tenant (`npm run test:e2e:tenant`). `.test` names
 *   are reserved for testing (RFC 6761) and never belong to a real tenant.
 */
import path from 'node:path';
import { z } from 'zod';

/** The project's root, where auth0/ is: two folders up. */
const projectRoot = path.resolve(__dirname, '..', '..');

const LOCAL_DOMAIN = /^http:\/\/localhost:\d+$/;
const STAND_IN_DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.test$/;

function required(name: string, hint: string) {
  return z.string({ error: `${name} is not set. ${hint}` });
}

const fromDashboard = "Copy it from your Application's Settings tab in the Auth0 Dashboard.";

// The app's variables it shares, and its own: where its tenant, users and
// keys live, and a certificate when it stands in for a tenant over https.
const schema = z.object({
  AUTH0_DOMAIN: required(
    'AUTH0_DOMAIN',
    "Use your tenant's domain (e.g. my-tenant.us.auth0.com), or http://localhost:4400 for the local Auth0.",
  ).refine((value) => LOCAL_DOMAIN.test(value) || /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(value), {
    message:
      'AUTH0_DOMAIN must be a bare domain such as my-tenant.us.auth0.com (no https://, no path), ' +
      'or http://localhost:<port> for the local Auth0 (the SDK refuses IP addresses such as 127.0.0.1).',
  }),
  AUTH0_CLIENT_ID: required('AUTH0_CLIENT_ID', fromDashboard),
  AUTH0_CLIENT_SECRET: required('AUTH0_CLIENT_SECRET', fromDashboard),
  APP_BASE_URL: required(
    'APP_BASE_URL',
    'Set it to the URL the app is served from, e.g. http://localhost:3000.',
  ).refine((value) => /^https?:\/\/[^/]+$/.test(value), {
    message:
      'APP_BASE_URL must be an origin with no path or trailing slash, e.g. http://localhost:3000 or https://my-app.example.com.',
  }),
  AUTH0_LOCAL_TLS_CERT: z.string().optional(),
  AUTH0_LOCAL_TLS_KEY: z.string().optional(),
  AUTH0_LOCAL_TENANT_FILE: z.string().default(path.join(projectRoot, 'auth0', 'tenant.yaml')),
  AUTH0_LOCAL_USERS_FILE: z.string().default(path.join(projectRoot, 'auth0', 'local-users.yaml')),
  AUTH0_LOCAL_DATA_DIR: z.string().default(path.join(__dirname, '.data')),
  // For tests only: Auth0's time limit for the post-login Actions is 20 s.
  AUTH0_LOCAL_ACTIONS_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  NODE_ENV: z.string().optional(),
});

/** Auth0's issuer: https://<domain>/, or the local URL with a trailing slash. */
function issuerOf(domain: string): string {
  return domain.startsWith('http://') ? `${domain}/` : `https://${domain}/`;
}

const NOT_LOCAL_MESSAGE =
  'AUTH0_DOMAIN must be http://localhost:<port> to run the local Auth0. It names a real tenant, so there is nothing to emulate: `npm run dev` only starts the local Auth0 for http://localhost domains.';

/** Where the local Auth0 answers: its issuer, port and, over https, its certificate. */
function listener(env: z.infer<typeof schema>): Pick<LocalAuth0Config, 'issuer' | 'port' | 'tls'> {
  const tls =
    env.AUTH0_LOCAL_TLS_CERT && env.AUTH0_LOCAL_TLS_KEY
      ? { certFile: env.AUTH0_LOCAL_TLS_CERT, keyFile: env.AUTH0_LOCAL_TLS_KEY }
      : undefined;
  if (LOCAL_DOMAIN.test(env.AUTH0_DOMAIN)) {
    if (tls)
      throw new Error(
        'The local Auth0 cannot start:\n  - AUTH0_LOCAL_TLS_CERT and AUTH0_LOCAL_TLS_KEY serve it over https as a stand-in tenant: AUTH0_DOMAIN must then be a bare domain ending in .test.',
      );
    return { issuer: issuerOf(env.AUTH0_DOMAIN), port: Number(new URL(env.AUTH0_DOMAIN).port) };
  }
  if (tls && STAND_IN_DOMAIN.test(env.AUTH0_DOMAIN)) {
    // Like a tenant: https on the default port, so the domain needs no port.
    return { issuer: issuerOf(env.AUTH0_DOMAIN), port: 443, tls };
  }
  throw new Error(`The local Auth0 cannot start:\n  - ${NOT_LOCAL_MESSAGE}`);
}

export type LocalAuth0Config = {
  /** Auth0 style: the issuer is the domain with a trailing slash. */
  issuer: string;
  port: number;
  /** Set when it serves https as a stand-in tenant: PEM files of its certificate and key. */
  tls?: { certFile: string; keyFile: string };
  clientId: string;
  clientSecret: string;
  appBaseUrl: string;
  tenantFile: string;
  usersFile: string;
  dataDir: string;
  /** Set by tests only; otherwise Auth0's 20 s. */
  actionsTimeoutMs?: number;
};

export function readConfig(
  source: Record<string, string | undefined> = process.env,
): LocalAuth0Config {
  // `VAR=` in an env file means "not set", as for the app.
  const setValues = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = schema.safeParse(setValues);
  if (!result.success) {
    throw new Error(
      [
        'The local Auth0 cannot start:',
        'Invalid configuration:',
        ...result.error.issues.map((issue) => `  - ${issue.message}`),
        'Set these in .env.local (start from .env.local.example) or in the environment.',
      ].join('\n'),
    );
  }
  const env = result.data;
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'The local Auth0 refuses to run with NODE_ENV=production: it is a development tool with demo users and known passwords. Use a real Auth0 tenant in production.',
    );
  }
  return {
    ...listener(env),
    clientId: env.AUTH0_CLIENT_ID,
    clientSecret: env.AUTH0_CLIENT_SECRET,
    appBaseUrl: env.APP_BASE_URL,
    tenantFile: env.AUTH0_LOCAL_TENANT_FILE,
    usersFile: env.AUTH0_LOCAL_USERS_FILE,
    dataDir: env.AUTH0_LOCAL_DATA_DIR,
    actionsTimeoutMs: env.AUTH0_LOCAL_ACTIONS_TIMEOUT_MS,
  };
}
