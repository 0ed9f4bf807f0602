/**
 * Starts the local Auth0: `npm run auth0:local` (or `npm run dev`, which starts it for you).
 * It listens on the loopback interface only and never in production.
 */
import http from 'node:http';
import { loadProjectEnv } from '../../scripts/project-env';
import { createLocalAuth0 } from './app';
import { readConfig } from './config';

function main() {
  loadProjectEnv();
  const config = readConfig();
  const { app, tenant } = createLocalAuth0(config);

  // Both loopback addresses, because "localhost" resolves to either, but never 0.0.0.0.
  const servers = ['127.0.0.1', '::1'].map((host) => {
    const server = http.createServer(app);
    server.on('error', (error: NodeJS.ErrnoException) => {
      if (host === '::1' && (error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT'))
        return;
      console.error(
        error.code === 'EADDRINUSE'
          ? `[auth0-local] Port ${config.port} is in use. Stop whatever uses it, or change AUTH0_DOMAIN.`
          : `[auth0-local] ${error.message}`,
      );
      process.exit(1);
    });
    server.listen(config.port, host);
    return server;
  });

  servers[0]?.on('listening', () => {
    console.log(
      `[auth0-local] listening on ${config.issuer} (client "${tenant.client.name}", ${tenant.users.length} demo users, post-login Actions: ${tenant.postLoginActions.map((a) => a.name).join(', ') || 'none'})`,
    );
  });

  const stop = () => {
    servers.forEach((server) => server.close());
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
