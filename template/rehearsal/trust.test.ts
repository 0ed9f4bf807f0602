/**
 * How the rehearsal's Node processes reach the stand-in tenant: by its name,
 * over https, with a certificate from the run's own authority. Each way in is
 * checked with the rehearsal's settings and without each of them, so that a
 * setting that stops mattering (or a trust that is too wide) fails here.
 * Chromium's side: e2e/stand-in-tenant.spec.ts here (it needs a browser).
 */
import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCertificates, type StandInCertificates } from './certificates';

const HOST = 'rehearsal-tenant.test';
const preload = pathToFileURL(path.join(__dirname, 'resolve-stand-in.mjs')).href;

let dir: string;
let certificates: StandInCertificates;
let server: https.Server;
let url: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rehearsal-trust-'));
  certificates = await createCertificates(dir, HOST);
  server = https.createServer(
    {
      cert: fs.readFileSync(certificates.certFile),
      key: fs.readFileSync(certificates.keyFile),
    },
    (_req, res) => res.end('the stand-in tenant'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://${HOST}:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Fetches `target` from a new Node process with `env`: "OK <body>" or "ERR <code>". */
function fetchFromNode(target: string, env: Record<string, string>): Promise<string> {
  const script = `fetch(process.argv[1]).then((r) => r.text()).then(
    (body) => console.log('OK ' + body),
    (error) => console.log('ERR ' + (error.cause?.code ?? error.message)),
  )`;
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['-e', script, target],
      { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env } },
      (error, stdout) => (error ? reject(error) : resolve(stdout.trim())),
    ),
  );
}

const rehearsalEnv = () => ({
  NODE_EXTRA_CA_CERTS: certificates.caFile,
  NODE_OPTIONS: `--import=${preload}`,
  STAND_IN_TENANT_HOST: HOST,
});

describe('a Node process (the app, the products API, the test runner)', () => {
  test('reaches the stand-in by its name over verified https', async () => {
    expect(await fetchFromNode(url, rehearsalEnv())).toBe('OK the stand-in tenant');
  });

  test('refuses the certificate without the run’s authority', async () => {
    const { NODE_EXTRA_CA_CERTS: _ca, ...withoutAuthority } = rehearsalEnv();
    expect(await fetchFromNode(url, withoutAuthority)).toMatch(
      /^ERR (UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)$/,
    );
  });

  test('refuses the certificate for any other name', async () => {
    const other = url.replace(HOST, 'another-tenant.test');
    expect(
      await fetchFromNode(other, {
        ...rehearsalEnv(),
        STAND_IN_TENANT_HOST: 'another-tenant.test',
      }),
    ).toBe('ERR ERR_TLS_CERT_ALTNAME_INVALID');
  });

  test('resolves no other name to loopback', async () => {
    const other = url.replace(HOST, 'another-tenant.test');
    expect(await fetchFromNode(other, rehearsalEnv())).toMatch(/^ERR (ENOTFOUND|EAI_AGAIN)$/);
  });

  test('cannot resolve the name without the preload', async () => {
    const { NODE_OPTIONS: _preload, ...withoutPreload } = rehearsalEnv();
    expect(await fetchFromNode(url, withoutPreload)).toMatch(/^ERR (ENOTFOUND|EAI_AGAIN)$/);
  });
});

/** Where a Node process with the preload and `env` resolves `name`: the address, or "ERR <code>". */
function resolveFromNode(name: string, env: Record<string, string>): Promise<string> {
  const script = `require('node:dns').promises.lookup(process.argv[1]).then(
    ({ address }) => console.log(address),
    (error) => console.log('ERR ' + error.code),
  )`;
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['-e', script, name],
      {
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'test',
          NODE_OPTIONS: `--import=${preload}`,
          ...env,
        },
      },
      (error, stdout) => (error ? reject(error) : resolve(stdout.trim())),
    ),
  );
}

describe('in the deployed-shape rehearsal', () => {
  const proxyEnv = {
    STAND_IN_TENANT_HOST: HOST,
    STAND_IN_PROXY_HOSTS: 'app.rehearsal.test api.rehearsal.test',
    STAND_IN_PROXY_ADDRESS: '127.0.0.2',
  };

  test('the app’s names resolve to the proxy’s address, the tenant’s to its own', async () => {
    expect(await resolveFromNode('app.rehearsal.test', proxyEnv)).toBe('127.0.0.2');
    expect(await resolveFromNode('API.rehearsal.test', proxyEnv)).toBe('127.0.0.2');
    expect(await resolveFromNode(HOST, proxyEnv)).toBe('127.0.0.1');
    expect(await resolveFromNode('other.rehearsal.test', proxyEnv)).toMatch(
      /^ERR (ENOTFOUND|EAI_AGAIN)$/,
    );
  });

  test('the proxy’s certificate is its own, from the same authority, for the app’s names only', async () => {
    const edge = await certificates.issue('edge', ['app.rehearsal.test', 'api.rehearsal.test']);
    const certificate = new X509Certificate(fs.readFileSync(edge.certFile));
    expect(edge.spkiSha256).not.toBe(certificates.spkiSha256);
    expect(certificate.checkHost('app.rehearsal.test', { subject: 'never' })).toBeDefined();
    expect(certificate.checkHost('api.rehearsal.test', { subject: 'never' })).toBeDefined();
    expect(certificate.checkHost(HOST, { subject: 'never' })).toBeUndefined();
    const authority = new X509Certificate(fs.readFileSync(certificates.caFile));
    expect(certificate.verify(authority.publicKey)).toBe(true);
  });
});

test('the SPKI hash given to Chromium is the server certificate’s key', () => {
  const certificate = new X509Certificate(fs.readFileSync(certificates.certFile));
  const spki = certificate.publicKey.export({ type: 'spki', format: 'der' });
  expect(certificates.spkiSha256).toBe(createHash('sha256').update(spki).digest('base64'));
  expect(certificate.checkHost(HOST, { subject: 'never' })).toBe(HOST);
  expect(certificate.ca).toBe(false);
  const authority = new X509Certificate(fs.readFileSync(certificates.caFile));
  expect(authority.ca).toBe(true);
  expect(certificate.verify(authority.publicKey)).toBe(true);
});
