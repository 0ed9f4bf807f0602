/**
 * Starts the local Auth0: `npm run auth0:local` (or `npm run dev`, which starts it for you).
 * It listens on the loopback interface only and never in production; over
 * https when it stands in for a tenant (see config.ts).
 */
import fs from 'node:fs';
import { createLocalAuth0 } from './app';
import { readConfig } from './config';
import { loadProjectEnv } from './env-files';
import { listenOnLoopback } from './listen';

try {
  loadProjectEnv();
  const config = readConfig();
  const { app, tenant } = createLocalAuth0(config);
  // Nothing in tenant.yaml is ignored silently: one block, before the server listens.
  for (const warning of tenant.warnings) console.warn(`[auth0-local] WARNING ${warning}`);
  const tls = config.tls && {
    cert: fs.readFileSync(config.tls.certFile, 'utf8'),
    key: fs.readFileSync(config.tls.keyFile, 'utf8'),
  };
  listenOnLoopback(
    app,
    config.port,
    'auth0-local',
    () => {
      const actions = tenant.postLoginActions.map((a) => a.name).join(', ') || 'none';
      console.log(
        `[auth0-local] listening on ${config.issuer} (client "${tenant.client.name}", ${tenant.users.length} demo users, post-login Actions: ${actions})`,
      );
    },
    tls,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
