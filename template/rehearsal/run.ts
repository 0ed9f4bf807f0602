/**
 * `npm run test:e2e:tenant`: the whole e2e suite in tenant mode, against the
 * local Auth0 standing in for a tenant, the way a user with a real tenant runs
 * it (docs/testing.md):
 * - AUTH0_DOMAIN is a bare domain (rehearsal-tenant.test), served over https
 *   on port 443 with a certificate from an authority made for this run, so the
 *   app runs without allowInsecureRequests, as it does with a tenant;
 * - the specs get only the E2E_AUTH0_* variables a user sets, and the e2e run
 *   starts no Auth0 of its own (npm start never does);
 * - every Node process trusts the authority through NODE_EXTRA_CA_CERTS and
 *   resolves the name to loopback (resolve-stand-in.mjs); Chromium does both
 *   through its launch arguments (chromium-args.ts).
 * What still differs from a real tenant: docs/tutorial/07-test-it.md.
 *
 * `npm run test:e2e:deployed` (--deployed): the deployed-shape rehearsal. The
 * same stand-in tenant, deployed for https://app.rehearsal.test (its URLs
 * only, and the e2e runs' short access tokens, so a renewal happens within
 * the run), and the app served there as on a host: a production build made
 * for that address, with secrets made for this run, behind nginx ending TLS
 * (reverse-proxy.ts) on 127.0.0.2:443. The products API gets
 * its own name behind the same proxy, since a deployed app refuses an http
 * API. Playwright runs its `deployed` project only (e2e/deployed.spec.ts here): a
 * separate run rather than the tenant run at that address, because a tenant
 * treats a localhost app differently (consent, login confirmation) and the
 * tenant run is there to rehearse exactly that.
 *
 * Both run the project's playwright.config.ts with E2E_STACK=tenant or
 * deployed: its production stack with the rehearsal's additions
 * (template/playwright-stacks.ts).
 *
 * Arguments are passed to `playwright test` (e.g. a spec file). Port 443 needs
 * root on Linux (see the message if it is refused). The exit code is Playwright's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { demoUsers } from '../../test-helpers/demo-users';
import { projectRoot } from '../../lib/project-env';
import { writeTenantCopy } from '../../services/auth0-local/tenant-copy';
import { LOCAL_ACCESS_TOKEN_LIFETIME } from '../../e2e/target';
import { createCertificates } from './certificates';
import { DEPLOYED } from './deployed';
import { startReverseProxy, type ReverseProxy } from './reverse-proxy';
import { startStandInTenant, type StandIn } from './stand-in-tenant';

/** `.test` is reserved for testing (RFC 6761): no real tenant can have this name. */
const HOST = 'rehearsal-tenant.test';

const deployed = process.argv.includes('--deployed');
const playwrightArgs = process.argv.slice(2).filter((arg) => arg !== '--deployed');

/** The API's identifier, as a user copies it from their tenant into E2E_AUTH0_AUDIENCE. */
function apiIdentifier(): string {
  const tenant = parse(fs.readFileSync(path.join(projectRoot, 'auth0', 'tenant.yaml'), 'utf8')) as {
    resourceServers: { identifier: string }[];
  };
  return tenant.resourceServers[0]!.identifier;
}

let playwright: ChildProcess | undefined;
let cleanUp = async () => {};

// Ctrl-C (or a SIGTERM to this script): Playwright stops its servers and
// exits, then the stand-in stops; before Playwright runs, clean up at once.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (playwright) playwright.kill(signal);
    else void cleanUp().then(() => process.exit(130));
  });
}

function runPlaywright(env: NodeJS.ProcessEnv, args: string[]): Promise<number> {
  const cli = require.resolve('@playwright/test/cli');
  const child = spawn(process.execPath, [cli, 'test', ...args], {
    cwd: projectRoot,
    stdio: 'inherit',
    env,
  });
  playwright = child;
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

async function main(): Promise<number> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenant-rehearsal-'));
  let standIn: StandIn | undefined;
  let proxy: ReverseProxy | undefined;
  cleanUp = async () => {
    // A 502 in a test is explained here ("upstream sent too big header", …).
    const proxyLog = proxy?.errorLog();
    if (proxyLog) console.log(`[tenant-rehearsal] nginx's error log:\n${proxyLog}`);
    await proxy?.stop();
    await standIn?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  };
  try {
    const certificates = await createCertificates(workDir, HOST);
    // What a user copies from their Application's settings: made for this run.
    const clientId = `rehearsal-${randomBytes(8).toString('hex')}`;
    const clientSecret = randomBytes(32).toString('base64url');
    standIn = await startStandInTenant({
      host: HOST,
      certificates,
      dataDir: path.join(workDir, 'tenant-data'),
      clientId,
      clientSecret,
      ...(deployed && {
        appBaseUrl: DEPLOYED.appBaseUrl,
        tenantFile: writeTenantCopy(workDir, { accessTokenLifetime: LOCAL_ACCESS_TOKEN_LIFETIME }),
      }),
    });
    console.log(`[tenant-rehearsal] the stand-in tenant answers at https://${HOST}/`);

    let deployedEnv: Record<string, string> = {};
    if (deployed) {
      const names = [DEPLOYED.appBaseUrl, DEPLOYED.productsApiUrl].map((url) => new URL(url).host);
      // The host's edge has its own certificate, not the tenant's.
      const edge = await certificates.issue('edge', names);
      proxy = await startReverseProxy({
        address: DEPLOYED.proxyAddress,
        certificate: edge,
        caFile: certificates.caFile,
        sites: [
          { host: names[0]!, upstream: `http://127.0.0.1:${DEPLOYED.appPort}` },
          { host: names[1]!, upstream: DEPLOYED.productsApiListenUrl },
        ],
        largeHeaderBuffers: process.env.REHEARSAL_NGINX_DEFAULT_BUFFERS !== '1',
      });
      console.log(
        `[tenant-rehearsal] nginx ends TLS for ${names.join(' and ')} on ${DEPLOYED.proxyAddress}:443`,
      );
      deployedEnv = {
        E2E_STACK: 'deployed',
        // A deployed app's own secret, never the example one (lib/env-schema.ts refuses it).
        E2E_AUTH0_SECRET: randomBytes(32).toString('hex'),
        STAND_IN_PROXY_HOSTS: names.join(' '),
        STAND_IN_PROXY_ADDRESS: DEPLOYED.proxyAddress,
        STAND_IN_PROXY_SPKI: edge.spkiSha256,
      };
    }

    const preload = pathToFileURL(path.join(__dirname, 'resolve-stand-in.mjs'));
    return await runPlaywright(
      {
        ...process.env,
        // Exactly what a user with a tenant sets (docs/testing.md).
        E2E_AUTH0_DOMAIN: HOST,
        E2E_AUTH0_CLIENT_ID: clientId,
        E2E_AUTH0_CLIENT_SECRET: clientSecret,
        E2E_AUTH0_AUDIENCE: apiIdentifier(),
        E2E_AUTH0_PASSWORD: demoUsers().password,
        // What a real tenant has without asking: a public DNS name and a
        // publicly trusted certificate. Inherited by the app and the products API.
        NODE_EXTRA_CA_CERTS: certificates.caFile,
        NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${preload.href}`]
          .filter(Boolean)
          .join(' '),
        STAND_IN_TENANT_HOST: HOST,
        STAND_IN_TENANT_SPKI: certificates.spkiSha256,
        E2E_STACK: 'tenant',
        ...deployedEnv,
      },
      playwrightArgs,
    );
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`[tenant-rehearsal] ${error.message}`);
    process.exit(1);
  },
);
