/**
 * The local Auth0 as the rehearsal's tenant: https://<host>/ on port 443 (a
 * tenant's domain has no port), holding auth0/tenant.yaml as `npm run
 * auth0:deploy` puts it in a tenant, the demo users, and the credentials made
 * for this run. It starts on its own, before the tests, as a tenant exists
 * before them: in tenant mode the e2e run starts no Auth0.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { projectRoot } from '../../lib/project-env';
import type { StandInCertificates } from './certificates';

export type StandInOptions = {
  host: string;
  certificates: StandInCertificates;
  /** Its signing key and consents: a fresh directory is a fresh tenant. */
  dataDir: string;
  clientId: string;
  clientSecret: string;
  /** The app the tenant was deployed for (its callback and logout URLs); default: a developer's http://localhost:3000. */
  appBaseUrl?: string;
  /** A copy of tenant.yaml with other lifetimes (services/auth0-local/tenant-copy.ts); default: tenant.yaml itself. */
  tenantFile?: string;
};

export type StandIn = { stop: () => Promise<void> };

export async function startStandInTenant(options: StandInOptions): Promise<StandIn> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join('services', 'auth0-local', 'server.ts')],
    {
      cwd: projectRoot,
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_ENV: 'development',
        AUTH0_DOMAIN: options.host,
        AUTH0_CLIENT_ID: options.clientId,
        AUTH0_CLIENT_SECRET: options.clientSecret,
        // By default the tenant was deployed from a developer's .env.local: its
        // callback and logout URLs then carry the e2e tests' http://localhost:3100
        // too (auth0/keywords.ts), which is what lets the tests log in. A deployed
        // app's tenant lists that app's URL only.
        APP_BASE_URL: options.appBaseUrl ?? 'http://localhost:3000',
        AUTH0_LOCAL_TENANT_FILE:
          options.tenantFile ?? path.join(projectRoot, 'auth0', 'tenant.yaml'),
        AUTH0_LOCAL_DATA_DIR: options.dataDir,
        AUTH0_LOCAL_TLS_CERT: options.certificates.certFile,
        AUTH0_LOCAL_TLS_KEY: options.certificates.keyFile,
      },
    },
  );
  let running = true;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running = false;
      resolve();
    }),
  );
  const stop = async () => {
    if (running) child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitForDiscovery(() => running, options);
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

/**
 * Waits until the stand-in answers its discovery document over https, with a
 * certificate the run's authority vouches for and the issuer a tenant has.
 */
async function waitForDiscovery(isRunning: () => boolean, options: StandInOptions): Promise<void> {
  const ca = fs.readFileSync(options.certificates.caFile, 'utf8');
  const expectedIssuer = `https://${options.host}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (!isRunning()) throw new Error('The stand-in tenant stopped before it answered.');
    try {
      const { issuer } = await discovery(options.host, ca);
      if (issuer !== expectedIssuer)
        throw new Error(`The stand-in tenant's issuer is ${issuer}, not ${expectedIssuer}.`);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ECONNREFUSED' || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** GET https://<host>/.well-known/openid-configuration from 127.0.0.1:443, verifying the certificate for <host>. */
function discovery(host: string, ca: string): Promise<{ issuer?: string }> {
  return new Promise((resolve, reject) => {
    const request = https.get(
      {
        host: '127.0.0.1',
        port: 443,
        path: '/.well-known/openid-configuration',
        headers: { host },
        servername: host,
        ca,
        timeout: 5000,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(body) as { issuer?: string });
          } catch {
            reject(new Error(`The stand-in tenant answered ${response.statusCode} without JSON.`));
          }
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error('The stand-in tenant did not answer.')));
    request.on('error', reject);
  });
}
