import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { loadTenant, permissionsFor, TenantConfigError } from './tenant';

const realTenant = path.resolve('auth0/tenant.yaml');
const realUsers = path.resolve('auth0/local-users.yaml');
const keywords = { APP_BASE_URL: 'http://localhost:3000' };

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenant-test-'));
  fs.mkdirSync(path.join(dir, 'actions'));
  for (const action of fs.readdirSync('auth0/actions')) {
    fs.copyFileSync(path.join('auth0/actions', action), path.join(dir, 'actions', action));
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes a variant of the real tenant.yaml and loads it. */
function loadVariant(
  edit: (yaml: string) => string,
  usersFile = realUsers,
  extraKeywords: Record<string, string[]> = {},
) {
  const file = path.join(dir, 'tenant.yaml');
  fs.writeFileSync(file, edit(fs.readFileSync(realTenant, 'utf8')));
  return () =>
    loadTenant({ tenantFile: file, usersFile, keywords: { ...keywords, ...extraKeywords } });
}

/** Replaces the client's refresh_token block with these lines. */
function withRefreshToken(settings: string) {
  const indented = settings.replace(/^/gm, '      ');
  return (yaml: string) =>
    yaml.replace(/^ {4}refresh_token:\n(?: {6}.*\n)+/m, `    refresh_token:\n${indented}\n`);
}

test('reads the tenant a user would deploy, with Deploy CLI keywords replaced', () => {
  const tenant = loadTenant({ tenantFile: realTenant, usersFile: realUsers, keywords });
  // '@@CALLBACK_URLS@@' and '@@LOGOUT_URLS@@' become lists: the app's URL and,
  // for a local app, the end-to-end tests' port.
  expect(tenant.client.callbacks).toEqual([
    'http://localhost:3000/auth/callback',
    'http://localhost:3100/auth/callback',
  ]);
  expect(tenant.client.allowed_logout_urls).toEqual([
    'http://localhost:3000',
    'http://localhost:3100',
  ]);
  expect(tenant.postLoginActions).toEqual([
    {
      name: 'Add custom claims',
      file: path.resolve('auth0/actions/add-custom-claims.js'),
      dependencies: [],
      secrets: [],
    },
    {
      name: 'Require MFA for writes',
      file: path.resolve('auth0/actions/require-mfa-for-writes.js'),
      dependencies: [],
      secrets: [],
    },
  ]);
  // The shipped tenant has nothing the local Auth0 would ignore.
  expect(tenant.warnings).toEqual([]);
  const api = tenant.resourceServers[0];
  expect(api).toMatchObject({ enforce_policies: true, token_dialect: 'access_token_authz' });
});

test('an array keyword becomes the list it names; an unknown one is refused', () => {
  const withList = (yaml: string) =>
    yaml.replace("callbacks: '@@CALLBACK_URLS@@'", "callbacks: '@@EXTRA_URLS@@'");
  const tenant = loadVariant(withList, realUsers, {
    EXTRA_URLS: ['https://a.example.com/cb', 'https://b.example.com/cb'],
  });
  expect(tenant().client.callbacks).toEqual([
    'https://a.example.com/cb',
    'https://b.example.com/cb',
  ]);
  expect(loadVariant(withList)).toThrow(/unknown keyword @@EXTRA_URLS@@/);
});

test("a deployed APP_BASE_URL gets its own URLs only, without the tests' localhost port", () => {
  const tenant = loadTenant({
    tenantFile: realTenant,
    usersFile: realUsers,
    keywords: { APP_BASE_URL: 'https://app.example.com' },
  });
  expect(tenant.client.callbacks).toEqual(['https://app.example.com/auth/callback']);
});

test('a user gets the permissions of their roles, per API', () => {
  const tenant = loadTenant({ tenantFile: realTenant, usersFile: realUsers, keywords });
  const byEmail = (email: string) => tenant.users.find((u) => u.email === email)!;
  const api = tenant.resourceServers[0]!.identifier;
  expect(permissionsFor(tenant, byEmail('admin@example.com'), api).sort()).toEqual([
    'create:products',
    'read:products',
  ]);
  expect(permissionsFor(tenant, byEmail('sam@example.com'), api)).toEqual(['read:products']);
  expect(permissionsFor(tenant, byEmail('nora@example.com'), api)).toEqual([]);
  expect(permissionsFor(tenant, byEmail('admin@example.com'), 'https://other.example.com')).toEqual(
    [],
  );
});

test.each([
  ['malformed YAML', (y: string) => `${y}\n  - : [`, /tenant\.yaml: not valid YAML/],
  [
    'an unknown keyword',
    (y: string) =>
      y.replace("callbacks: '@@CALLBACK_URLS@@'", "callbacks: ['##APP_URL##/auth/callback']"),
    /unknown keyword ##APP_URL##/,
  ],
  [
    'a field of the wrong type',
    (y: string) => {
      const doc = parseDocument(y);
      doc.setIn(['resourceServers', 0, 'token_lifetime'], 'soon');
      return doc.toString();
    },
    /resourceServers\.0\.token_lifetime/,
  ],
  [
    'a role granting a scope the API lacks',
    (y: string) =>
      y.replace('permission_name: create:products', 'permission_name: undeclared:products'),
    /role "admin" grants "undeclared:products", which is not a scope/,
  ],
  [
    'a trigger bound to a missing Action',
    (y: string) => y.replace('- action_name: Add custom claims', '- action_name: Add claims'),
    /binds "Add claims", but no action has that name/,
  ],
  [
    'an Action file that does not exist',
    (y: string) => y.replace('./actions/add-custom-claims.js', './actions/missing.js'),
    /points to \.\/actions\/missing\.js, which does not exist/,
  ],
  [
    'rotating refresh tokens that never expire',
    withRefreshToken('rotation_type: rotating\nexpiration_type: non-expiring'),
    /clients\.0\.refresh_token\.expiration_type: rotating refresh tokens must expire/,
  ],
  [
    'rotating refresh tokens without an absolute lifetime',
    withRefreshToken(
      'rotation_type: rotating\nexpiration_type: expiring\ninfinite_token_lifetime: true',
    ),
    /clients\.0\.refresh_token\.infinite_token_lifetime: rotating refresh tokens need an absolute lifetime/,
  ],
  [
    'rotating refresh tokens living longer than a year',
    withRefreshToken(
      'rotation_type: rotating\nexpiration_type: expiring\ntoken_lifetime: 31557601',
    ),
    /clients\.0\.refresh_token\.token_lifetime: at most 31557600 seconds/,
  ],
  [
    'refresh-token settings without an expiration_type',
    withRefreshToken('rotation_type: non-rotating'),
    /clients\.0\.refresh_token\.expiration_type/,
  ],
])('%s is reported with the file and the field', (_, edit, message) => {
  const load = loadVariant(edit);
  expect(load).toThrow(TenantConfigError);
  expect(load).toThrow(message);
});

test('a demo user with a role the tenant does not define is reported', () => {
  const users = path.join(dir, 'users.yaml');
  fs.writeFileSync(
    users,
    fs.readFileSync(realUsers, 'utf8').replace('roles: [admin]', 'roles: [superuser]'),
  );
  expect(loadVariant((y) => y, users)).toThrow(
    /user admin@example\.com has an unknown role "superuser"/,
  );
});

test("a demo user's one-time-password secret must be base32 of 16 bytes or more", () => {
  expect(
    loadTenant({ tenantFile: realTenant, usersFile: realUsers, keywords }).users.find(
      (user) => user.user_id === 'auth0|admin',
    )?.mfa,
  ).toEqual({ totp_secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' });
  const users = path.join(dir, 'users.yaml');
  for (const [secret, message] of [
    ['not-base32!', /users\.0\.mfa\.totp_secret: a base32 secret/],
    ['JBSWY3DPEHPK3PXP', /users\.0\.mfa\.totp_secret: at least 26 base32 characters/],
  ] as const) {
    fs.writeFileSync(
      users,
      fs.readFileSync(realUsers, 'utf8').replace('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', secret),
    );
    expect(loadVariant((y) => y, users)).toThrow(message);
  }
});

test('MFA settings: one-time passwords and no tenant-wide policy are honoured, the rest is listed', () => {
  const withMfa = (factors: { name: string; enabled: boolean }[], policies: string[]) =>
    loadVariant((y) => {
      const doc = parseDocument(y);
      doc.set('guardianFactors', factors);
      doc.set('guardianPolicies', { policies });
      return doc.toString();
    })();
  const honoured = withMfa(
    [
      { name: 'otp', enabled: true },
      { name: 'sms', enabled: false },
    ],
    [],
  );
  expect(honoured.warnings).toEqual([]);

  const [warning] = withMfa(
    [
      { name: 'otp', enabled: false },
      { name: 'webauthn-roaming', enabled: true },
    ],
    ['all-applications'],
  ).warnings;
  expect(warning).toMatch(/guardianFactors: otp is not enabled/);
  expect(warning).toMatch(/guardianFactors: webauthn-roaming is enabled: .* one-time passwords/);
  expect(warning).toMatch(/guardianPolicies\.policies: all-applications: /);
  expect(warning).not.toMatch(/guardianFactors: not emulated|guardianPolicies: not emulated/);
});
