/**
 * The rules of the configuration: every variable once, with the message that
 * says how to fix it. The app reads the parsed result from lib/env.ts;
 * next.config.ts and the scripts parse here first, so a wrong variable stops
 * `npm run dev`, `next build` and `next start` naming it, instead of failing
 * later inside a login. The services check the few they share in their own
 * config.ts. Every variable is documented in `.env.local.example`.
 *
 * Why not @t3-oss/env-nextjs: its createEnv checks process.env when the module
 * loads, one variable at a time, and its `skipValidation` skips every rule.
 * Here the same rules run before Next.js starts, a deployed app has rules
 * across variables (the example secret, http URLs), and a build without
 * secrets still checks the rest (BUILD_WITHOUT_SECRETS). The app has no
 * NEXT_PUBLIC_ variables; the server-only check keeps these out of the browser.
 */
import './server-only';
import { randomBytes } from 'node:crypto';
import { PHASE_PRODUCTION_BUILD } from 'next/constants';
import { z } from 'zod';
import { hasScope, STEP_UPS } from './step-up';

/** The AUTH0_SECRET value shipped in `.env.local.example`. Never accepted for a deployed app. */
export const EXAMPLE_AUTH0_SECRET =
  'local-only-example-secret-replace-me-0123456789abcdef0123456789abcdef';

/**
 * What the app asks Auth0 for when AUTH0_SCOPE is not set. Not create:products:
 * the app asks for it only when an admin starts adding a product (lib/step-up.ts).
 */
export const DEFAULT_SCOPE = 'openid profile email offline_access read:products';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackUrl(value: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(value).hostname);
  } catch {
    return false;
  }
}

function required(name: string, hint: string) {
  return z.string({ error: `${name} is not set. ${hint}` });
}

const auth0Domain = required(
  'AUTH0_DOMAIN',
  "Use your tenant's domain (e.g. my-tenant.us.auth0.com), or http://localhost:4400 for the local Auth0.",
).refine(
  (value) =>
    value.startsWith('http://')
      ? isLoopbackUrl(value) && new URL(value).hostname === 'localhost'
      : /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(value),
  {
    message:
      'AUTH0_DOMAIN must be a bare domain such as my-tenant.us.auth0.com (no https://, no path), ' +
      'or http://localhost:<port> for the local Auth0 (the SDK refuses IP addresses such as 127.0.0.1).',
  },
);

const appBaseUrl = required(
  'APP_BASE_URL',
  'Set it to the URL the app is served from, e.g. http://localhost:3000.',
).refine((value) => /^https?:\/\/[^/]+$/.test(value), {
  message:
    'APP_BASE_URL must be an origin with no path or trailing slash, e.g. http://localhost:3000 or https://my-app.example.com.',
});

/** Every variable of the app, each with its rule and message. */
export const projectVariables = z.object({
  AUTH0_DOMAIN: auth0Domain,
  AUTH0_CLIENT_ID: required(
    'AUTH0_CLIENT_ID',
    "Copy it from your Application's Settings tab in the Auth0 Dashboard.",
  ),
  AUTH0_CLIENT_SECRET: required(
    'AUTH0_CLIENT_SECRET',
    "Copy it from your Application's Settings tab in the Auth0 Dashboard.",
  ),
  AUTH0_SECRET: required(
    'AUTH0_SECRET',
    'It encrypts the session cookie: generate one with `openssl rand -hex 32`.',
  ).refine((value) => value.length >= 32, {
    message:
      'AUTH0_SECRET must be at least 32 characters: generate one with `openssl rand -hex 32`.',
  }),
  APP_BASE_URL: appBaseUrl,
  AUTH0_AUDIENCE: required(
    'AUTH0_AUDIENCE',
    "Set it to your API's Identifier (Dashboard → Applications → APIs). Without an audience Auth0 issues an opaque access token that your API cannot validate.",
  ),
  // The SDK itself throws at start-up without `openid`, in its own words:
  // say it here, with the variable's name and the fix.
  AUTH0_SCOPE: z
    .string()
    .default(DEFAULT_SCOPE)
    .refine((scope) => scope.split(/\s+/).includes('openid'), {
      message: `AUTH0_SCOPE must include openid: the Auth0 SDK logs users in with OpenID Connect and refuses to start without it. Add it, or remove AUTH0_SCOPE to use the default: ${DEFAULT_SCOPE}.`,
    })
    // A step-up scope asked for at every login would make every login of an
    // admin ask for a second factor, and keep the power to write all day.
    .superRefine((scope, ctx) => {
      const stepUpScopes = Object.values(STEP_UPS).filter((s) => hasScope(scope, s));
      if (stepUpScopes.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `AUTH0_SCOPE includes ${stepUpScopes.join(', ')}, which the app asks for only when a user starts the action that needs it, after a second factor (lib/step-up.ts). Remove it from AUTH0_SCOPE, or remove AUTH0_SCOPE to use the default: ${DEFAULT_SCOPE}.`,
        });
      }
    }),
  PRODUCTS_API_URL: required(
    'PRODUCTS_API_URL',
    'Set it to the base URL of the products API, e.g. http://localhost:4000.',
  ).refine((value) => /^https?:\/\/[^/]+$/.test(value), {
    message: 'PRODUCTS_API_URL must be an origin with no path, e.g. http://localhost:4000.',
  }),
  PRODUCTS_API_TIMEOUT_MS: z.coerce
    .number({ error: 'PRODUCTS_API_TIMEOUT_MS must be a number of milliseconds, e.g. 5000.' })
    .int()
    .positive()
    .default(5000),
  NODE_ENV: z.string().default('development'),
});

/** What the Next.js app needs: every variable, and the rules of a deployed app. */
const serverEnvSchema = projectVariables.superRefine((env, ctx) => {
  // With the public example secret anyone can forge a session cookie: it is
  // accepted only for an app served on localhost, which then listens on
  // loopback only (scripts/listen-address.ts), in development as in production.
  if (env.AUTH0_SECRET === EXAMPLE_AUTH0_SECRET && !isLoopbackUrl(env.APP_BASE_URL)) {
    ctx.addIssue({
      code: 'custom',
      path: ['AUTH0_SECRET'],
      message: `AUTH0_SECRET is the example value from .env.local.example, which anyone can read, and APP_BASE_URL (${env.APP_BASE_URL}) is not a localhost URL. Generate your own with \`openssl rand -hex 32\`.`,
    });
  }
  // A production build may run on a developer's machine (the e2e tests do
  // that), but never on a public URL with the local, insecure settings.
  if (env.NODE_ENV !== 'production' || isLoopbackUrl(env.APP_BASE_URL)) return;
  if (env.AUTH0_DOMAIN.startsWith('http://')) {
    ctx.addIssue({
      code: 'custom',
      path: ['AUTH0_DOMAIN'],
      message: `AUTH0_DOMAIN points at the local Auth0 (${env.AUTH0_DOMAIN}) but APP_BASE_URL (${env.APP_BASE_URL}) is not a local URL. A deployed app must use your Auth0 tenant.`,
    });
  }
  if (env.APP_BASE_URL.startsWith('http://')) {
    ctx.addIssue({
      code: 'custom',
      path: ['APP_BASE_URL'],
      message: `APP_BASE_URL (${env.APP_BASE_URL}) must be https:// for a deployed app: over http the session cookie cannot be marked Secure.`,
    });
  }
  if (env.PRODUCTS_API_URL.startsWith('http://')) {
    ctx.addIssue({
      code: 'custom',
      path: ['PRODUCTS_API_URL'],
      message: `PRODUCTS_API_URL (${env.PRODUCTS_API_URL}) must be https:// for a deployed app: the app sends the user's access token to it.`,
    });
  }
});

export type ServerEnv = z.infer<typeof serverEnvSchema> & {
  /** True when AUTH0_DOMAIN is the local Auth0 (http://localhost:…) rather than a tenant. */
  usesLocalAuth0: boolean;
};

export class InvalidEnvError extends Error {
  constructor(readonly problems: string[]) {
    super(
      [
        'Invalid configuration:',
        ...problems.map((problem) => `  - ${problem}`),
        'Set these in .env.local (start from .env.local.example) or in your host’s environment variables.',
      ].join('\n'),
    );
    this.name = 'InvalidEnvError';
  }
}

type EnvSource = Record<string, string | undefined>;

/**
 * Parses `source` with `schema`, or throws an InvalidEnvError that lists
 * every problem. `VAR=` in an env file means "not set", not "set to the
 * empty string", so empty values count as missing.
 */
export function parseEnv<Schema extends z.ZodType>(
  schema: Schema,
  source: EnvSource = process.env,
): z.output<Schema> {
  const setValues = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = schema.safeParse(setValues);
  if (!result.success) {
    throw new InvalidEnvError(result.error.issues.map((issue) => issue.message));
  }
  return result.data;
}

/**
 * The variables a build can do without. Nothing in a build depends on them
 * (Next.js inlines only NEXT_PUBLIC_ variables), so an image can be built
 * without them and receive them when it starts. See docs/configuration.md.
 */
export const RUNTIME_SECRETS = ['AUTH0_SECRET', 'AUTH0_CLIENT_SECRET'] as const;

/** `BUILD_WITHOUT_SECRETS=1 next build`: build without the runtime secrets. Ignored by `next start` and `next dev`. */
export function buildsWithoutSecrets(source: EnvSource, phase: string | undefined): boolean {
  return phase === PHASE_PRODUCTION_BUILD && source.BUILD_WITHOUT_SECRETS === '1';
}

/**
 * The app's configuration. With `withoutSecrets` (a build asked for
 * BUILD_WITHOUT_SECRETS=1), the secrets are not read, even when they are set:
 * each is replaced by a random value that lives only as long as the build
 * process. It lets the SDK client be created while Next.js collects the
 * pages. `next start` then checks the real secrets, with no such exception.
 * The e2e tests build this way: a build that kept a secret would fail them.
 */
export function parseServerEnv(
  source: EnvSource = process.env,
  { withoutSecrets = false }: { withoutSecrets?: boolean } = {},
): ServerEnv {
  const standIns = withoutSecrets
    ? Object.fromEntries(RUNTIME_SECRETS.map((name) => [name, randomBytes(32).toString('hex')]))
    : {};
  const env = parseEnv(serverEnvSchema, { ...source, ...standIns });
  return { ...env, usesLocalAuth0: env.AUTH0_DOMAIN.startsWith('http://') };
}
