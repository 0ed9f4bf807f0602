/**
 * auth0/tenant.yaml is what a user deploys: `npm run auth0:validate` loads it
 * the way the Auth0 Deploy CLI does (its YAML loader, keyword replacement, the
 * Actions' code read from their files) and checks it against the Deploy CLI's own
 * schema. Run as a child process (the Deploy CLI loads ES-module-only
 * packages), once for both files: loading the Deploy CLI takes a while.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Result = { file: string; valid: boolean; errors: string[]; assets: Record<string, unknown> };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenant-yaml-'));
const broken = path.join(dir, 'tenant.yaml');
const unsent = path.join(dir, 'unsent.yaml');
let results: Result[];
let status: number | null;

beforeAll(() => {
  // A copy whose second role has lost its (required) name.
  fs.cpSync('auth0', dir, { recursive: true });
  fs.writeFileSync(
    broken,
    fs.readFileSync(broken, 'utf8').replace('  - name: employee', '  - title: employee'),
  );
  // A valid copy with what the deploy would not send: a section and a trigger it
  // leaves out, and a binding whose Action name has a typo.
  fs.writeFileSync(
    unsent,
    fs
      .readFileSync('auth0/tenant.yaml', 'utf8')
      .replace(
        '    - action_name: Require MFA for writes',
        '    - action_name: Require MFA for write',
      )
      .replace('  post-login:', '  pre-user-registration: []\n  post-login:') +
      '\nconnections:\n  - name: Username-Password-Authentication\n    strategy: auth0\n',
  );
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/auth0-validate.ts', 'auth0/tenant.yaml', broken, unsent, '--json'],
    { encoding: 'utf8' },
  );
  status = run.status;
  results = run.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Result);
}, 90_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('auth0/tenant.yaml passes the Auth0 Deploy CLI schema', () => {
  const [tenant] = results;
  expect(tenant).toMatchObject({ valid: true, errors: [] });
  // Keywords replaced and the Actions' code read from their files, as on deploy.
  expect(tenant!.assets.clients).toEqual([
    expect.objectContaining({
      callbacks: ['https://app.example.com/auth/callback'],
      allowed_logout_urls: ['https://app.example.com'],
    }),
  ]);
  expect(tenant!.assets.actions).toEqual([
    expect.objectContaining({
      name: 'Add custom claims',
      code: fs.readFileSync('auth0/actions/add-custom-claims.js', 'utf8'),
      deployed: true,
    }),
    expect.objectContaining({
      name: 'Require MFA for writes',
      code: fs.readFileSync('auth0/actions/require-mfa-for-writes.js', 'utf8'),
      deployed: true,
    }),
  ]);
  expect(tenant!.assets.triggers).toEqual({
    'post-login': [
      { action_name: 'Add custom claims', display_name: 'Add custom claims' },
      { action_name: 'Require MFA for writes', display_name: 'Require MFA for writes' },
    ],
  });
  // Step-up: the OTP factor on, the tenant-wide policy at Never.
  expect(tenant!.assets.guardianFactors).toEqual([{ name: 'otp', enabled: true }]);
  expect(tenant!.assets.guardianPolicies).toEqual({ policies: [] });
});

test('the check is real: a file the schema refuses is reported, and the command fails', () => {
  expect(results[1]).toMatchObject({
    valid: false,
    errors: [expect.stringMatching(/roles\[1\][\s\S]*required property 'name'/)],
  });
  expect(status).toBe(1);
});

test('what auth0:deploy would not send is reported: another section, another trigger, a binding to no Action', () => {
  expect(results[2]).toMatchObject({
    valid: false,
    errors: [
      expect.stringMatching(/^connections: npm run auth0:deploy does not send this section/),
      expect.stringMatching(
        /^triggers\.pre-user-registration: npm run auth0:deploy binds post-login Actions only/,
      ),
      'triggers.post-login[1]: binds "Require MFA for write", but no action of the file has that name.',
    ],
  });
});
