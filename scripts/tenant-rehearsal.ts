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
 *   resolves the name to loopback (tenant-rehearsal/resolve-stand-in.mjs);
 *   Chromium does both through its launch arguments (e2e/stand-in-tenant.ts).
 * What still differs from a real tenant: docs/tutorial/06-test-it.md.
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
import { demoUsers } from '../test-helpers/demo-users';
import { projectRoot } from '../lib/project-env';
import { createCertificates } from './tenant-rehearsal/certificates';
import { startStandInTenant, type StandIn } from './tenant-rehearsal/stand-in-tenant';

/** `.test` is reserved for testing (RFC 6761): no real tenant can have this name. */
const HOST = 'rehearsal-tenant.test';

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
  cleanUp = async () => {
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
    });
    console.log(`[tenant-rehearsal] the stand-in tenant answers at https://${HOST}/`);

    const preload = pathToFileURL(path.join(__dirname, 'tenant-rehearsal', 'resolve-stand-in.mjs'));
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
      },
      process.argv.slice(2),
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
