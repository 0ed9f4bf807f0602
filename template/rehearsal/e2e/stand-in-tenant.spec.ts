/**
 * Chromium's side of the tenant rehearsal (npm run test:e2e:tenant): with the
 * launch arguments of chromium-args.ts it loads a server that has the
 * rehearsal's kind of certificate, by the stand-in's name, with no warning;
 * without them, or for another key, it refuses. Self-contained (its own
 * certificates and server on a free port), in every tenant run.
 * Node's side: trust.test.ts.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { createCertificates, type StandInCertificates } from '../certificates';
import { systemChromium } from '../../../test-helpers/browser';
import { standInTenantChromiumArgs } from '../chromium-args';

const HOST = 'rehearsal-tenant.test';

let dir: string;
let certificates: StandInCertificates;
let server: https.Server;
let url: string;

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rehearsal-chromium-'));
  certificates = await createCertificates(dir, HOST);
  server = https.createServer(
    { cert: fs.readFileSync(certificates.certFile), key: fs.readFileSync(certificates.keyFile) },
    (_req, res) => res.end('the stand-in tenant'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://${HOST}:${(server.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens the stand-in in a Chromium launched with `args`: "OK <text>" or "ERR <net error>". */
async function openInChromium(args: string[]): Promise<string> {
  const browser = await chromium.launch({ executablePath: systemChromium(), args });
  try {
    const page = await browser.newPage();
    return await page.goto(url).then(
      async () => `OK ${await page.locator('body').innerText()}`,
      (error: Error) => `ERR ${/net::(ERR_\w+)/.exec(error.message)?.[1] ?? error.message}`,
    );
  } finally {
    await browser.close();
  }
}

const rehearsalEnv = () => ({
  STAND_IN_TENANT_HOST: HOST,
  STAND_IN_TENANT_SPKI: certificates.spkiSha256,
});

test('with the rehearsal’s arguments, Chromium loads the stand-in with no certificate warning', async () => {
  expect(await openInChromium(standInTenantChromiumArgs(rehearsalEnv()))).toBe(
    'OK the stand-in tenant',
  );
});

test('without them, Chromium refuses the certificate', async () => {
  const [resolveRule] = standInTenantChromiumArgs(rehearsalEnv());
  expect(await openInChromium([resolveRule!])).toBe('ERR ERR_CERT_AUTHORITY_INVALID');
});

test('Chromium trusts that one key only, not any certificate', async () => {
  const otherKey = createHash('sha256').update('another key').digest('base64');
  const args = standInTenantChromiumArgs({ ...rehearsalEnv(), STAND_IN_TENANT_SPKI: otherKey });
  expect(await openInChromium(args)).toBe('ERR ERR_CERT_AUTHORITY_INVALID');
});

test('against a real tenant Chromium runs as usual: no argument at all', () => {
  expect(standInTenantChromiumArgs({ E2E_AUTH0_DOMAIN: 'my-tenant.us.auth0.com' })).toEqual([]);
});

test('in the deployed-shape rehearsal, the app’s names map to the proxy and its key is trusted too', () => {
  const args = standInTenantChromiumArgs({
    ...rehearsalEnv(),
    STAND_IN_PROXY_HOSTS: 'app.rehearsal.test api.rehearsal.test',
    STAND_IN_PROXY_ADDRESS: '127.0.0.2',
    STAND_IN_PROXY_SPKI: 'edge-key',
  });
  expect(args).toEqual([
    `--host-resolver-rules=MAP ${HOST} 127.0.0.1, MAP app.rehearsal.test 127.0.0.2, MAP api.rehearsal.test 127.0.0.2`,
    `--ignore-certificate-errors-spki-list=${certificates.spkiSha256},edge-key`,
  ]);
});
