/**
 * Starts the sample products API: `npm run products-api` (or `npm run dev`,
 * which starts it for you), on the loopback interface only.
 */
import { z } from 'zod';
import { loadProjectEnv } from '../../lib/project-env';
import { listenOnLoopback } from '../shared/listen';
import { createProductsApi } from './app';

const configSchema = z.object({
  AUTH0_DOMAIN: z.string({ error: 'AUTH0_DOMAIN is not set (see .env.local.example).' }),
  AUTH0_AUDIENCE: z.string({ error: 'AUTH0_AUDIENCE is not set (see .env.local.example).' }),
  PRODUCTS_API_URL: z
    .string({ error: 'PRODUCTS_API_URL is not set (see .env.local.example).' })
    .regex(
      /^http:\/\/localhost:\d+$/,
      'PRODUCTS_API_URL must be http://localhost:<port> for the sample API.',
    ),
});

try {
  loadProjectEnv();
  const result = configSchema.safeParse(process.env);
  if (!result.success) throw new Error(result.error.issues.map((i) => i.message).join('\n'));
  const env = result.data;
  // Auth0's issuer is the domain with https:// and a trailing slash.
  const issuer = env.AUTH0_DOMAIN.startsWith('http://')
    ? `${env.AUTH0_DOMAIN}/`
    : `https://${env.AUTH0_DOMAIN}/`;
  const port = Number(new URL(env.PRODUCTS_API_URL).port);
  listenOnLoopback(
    createProductsApi({ issuer, audience: env.AUTH0_AUDIENCE }),
    port,
    'products-api',
    () =>
      console.log(
        `[products-api] listening on ${env.PRODUCTS_API_URL} (issuer ${issuer}, audience ${env.AUTH0_AUDIENCE})`,
      ),
  );
} catch (error) {
  console.error(`[products-api] cannot start:\n${(error as Error).message}`);
  process.exit(1);
}
