import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ActionFailedError,
  createActionCache,
  runPostLoginActions,
  type PostLoginContext,
} from './actions';

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actions-test-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function action(name: string, body: string) {
  const file = path.join(dir, `${name}.js`);
  fs.writeFileSync(file, `exports.onExecutePostLogin = async (event, api) => {\n${body}\n};\n`);
  return { name, file };
}

// Any namespace of the form Auth0 requires; the template's own is the Action's business.
const NAMESPACE = 'https://actions-test.example.com';

const context: PostLoginContext = {
  protocol: 'oidc-basic-profile',
  user: {
    user_id: 'auth0|sales',
    email: 'sam@example.com',
    name: 'Sam Seller',
    nickname: 'sam',
    email_verified: true,
    blocked: false,
    roles: ['employee'],
    app_metadata: { department: 'sales' },
    user_metadata: {},
  },
  picture: 'http://localhost:4400/avatars/sam.svg',
  client: { client_id: 'client', name: 'App' },
  audience: 'https://products-api.example.com',
  requestedScopes: ['openid'],
  loginsCount: 1,
};

test('runs the real Action with an Auth0-shaped event', async () => {
  const result = await runPostLoginActions(
    [{ name: 'Add custom claims', file: path.resolve('auth0/actions/add-custom-claims.js') }],
    context,
  );
  // The claims the app and the API rely on, in both tokens. The Action may add
  // more (chapter 2's exercise does): this test is about the runner.
  // Read by their names' ends: the namespace is the Action's, and yours once you change it.
  const expected = expect.objectContaining({
    [claimEndingWith(result, '/roles')]: ['employee'],
    [claimEndingWith(result, '/department')]: 'sales',
  });
  expect(result).toMatchObject({
    denied: false,
    idTokenClaims: expected,
    accessTokenClaims: expected,
    addedScopes: [],
    removedScopes: [],
  });
});

function claimEndingWith(result: Awaited<ReturnType<typeof runPostLoginActions>>, end: string) {
  const claims = result.denied ? {} : result.accessTokenClaims;
  return (
    Object.keys(claims).find((name) => name.startsWith('https://') && name.endsWith(end)) ?? end
  );
}

test('restricted claim names are dropped without an error, as on Auth0', async () => {
  const result = await runPostLoginActions(
    [
      action(
        'restricted',
        `api.accessToken.setCustomClaim('roles', ['admin']);
         api.accessToken.setCustomClaim('permissions', ['create:products']);
         api.accessToken.setCustomClaim('sub', 'someone-else');
         api.accessToken.setCustomClaim('https://tenant.auth0.com/x', 1);
         api.accessToken.setCustomClaim('${NAMESPACE}/kept', true);`,
      ),
    ],
    context,
  );
  expect(result).toMatchObject({ accessTokenClaims: { [`${NAMESPACE}/kept`]: true } });
  expect(Object.keys(result.denied ? {} : result.accessTokenClaims)).toHaveLength(1);
});

test('a denial stops the flow: later Actions do not run', async () => {
  const result = await runPostLoginActions(
    [action('deny', `api.access.deny('Not today');`), action('later', `throw new Error('ran');`)],
    context,
  );
  expect(result).toEqual({ denied: true, reason: 'Not today' });
});

test('an Action that throws is reported with its name and message', async () => {
  const failing = action('failing', `throw new Error('department lookup failed');`);
  await expect(runPostLoginActions([failing], context)).rejects.toThrow(ActionFailedError);
  await expect(runPostLoginActions([failing], context)).rejects.toThrow(
    'Action "failing" threw: department lookup failed',
  );
});

test('an edit to an Action is picked up at the next login, without a restart', async () => {
  const editable = action('editable', `api.idToken.setCustomClaim('https://x.example/v', 1);`);
  await expect(runPostLoginActions([editable], context)).resolves.toMatchObject({
    idTokenClaims: { 'https://x.example/v': 1 },
  });
  action('editable', `api.idToken.setCustomClaim('https://x.example/v', 2);`);
  await expect(runPostLoginActions([editable], context)).resolves.toMatchObject({
    idTokenClaims: { 'https://x.example/v': 2 },
  });
});

describe('isolation, as Auth0 runs an Action (Actions Limitations, Manage Dependencies)', () => {
  test("the Action's process.env does not show the local Auth0's variables", async () => {
    process.env.AUTH0_CLIENT_SECRET = 'server-only-secret';
    try {
      const result = await runPostLoginActions(
        [
          action(
            'env',
            `api.idToken.setCustomClaim('https://x.example/env', Object.keys(process.env));
             api.idToken.setCustomClaim('https://x.example/secret', process.env.AUTH0_CLIENT_SECRET ?? null);`,
          ),
        ],
        context,
      );
      expect(result).toMatchObject({
        idTokenClaims: { 'https://x.example/env': [], 'https://x.example/secret': null },
      });
    } finally {
      delete process.env.AUTH0_CLIENT_SECRET;
    }
  });

  test("the server's globals and module cache are out of reach", async () => {
    (globalThis as Record<string, unknown>).serverOnly = 'leaked';
    try {
      const result = await runPostLoginActions(
        [
          action(
            'globals',
            `api.idToken.setCustomClaim('https://x.example/global', typeof globalThis.serverOnly);
             api.idToken.setCustomClaim('https://x.example/cache', typeof require.cache);`,
          ),
        ],
        context,
      );
      expect(result).toMatchObject({
        idTokenClaims: {
          'https://x.example/global': 'undefined',
          'https://x.example/cache': 'undefined',
        },
      });
    } finally {
      delete (globalThis as Record<string, unknown>).serverOnly;
    }
  });

  test('require: Node built-ins and the declared dependencies only', async () => {
    const declared = {
      ...action(
        'deps',
        `const semver = require('semver');
         const { createHash } = require('node:crypto');
         api.idToken.setCustomClaim('https://x.example/semver', semver.valid('1.2.3'));
         api.idToken.setCustomClaim('https://x.example/hash', createHash('sha256').update('a').digest('hex').length);`,
      ),
      dependencies: [{ name: 'semver', version: '7.8.6' }],
    };
    await expect(runPostLoginActions([declared], context)).resolves.toMatchObject({
      idTokenClaims: { 'https://x.example/semver': '1.2.3', 'https://x.example/hash': 64 },
    });

    const undeclared = action('undeclared', `require('zod');`);
    const failure = runPostLoginActions([undeclared], context);
    await expect(failure).rejects.toThrow(ActionFailedError);
    await expect(runPostLoginActions([undeclared], context)).rejects.toThrow(
      /Cannot find module 'zod'[\s\S]*dependencies/,
    );
  });
});

test('event.secrets holds the secrets this Action declares, and only its own', async () => {
  const first = {
    ...action(
      'first-secrets',
      `api.idToken.setCustomClaim('https://x.example/first', event.secrets);`,
    ),
    secrets: [{ name: 'API_KEY', value: 'key-1' }],
  };
  const second = {
    ...action(
      'second-secrets',
      `api.idToken.setCustomClaim('https://x.example/second', event.secrets);`,
    ),
    secrets: [],
  };
  await expect(runPostLoginActions([first, second], context)).resolves.toMatchObject({
    idTokenClaims: {
      'https://x.example/first': { API_KEY: 'key-1' },
      'https://x.example/second': {},
    },
  });
});

test("an Action that runs past the limit ends the login as on Auth0's 20 s limit", async () => {
  const slow = action('slow', `await new Promise(() => {});`);
  const busy = action('busy', `while (true) {}`);
  for (const stuck of [slow, busy]) {
    const started = Date.now();
    const result = await runPostLoginActions([stuck], context, { timeoutMs: 300 });
    expect(result).toEqual({ denied: true, reason: expect.stringMatching(/timed out/) });
    expect(Date.now() - started).toBeLessThan(5000);
  }
});

describe('api.cache and the api methods the local Auth0 does not emulate (Post-login API object)', () => {
  test('api.cache keeps a value from one login to the next, and forgets it when deleted or expired', async () => {
    const cache = createActionCache();
    const write = action(
      'cache-write',
      `const before = api.cache.get('token');
       api.idToken.setCustomClaim('https://x.example/before', before ? before.value : null);
       api.idToken.setCustomClaim('https://x.example/set', api.cache.set('token', 'abc', { ttl: 60000 }));
       api.cache.set('short', 'x', { ttl: 1 });`,
    );
    await expect(runPostLoginActions([write], context, { cache })).resolves.toMatchObject({
      idTokenClaims: {
        'https://x.example/before': null,
        'https://x.example/set': { type: 'success' },
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const read = action(
      'cache-read',
      `const record = api.cache.get('token');
       api.idToken.setCustomClaim('https://x.example/value', record.value);
       api.idToken.setCustomClaim('https://x.example/expires', typeof record.expires_at);
       api.idToken.setCustomClaim('https://x.example/short', api.cache.get('short') ?? null);
       api.cache.delete('token');`,
    );
    await expect(runPostLoginActions([read], context, { cache })).resolves.toMatchObject({
      idTokenClaims: {
        'https://x.example/value': 'abc',
        'https://x.example/expires': 'number',
        'https://x.example/short': null,
      },
    });
    const gone = action(
      'cache-gone',
      `api.idToken.setCustomClaim('https://x.example/gone', api.cache.get('token') ?? null);`,
    );
    await expect(runPostLoginActions([gone], context, { cache })).resolves.toMatchObject({
      idTokenClaims: { 'https://x.example/gone': null },
    });
  });

  test.each([
    ['api.redirect.sendUserTo', `api.redirect.sendUserTo('https://example.com');`],
    [
      'api.authentication.challengeWith',
      `try { api.authentication.challengeWith({ type: 'otp' }); } catch {}`,
    ],
    ['api.session.revoke', `api.session.revoke('bye');`],
  ])(
    '%s ends the login with a clear error, even when the Action catches it',
    async (method, body) => {
      const result = await runPostLoginActions([action('unsupported', body)], context);
      expect(result).toEqual({
        denied: true,
        reason: `${method} is not supported by the local Auth0: see docs/local-auth0.md`,
      });
    },
  );
});

describe('api.multifactor.enable', () => {
  test('is recorded for after the Actions: later Actions still run', async () => {
    const result = await runPostLoginActions(
      [
        action('mfa', `api.multifactor.enable('any', { allowRememberBrowser: false });`),
        action('after', `api.idToken.setCustomClaim('https://x.example/after', true);`),
      ],
      context,
    );
    expect(result).toMatchObject({
      denied: false,
      idTokenClaims: { 'https://x.example/after': true },
      multifactor: { provider: 'any', allowRememberBrowser: false },
    });
  });

  test('without a call, no factor is asked for', async () => {
    const result = await runPostLoginActions([action('none', '')], context);
    expect(result).not.toHaveProperty('multifactor');
  });

  test('a denial wins over it, as on Auth0', async () => {
    const result = await runPostLoginActions(
      [action('mfa-then-deny', `api.multifactor.enable('any'); api.access.deny('No.');`)],
      context,
    );
    expect(result).toEqual({ denied: true, reason: 'No.' });
  });

  test("a provider other than one-time passwords ('duo') ends the login, saying so", async () => {
    const result = await runPostLoginActions(
      [action('duo', `api.multifactor.enable('duo');`)],
      context,
      { log: () => {} },
    );
    expect(result).toEqual({
      denied: true,
      reason: expect.stringMatching(
        /^api\.multifactor\.enable\('duo'\) is not supported by the local Auth0: it offers one-time passwords/,
      ),
    });
  });
});

test('an Action cannot override a standard claim: Auth0 ignores it, the local Auth0 says so', async () => {
  const log = jest.fn();
  const result = await runPostLoginActions(
    [
      action(
        'standard',
        `api.idToken.setCustomClaim('given_name', 'Mallory');
         api.idToken.setCustomClaim('email_verified', true);
         api.accessToken.setCustomClaim('sub', 'someone-else');
         api.idToken.setCustomClaim('https://x.example/kept', 1);`,
      ),
    ],
    context,
    { log },
  );
  expect(result).toMatchObject({ idTokenClaims: { 'https://x.example/kept': 1 } });
  if (result.denied) throw new Error('denied');
  expect(Object.keys(result.idTokenClaims)).toEqual(['https://x.example/kept']);
  expect(result.accessTokenClaims).toEqual({});
  const lines = log.mock.calls.map(([line]) => String(line)).join('\n');
  expect(lines).toMatch(/given_name/);
  expect(lines).toMatch(/sub/);
});
