/**
 * The deployed-shape rehearsal (`npm run test:e2e:deployed`): the app and the
 * API at https names without a port, served by nginx on their own loopback
 * address (127.0.0.1:443 is the stand-in tenant's), which forwards to
 * `next start` and the products API on loopback ports.
 */
import { e2eTarget } from '../../e2e/target';

export const DEPLOYED = {
  appBaseUrl: 'https://app.rehearsal.test',
  productsApiUrl: 'https://api.rehearsal.test',
  proxyAddress: '127.0.0.2',
  appPort: 3300,
  /** Where the sample API listens (it serves loopback only, over http). */
  productsApiListenUrl: 'http://localhost:4300',
} as const;

/** Set by run.ts --deployed only. */
export const isDeployedRun = () => process.env.E2E_STACK === 'deployed';

/** The tenant run's variables (e2e/target.ts), with what a deployed app has instead. */
export function deployedEnv(): Record<string, string> {
  const secret = process.env.E2E_AUTH0_SECRET;
  if (!secret) throw new Error('E2E_AUTH0_SECRET is not set: run `npm run test:e2e:deployed`.');
  return {
    ...e2eTarget().env,
    APP_BASE_URL: DEPLOYED.appBaseUrl,
    // Made for the run by the rehearsal: a deployed app refuses the example one.
    AUTH0_SECRET: secret,
    PRODUCTS_API_URL: DEPLOYED.productsApiUrl,
  };
}
