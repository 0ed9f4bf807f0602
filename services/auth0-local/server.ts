/**
 * Starts the local Auth0: `npm run auth0:local` (or `npm run dev`, which starts it for you).
 * It listens on the loopback interface only and never in production.
 */
import { loadProjectEnv } from '../../scripts/project-env';
import { listenOnLoopback } from '../shared/listen';
import { createLocalAuth0 } from './app';
import { readConfig } from './config';

try {
  loadProjectEnv();
  const config = readConfig();
  const { app, tenant } = createLocalAuth0(config);
  listenOnLoopback(app, config.port, 'auth0-local', () => {
    const actions = tenant.postLoginActions.map((a) => a.name).join(', ') || 'none';
    console.log(
      `[auth0-local] listening on ${config.issuer} (client "${tenant.client.name}", ${tenant.users.length} demo users, post-login Actions: ${actions})`,
    );
  });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
