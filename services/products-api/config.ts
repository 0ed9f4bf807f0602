/**
 * Configuration of the sample products API, from the project's variables
 * (env-files.ts loads them). For the variables it shares with the app it
 * keeps the app's names, rules and messages (lib/env-schema.ts), so a
 * mistake reads the same whichever program finds it.
 *
 * The API validates access tokens, so it needs to know who issues them and
 * for which audience, and where to listen. It never needs the app's secrets.
 */
import { z } from 'zod';

const LOCAL_URL = /^http:\/\/localhost:\d+$/;
const BARE_DOMAIN = /^[a-z0-9.-]+\.[a-z]{2,}$/i;

function required(name: string, hint: string) {
  return z.string({ error: `${name} is not set. ${hint}` });
}

const schema = z.object({
  AUTH0_DOMAIN: required(
    'AUTH0_DOMAIN',
    "Use your tenant's domain (e.g. my-tenant.us.auth0.com), or http://localhost:4400 for the local Auth0.",
  ).refine((value) => LOCAL_URL.test(value) || BARE_DOMAIN.test(value), {
    message:
      'AUTH0_DOMAIN must be a bare domain such as my-tenant.us.auth0.com (no https://, no path), ' +
      'or http://localhost:<port> for the local Auth0 (the SDK refuses IP addresses such as 127.0.0.1).',
  }),
  AUTH0_AUDIENCE: required(
    'AUTH0_AUDIENCE',
    "Set it to your API's Identifier (Dashboard → Applications → APIs). Without an audience Auth0 issues an opaque access token that your API cannot validate.",
  ),
  PRODUCTS_API_URL: required(
    'PRODUCTS_API_URL',
    'Set it to the base URL of the products API, e.g. http://localhost:4000.',
  ).refine((value) => LOCAL_URL.test(value), {
    message:
      "PRODUCTS_API_URL must be http://localhost:<port> for the sample API: it listens on this machine's loopback interface only.",
  }),
});

export type ProductsApiConfig = { issuer: string; audience: string; url: string; port: number };

/** Auth0's issuer: https://<domain>/, or the local Auth0's URL with a trailing slash. */
function issuerOf(domain: string): string {
  return domain.startsWith('http://') ? `${domain}/` : `https://${domain}/`;
}

/** Reads the configuration, or throws an error that lists every problem and its fix. */
export function readConfig(
  source: Record<string, string | undefined> = process.env,
): ProductsApiConfig {
  // `VAR=` in an env file means "not set", as for the app.
  const setValues = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = schema.safeParse(setValues);
  if (!result.success) {
    throw new Error(
      [
        'Invalid configuration:',
        ...result.error.issues.map((issue) => `  - ${issue.message}`),
        'Set these in .env.local (start from .env.local.example) or in the environment.',
      ].join('\n'),
    );
  }
  const env = result.data;
  return {
    issuer: issuerOf(env.AUTH0_DOMAIN),
    audience: env.AUTH0_AUDIENCE,
    url: env.PRODUCTS_API_URL,
    port: Number(new URL(env.PRODUCTS_API_URL).port),
  };
}
