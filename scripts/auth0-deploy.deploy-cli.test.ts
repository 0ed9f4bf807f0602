/**
 * `npm run auth0:deploy`, run as a user runs it (the script, as a child
 * process, with the real Deploy CLI), against a stand-in for the Auth0
 * Management API: the real one cannot run here. The stand-in
 * (test-helpers/management-api-stand-in.ts) is a small HTTPS server on
 * 127.0.0.1 that records every write, so each test asserts what a deploy would
 * change in a tenant: an empty one, one with another Action in its Login flow
 * and MFA of its own, one whose `admin` role holds other permissions, and one
 * that asks for MFA at every login.
 *
 * The Deploy CLI and the Auth0 SDK build every URL as https://<domain>/…, and
 * accept `127.0.0.1:<port>` as the domain, so no name mapping is needed. The
 * certificate is generated for each run and trusted by the child process only,
 * through NODE_EXTRA_CA_CERTS.
 *
 * Each deploy spends about 20 s of CPU in the Deploy CLI compiling its own
 * schema, whatever the tenant: the deploys start together (each against its
 * own stand-in), and the tests that need the same tenant and flags share one.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  emptyTenant,
  startManagementApiStandIn,
  type RecordedCall,
  type TenantState,
} from '@/test-helpers/management-api-stand-in';

jest.setTimeout(180_000);

/** The stand-ins listen on consecutive ports from here, one per deploy. */
const FIRST_PORT = 4680;
const ROOT = path.resolve(__dirname, '..');
const OURS = 'Add custom claims';
const STEP_UP = 'Require MFA for writes';
const READ = {
  permission_name: 'read:products',
  resource_server_identifier: 'https://products-api.example.com',
};
const CREATE = {
  permission_name: 'create:products',
  resource_server_identifier: 'https://products-api.example.com',
};
const REPORTS = {
  permission_name: 'read:reports',
  resource_server_identifier: 'https://reports.example.com',
};

let dir: string;
let key: string;
let cert: string;

type Deploy = {
  code: number | null;
  output: string;
  writes: RecordedCall[];
  tenant: TenantState;
};
let deploys: Record<
  'empty' | 'inUse' | 'adminRole' | 'dryRun' | 'mfaPolicy' | 'unsent',
  Promise<Deploy>
>;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth0-deploy-test-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-days',
      '1',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  key = fs.readFileSync(path.join(dir, 'key.pem'), 'utf8');
  cert = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
  deploys = {
    empty: deployTo(FIRST_PORT, emptyTenant()),
    inUse: deployTo(FIRST_PORT + 1, tenantInUse(), ['--force']),
    adminRole: deployTo(FIRST_PORT + 2, tenantWithAdminRole()),
    dryRun: deployTo(FIRST_PORT + 3, tenantWithAdminRole(), ['--dry-run']),
    mfaPolicy: deployTo(FIRST_PORT + 4, tenantWithMfaPolicy()),
    unsent: deployTo(FIRST_PORT + 5, emptyTenant(), [], projectWithUnsentParts()),
  };
  // A failed deploy fails the tests that await it, not the run as an unhandled rejection.
  Object.values(deploys).forEach((deploy) => deploy.catch(() => {}));
});
afterAll(async () => {
  await Promise.allSettled(Object.values(deploys ?? {}));
  fs.rmSync(dir, { recursive: true, force: true });
});

async function deployTo(
  port: number,
  tenant: TenantState,
  args: string[] = [],
  project = ROOT,
): Promise<Deploy> {
  const standIn = await startManagementApiStandIn({ port, key, cert, tenant });
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/auth0-deploy.ts', ...args], {
      cwd: project,
      env: {
        NODE_ENV: 'development',
        PATH: process.env.PATH,
        NODE_EXTRA_CA_CERTS: path.join(dir, 'cert.pem'),
        AUTH0_DEPLOY_DOMAIN: `127.0.0.1:${port}`,
        AUTH0_DEPLOY_CLIENT_ID: 'deploy-cli-client',
        AUTH0_DEPLOY_CLIENT_SECRET: 'deploy-cli-secret',
        APP_BASE_URL: 'http://localhost:3000',
      },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(standIn.unknown).toEqual([]);
    return { code, output, writes: standIn.writes(), tenant: standIn.tenant };
  } finally {
    await standIn.stop();
  }
}

/**
 * A copy of the project's scripts, lib and auth0 folders whose tenant.yaml has
 * what a user might add: a section the deploy does not send, and a binding
 * whose Action name has a typo.
 */
function projectWithUnsentParts(): string {
  const project = path.join(dir, 'project');
  for (const part of ['scripts', 'lib', 'auth0', '.env.local.example', 'package.json']) {
    fs.cpSync(path.join(ROOT, part), path.join(project, part), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
  const tenantYaml = path.join(project, 'auth0', 'tenant.yaml');
  const yaml = fs
    .readFileSync(tenantYaml, 'utf8')
    .replace(
      '    - action_name: Require MFA for writes',
      '    - action_name: Require MFA for write',
    );
  fs.writeFileSync(
    tenantYaml,
    `${yaml}\nconnections:\n  - name: Username-Password-Authentication\n    strategy: auth0\n`,
  );
  return project;
}

/** Fails with the deploy's whole output, which says why it ended as it did. */
function expectExitCode({ code, output }: Deploy, expected: number) {
  if (code !== expected) throw new Error(`exit code ${code}, expected ${expected}:\n${output}`);
}

const bindingNames = (tenant: TenantState) => tenant.postLoginBindings.map((b) => b.action.name);
const enabledFactors = (tenant: TenantState) =>
  tenant.guardianFactors.filter((f) => f.enabled).map((f) => f.name);

test('an empty tenant gets the app, the API, the roles, the OTP factor and both Actions bound to the Login flow', async () => {
  const deploy = await deploys.empty;
  expectExitCode(deploy, 0);
  const { output, writes, tenant } = deploy;
  expect(output).toMatch(/1\. Add custom claims \(added\)\s+2\. Require MFA for writes \(added\)/);
  expect(output).toMatch(/factor otp: on \(was off\)\s+tenant-wide policy: Never\n/);
  const calls = writes.map((w) => `${w.method} ${w.path.replace(/_\d+/, '_N')}`);
  const isRoleCall = (call: string) => call.includes('/roles');
  expect(calls.filter((call) => !isRoleCall(call))).toEqual([
    'POST /api/v2/resource-servers',
    'POST /api/v2/clients',
    'PUT /api/v2/guardian/factors/otp',
    'PUT /api/v2/guardian/policies',
    // The Deploy CLI creates the Actions, then deploys them, each pair concurrently.
    'POST /api/v2/actions/actions',
    'POST /api/v2/actions/actions',
    'POST /api/v2/actions/actions/act_N/deploy',
    'POST /api/v2/actions/actions/act_N/deploy',
    'PATCH /api/v2/actions/triggers/post-login/bindings',
  ]);
  // The Deploy CLI creates the two roles concurrently, so their calls interleave.
  expect(calls.filter(isRoleCall).sort()).toEqual([
    'POST /api/v2/roles',
    'POST /api/v2/roles',
    'POST /api/v2/roles/rol_N/permissions',
    'POST /api/v2/roles/rol_N/permissions',
  ]);
  const rolePermissions = tenant.roles.map((role) => `${role.name}: ${role.permissions.length}`);
  expect(rolePermissions.sort()).toEqual(['admin: 2', 'employee: 1']);
  // The app's URLs and the end-to-end tests' port, from the array keywords.
  expect(tenant.clients[0]).toMatchObject({
    callbacks: ['http://localhost:3000/auth/callback', 'http://localhost:3100/auth/callback'],
    allowed_logout_urls: ['http://localhost:3000', 'http://localhost:3100'],
  });
  expect(tenant.clients[0]).not.toHaveProperty('web_origins');
  // Both Actions deployed with their files' code, and bound in the file's order.
  const deployedCode = Object.fromEntries(
    tenant.actions.map((a) => [
      a.name,
      (a.deployed_version as { code?: string } | undefined)?.code,
    ]),
  );
  expect(deployedCode).toEqual({
    [OURS]: fs.readFileSync(path.join(ROOT, 'auth0/actions/add-custom-claims.js'), 'utf8'),
    [STEP_UP]: fs.readFileSync(path.join(ROOT, 'auth0/actions/require-mfa-for-writes.js'), 'utf8'),
  });
  expect(bindingNames(tenant)).toEqual([OURS, STEP_UP]);
  // Only the Action asks for a second factor: the OTP factor on, the policy at Never.
  expect(enabledFactors(tenant)).toEqual(['otp']);
  expect(writes).toContainEqual({ method: 'PUT', path: '/api/v2/guardian/policies', body: [] });
  expect(tenant.guardianPolicies).toEqual([]);
});

test("another Action in the tenant's Login flow stays bound, and ours run after it, in order", async () => {
  const result = await deploys.inUse;
  expectExitCode(result, 0);
  expect(result.output).toMatch(
    /1\. Require MFA \(kept\)\s+2\. Add custom claims \(added\)\s+3\. Require MFA for writes \(added\)/,
  );
  const bindingWrites = result.writes.filter((w) => w.path.includes('/triggers/'));
  expect(bindingWrites).toEqual([
    {
      method: 'PATCH',
      path: '/api/v2/actions/triggers/post-login/bindings',
      body: {
        bindings: [
          { ref: { type: 'action_id', value: 'act_mfa' }, display_name: 'Require MFA' },
          { ref: { type: 'action_name', value: OURS }, display_name: OURS },
          { ref: { type: 'action_name', value: STEP_UP }, display_name: STEP_UP },
        ],
      },
    },
  ]);
  expect(bindingNames(result.tenant)).toEqual(['Require MFA', OURS, STEP_UP]);
});

test("with --force, the tenant's MFA policy is set to Never and the OTP factor turned on; its other factors stay on", async () => {
  const { output, writes, tenant } = await deploys.inUse;
  expect(output).toContain('tenant-wide policy: Never (was all-applications)');
  const mfaWrites = writes.filter((w) => w.path.includes('/guardian/'));
  expect(mfaWrites).toEqual([
    { method: 'PUT', path: '/api/v2/guardian/factors/otp', body: { enabled: true } },
    { method: 'PUT', path: '/api/v2/guardian/policies', body: [] },
  ]);
  expect(tenant.guardianPolicies).toEqual([]);
  expect(enabledFactors(tenant)).toEqual(['sms', 'otp']);
});

function tenantWithAdminRole() {
  const tenant = emptyTenant();
  tenant.roles.push({
    id: 'rol_admin',
    name: 'admin',
    description: 'Reports team',
    permissions: [REPORTS, READ],
  });
  return tenant;
}

/** A tenant that asks for a second factor, by SMS, at every login. */
function tenantWithMfaPolicy(tenant = emptyTenant()) {
  tenant.guardianFactors.find((f) => f.name === 'sms')!.enabled = true;
  tenant.guardianPolicies = ['all-applications'];
  return tenant;
}

/**
 * A tenant in use: another Action bound to its Login flow, MFA by SMS at every
 * login, and an admin role with other permissions. Deployed with --force, it
 * serves the binding test, the MFA test and the --force test.
 */
function tenantInUse() {
  const tenant = tenantWithMfaPolicy(tenantWithAdminRole());
  tenant.actions.push({
    id: 'act_mfa',
    name: 'Require MFA',
    supported_triggers: [{ id: 'post-login', version: 'v3' }],
  });
  tenant.postLoginBindings.push({
    id: 'bnd_mfa',
    action: { id: 'act_mfa', name: 'Require MFA' },
    display_name: 'Require MFA',
  });
  return tenant;
}

test('an existing admin role with other permissions stops the deploy before any write, and lists them', async () => {
  const deploy = await deploys.adminRole;
  expectExitCode(deploy, 1);
  const { output, writes } = deploy;
  expect(output).toContain('role "admin": read:reports (https://reports.example.com)');
  expect(output).not.toContain('read:products (');
  expect(output).toContain('Nothing was changed');
  expect(output).not.toContain('MFA policy would be turned off');
  expect(writes).toEqual([]);
});

test('a tenant-wide MFA policy the deploy would turn off stops it before any write', async () => {
  const deploy = await deploys.mfaPolicy;
  expectExitCode(deploy, 1);
  const { output, writes } = deploy;
  expect(output).toContain('tenant-wide policy: Never (was all-applications)');
  expect(output).toContain("The tenant's MFA policy would be turned off: all-applications.");
  expect(output).toContain('Nothing was changed');
  expect(output).toContain('add all-applications to guardianPolicies');
  expect(writes).toEqual([]);
});

test('a section the deploy would not send, or a binding to no Action, stops it before it connects', async () => {
  const deploy = await deploys.unsent;
  expectExitCode(deploy, 1);
  const { output, writes } = deploy;
  expect(output).toContain('Nothing was changed');
  expect(output).toContain('- connections: npm run auth0:deploy does not send this section');
  expect(output).toContain(
    '- triggers.post-login[1]: binds "Require MFA for write", but no action of the file has that name.',
  );
  expect(writes).toEqual([]);
});

test('--dry-run lists what would be replaced and writes nothing', async () => {
  const deploy = await deploys.dryRun;
  expectExitCode(deploy, 0);
  const { output, writes } = deploy;
  expect(output).toContain('role "admin": read:reports (https://reports.example.com)');
  expect(output).toContain('1. Add custom claims (added)');
  expect(output).toContain('factor otp: on (was off)');
  expect(writes).toEqual([]);
});

test("--force replaces the admin role's permissions with the file's", async () => {
  const deploy = await deploys.inUse;
  expectExitCode(deploy, 0);
  const { writes, tenant } = deploy;
  expect(writes).toContainEqual({
    method: 'DELETE',
    path: '/api/v2/roles/rol_admin/permissions',
    body: { permissions: [REPORTS, READ] },
  });
  expect(tenant.roles.find((r) => r.name === 'admin')?.permissions).toEqual([READ, CREATE]);
});
