/**
 * Starts the sample products API: `npm run products-api` (or `npm run dev`,
 * which starts it for you), on the loopback interface only.
 */
import { createProductsApi } from './app';
import { readConfig } from './config';
import { loadProjectEnv } from './env-files';
import { listenOnLoopback } from './listen';

try {
  loadProjectEnv();
  const { issuer, audience, url, port } = readConfig();
  listenOnLoopback(createProductsApi({ issuer, audience }), port, 'products-api', () =>
    console.log(`[products-api] listening on ${url} (issuer ${issuer}, audience ${audience})`),
  );
} catch (error) {
  console.error(`[products-api] cannot start:\n${(error as Error).message}`);
  process.exit(1);
}
