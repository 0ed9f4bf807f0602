/**
 * Configuration of the sample products API, picked from the project's
 * variables (lib/env-schema.ts): the same names, rules and messages as the app.
 *
 * The API validates access tokens, so it needs to know who issues them and
 * for which audience, and where to listen. It never needs the app's secrets.
 */
import { auth0Issuer, parseEnv, projectVariables } from '../../lib/env-schema';

const LOCAL_URL = /^http:\/\/localhost:\d+$/;

const schema = projectVariables
  .pick({ AUTH0_DOMAIN: true, AUTH0_AUDIENCE: true, PRODUCTS_API_URL: true })
  .refine((env) => LOCAL_URL.test(env.PRODUCTS_API_URL), {
    message:
      "PRODUCTS_API_URL must be http://localhost:<port> for the sample API: it listens on this machine's loopback interface only.",
  });

export type ProductsApiConfig = { issuer: string; audience: string; url: string; port: number };

export function readConfig(
  source: Record<string, string | undefined> = process.env,
): ProductsApiConfig {
  const env = parseEnv(schema, source);
  return {
    issuer: auth0Issuer(env.AUTH0_DOMAIN),
    audience: env.AUTH0_AUDIENCE,
    url: env.PRODUCTS_API_URL,
    port: Number(new URL(env.PRODUCTS_API_URL).port),
  };
}
