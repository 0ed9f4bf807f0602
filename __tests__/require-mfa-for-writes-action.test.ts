/**
 * The post-login Action "Require MFA for writes" (auth0/actions/require-mfa-for-writes.js):
 * an admin's login that asks for create:products passes a one-time password
 * first, unless the session passed one within the last 10 minutes; a refresh
 * past that window keeps its other scopes but loses create:products.
 *
 * First the rules, calling the Action the way Auth0 calls it, with a recorded
 * event and an `api` that records what the Action asks of it. Then the same
 * rules over real logins on the local Auth0 (services/auth0-local), with the
 * template's own tenant.yaml and both of its Actions: there the window is 2
 * seconds instead of 10 minutes, so that a test can outlast it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { generate } from 'otplib';
import { parseDocument } from 'yaml';
import { ROLES_CLAIM } from '@/lib/claims';
import {
  CookieJar,
  authorizeUrl,
  exchangeCallback,
  loginInto,
  screenAt,
  submitScreen,
  tokenRequest,
  type Client,
} from '@/services/auth0-local/browserless-login';
import { writeTenantCopy } from '@/services/auth0-local/tenant-copy';
import { demoUsers } from '@/test-helpers/demo-users';
import { startLocalAuth0, type LocalAuth0Process } from '@/services/auth0-local/test-server';
import { AUDIENCE } from '@/test-helpers/project';

const ACTION_FILE = path.resolve('auth0/actions/require-mfa-for-writes.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the Action is CommonJS, as on Auth0
const { onExecutePostLogin } = require(ACTION_FILE);

const WRITE_SCOPE = 'create:products';
/** What the app asks for at a normal login (authorizeUrl's default). */
const READ_SCOPES = 'openid profile email offline_access read:products';
/** What the app asks for when the user starts adding a product. */
const WRITE_SCOPES = `${READ_SCOPES} ${WRITE_SCOPE}`;

describe('the rules', () => {
  const NOW = new Date('2026-03-02T09:30:00.000Z');
  const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();
  const minutesAgo = (minutes: number) => ago(minutes * 60);

  // A frozen clock: "10 minutes ago" is exact, whatever the machine's load.
  beforeAll(() => jest.useFakeTimers({ now: NOW }));
  afterAll(() => jest.useRealTimers());

  type Method = { name: string; timestamp: string };
  type EventOptions = {
    protocol?: string;
    scopes?: string[] | null;
    /** null: no `event.authorization`, as in flows without a user. */
    roles?: string[] | null;
    methods?: Method[];
  };

  /** An event shaped like the one Auth0 records for a database-connection login. */
  function recordedEvent(options: EventOptions = {}) {
    return {
      transaction: {
        protocol: options.protocol ?? 'oidc-basic-profile',
        ...(options.scopes === null
          ? {}
          : { requested_scopes: options.scopes ?? WRITE_SCOPES.split(' ') }),
      },
      authentication: {
        methods: options.methods ?? [{ name: 'pwd', timestamp: minutesAgo(1) }],
      },
      authorization: options.roles === null ? undefined : { roles: options.roles ?? ['admin'] },
      user: {
        user_id: 'auth0|admin',
        email: 'admin@example.com',
        email_verified: true,
        name: 'Ada Admin',
        nickname: 'ada',
        app_metadata: { department: 'operations' },
        user_metadata: {},
      },
      client: { client_id: 'abc123', name: 'Next.js Auth0 Starter' },
      resource_server: { identifier: AUDIENCE },
      secrets: {},
    };
  }

  /** Runs the Action and returns every call it made on `api`, in order. */
  async function callsFor(options: EventOptions) {
    const calls: unknown[][] = [];
    const record =
      (name: string) =>
      (...args: unknown[]) =>
        void calls.push([name, ...args]);
    const api = {
      access: { deny: record('access.deny') },
      idToken: { setCustomClaim: record('idToken.setCustomClaim') },
      accessToken: {
        setCustomClaim: record('accessToken.setCustomClaim'),
        addScope: record('accessToken.addScope'),
        removeScope: record('accessToken.removeScope'),
      },
      multifactor: { enable: record('multifactor.enable') },
      redirect: { sendUserTo: record('redirect.sendUserTo') },
    };
    await onExecutePostLogin(recordedEvent(options), api);
    return calls;
  }

  const CHALLENGE = [['multifactor.enable', 'any', { allowRememberBrowser: false }]];
  const REMOVE_SCOPE = [['accessToken.removeScope', WRITE_SCOPE]];
  const NOTHING: unknown[][] = [];

  const password = { name: 'pwd', timestamp: minutesAgo(12) };
  const recentFactor = [password, { name: 'mfa', timestamp: minutesAgo(1) }];
  const staleFactor = [password, { name: 'mfa', timestamp: minutesAgo(11) }];
  const REFRESH = 'oauth2-refresh-token';

  test.each<[string, EventOptions, unknown[][]]>([
    ['no factor yet: a challenge', { methods: [password] }, CHALLENGE],
    ['no methods at all: a challenge', { methods: [] }, CHALLENGE],
    ['a factor 11 minutes ago: a challenge', { methods: staleFactor }, CHALLENGE],
    ['a factor 1 minute ago: nothing', { methods: recentFactor }, NOTHING],
    [
      'other methods only, however recent: a challenge',
      {
        methods: [
          { name: 'pwd', timestamp: minutesAgo(0) },
          { name: 'federated', timestamp: minutesAgo(0) },
        ],
      },
      CHALLENGE,
    ],
    ['also an employee: a challenge', { roles: ['employee', 'admin'] }, CHALLENGE],
  ])('an admin login asking for create:products, %s', async (_, options, expected) => {
    expect(await callsFor(options)).toEqual(expected);
  });

  test('the window is 10 minutes to the second', async () => {
    const factorAt = (seconds: number) => [password, { name: 'mfa', timestamp: ago(seconds) }];
    expect(await callsFor({ methods: factorAt(10 * 60) })).toEqual(NOTHING);
    expect(await callsFor({ methods: factorAt(10 * 60 + 1) })).toEqual(CHALLENGE);
    // Of several factors in the session, the latest counts.
    expect(await callsFor({ methods: [...staleFactor, ...recentFactor] })).toEqual(NOTHING);
  });

  test.each<[string, EventOptions]>([
    ['an employee', { roles: ['employee'] }],
    ['a user without roles', { roles: [] }],
    ['a flow without event.authorization', { roles: null }],
    ['an unknown role', { roles: ['auditor'] }],
  ])(
    'a login asking for create:products, %s: no challenge (RBAC grants no write)',
    async (_, options) => {
      expect(await callsFor({ ...options, methods: [password] })).toEqual(NOTHING);
    },
  );

  test.each<[string, EventOptions]>([
    ['the default scopes', { scopes: READ_SCOPES.split(' ') }],
    ['nothing (no requested_scopes)', { scopes: null }],
    ['a look-alike scope', { scopes: ['openid', 'create:products:draft'] }],
  ])('an admin login asking for %s: no challenge', async (_, options) => {
    expect(await callsFor({ ...options, methods: [password] })).toEqual(NOTHING);
  });

  test.each<[string, EventOptions, unknown[][]]>([
    [
      'admin, factor 11 minutes ago: create:products removed',
      { methods: staleFactor },
      REMOVE_SCOPE,
    ],
    ['admin, no factor: create:products removed', { methods: [password] }, REMOVE_SCOPE],
    ['admin, factor 1 minute ago: nothing', { methods: recentFactor }, NOTHING],
    ['employee: nothing', { roles: ['employee'], methods: [password] }, NOTHING],
    [
      'admin, default scopes: nothing',
      { scopes: READ_SCOPES.split(' '), methods: [password] },
      NOTHING,
    ],
  ])(
    'a refresh, %s (never a challenge: there is no screen to show it on)',
    async (_, options, expected) => {
      expect(await callsFor({ ...options, protocol: REFRESH })).toEqual(expected);
    },
  );
});

describe('on the local Auth0, with the template’s tenant and Actions', () => {
  const PORT = 4770;
  /** The window of the Action's copy, in seconds. */
  const WINDOW_SECONDS = 2;
  const { password: PASSWORD, users } = demoUsers();
  const ADMIN = 'admin@example.com';
  const EMPLOYEE = 'sam@example.com';
  const ADMIN_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'require-mfa-for-writes-'));
  let auth0: LocalAuth0Process;
  let client: Client;

  beforeAll(async () => {
    expect(users.find((user) => user.email === ADMIN)?.totpSecret).toBe(ADMIN_SECRET);
    expect(users.find((user) => user.email === EMPLOYEE)).toMatchObject({
      roles: ['employee'],
      totpSecret: null,
    });

    // The Action as shipped, with only its window shortened.
    const source = fs.readFileSync(ACTION_FILE, 'utf8');
    const shortened = source.replace(
      /^const SECOND_FACTOR_WINDOW_SECONDS = 10 \* 60;$/m,
      `const SECOND_FACTOR_WINDOW_SECONDS = ${WINDOW_SECONDS};`,
    );
    if (shortened === source) {
      throw new Error(`${ACTION_FILE} no longer says SECOND_FACTOR_WINDOW_SECONDS = 10 * 60`);
    }
    const actionCopy = path.join(dir, 'require-mfa-for-writes.js');
    fs.writeFileSync(actionCopy, shortened);

    const tenantFile = writeTenantCopy(dir, {});
    const tenant = parseDocument(fs.readFileSync(tenantFile, 'utf8'));
    // The second Action is this one (its binding is the first test's).
    expect(tenant.getIn(['actions', 1, 'code'])).toBe(ACTION_FILE);
    tenant.setIn(['actions', 1, 'code'], actionCopy);
    fs.writeFileSync(tenantFile, tenant.toString());

    auth0 = await startLocalAuth0(PORT, {
      dataDir: path.join(dir, 'data'),
      env: { AUTH0_LOCAL_TENANT_FILE: tenantFile },
    });
    client = auth0.client;
  }, 30_000);
  afterAll(async () => {
    await auth0?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('tenant.yaml binds it to the Login flow, after the claims Action', () => {
    const tenant = parseDocument(fs.readFileSync('auth0/tenant.yaml', 'utf8'));
    expect(tenant.toJS().triggers['post-login']).toEqual([
      { action_name: 'Add custom claims', display_name: 'Add custom claims' },
      { action_name: 'Require MFA for writes', display_name: 'Require MFA for writes' },
    ]);
  });

  /**
   * Logs in with the form (or, with the jar of an earlier login, through single
   * sign-on) and returns where that leads: the app's callback, or a page.
   */
  async function startLogin(email: string, scope: string, jar = new CookieJar()) {
    const at = await loginInto(authorizeUrl(client, { scope }), client, jar, email, PASSWORD);
    return { jar, at };
  }

  const submitCode = (screenUrl: string, jar: CookieJar, fields: Record<string, string>) =>
    submitScreen(screenUrl, client, jar, fields);

  /** The tokens for the code the callback carries, and the scopes they hold. */
  async function exchange(callback: Response | URL) {
    const { status, body } = await exchangeCallback(client, callback);
    expect(status).toBe(200);
    return { body, ...scopesOf(body) };
  }

  async function refresh(refreshToken: string) {
    const { status, body } = await tokenRequest(client, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    expect(status).toBe(200);
    return scopesOf(body);
  }

  /** The scopes of the token response and of its access token, which must agree. */
  function scopesOf(body: Record<string, unknown>) {
    const granted = String(body.scope).split(' ');
    expect(String(decodeJwt(String(body.access_token)).scope).split(' ')).toEqual(granted);
    return { granted, idToken: decodeJwt(String(body.id_token)) };
  }

  /** The admin asks for create:products and passes the challenge. */
  async function adminStepsUp() {
    const { jar, at } = await startLogin(ADMIN, WRITE_SCOPES);
    const screen = await screenAt(at);
    const callback = await submitCode(screen.url, jar, {
      code: await generate({ secret: ADMIN_SECRET }),
      action: 'default',
    });
    // The local Auth0 recorded the factor before it answered.
    const passedBy = Date.now();
    return { jar, passedBy, ...(await exchange(callback)) };
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  test('the admin logging in with the default scopes is not asked for a factor, and cannot write', async () => {
    const { at } = await startLogin(ADMIN, READ_SCOPES);
    const { granted, idToken } = await exchange(at);
    expect(granted).toContain('read:products');
    expect(granted).not.toContain(WRITE_SCOPE);
    expect(idToken.amr).toBeUndefined();
    // "Add custom claims" ran too.
    expect(idToken[ROLES_CLAIM]).toEqual(['admin']);
  });

  test('the admin asking for create:products stops at the challenge; the right code grants it', async () => {
    const { jar, at } = await startLogin(ADMIN, WRITE_SCOPES);
    const screen = await screenAt(at);
    expect(screen.status).toBe(200);
    expect(new URL(screen.url).pathname).toBe('/u/mfa-otp-challenge');

    const { granted, idToken } = await exchange(
      await submitCode(screen.url, jar, {
        code: await generate({ secret: ADMIN_SECRET }),
        action: 'default',
      }),
    );
    expect(granted).toEqual(WRITE_SCOPES.split(' '));
    expect(idToken.amr).toEqual(['mfa']);
    expect(idToken[ROLES_CLAIM]).toEqual(['admin']);
  });

  test('the employee asking for create:products is not asked for a factor, and RBAC grants no write', async () => {
    // Sam has no one-time-password secret: a challenge would be the enrolment screen.
    const { at } = await startLogin(EMPLOYEE, WRITE_SCOPES);
    const { granted, idToken } = await exchange(at);
    expect(granted).toContain('read:products');
    expect(granted).not.toContain(WRITE_SCOPE);
    expect(idToken.amr).toBeUndefined();
  });

  test('Cancel on the challenge returns to the app with access_denied and no code', async () => {
    const { jar, at } = await startLogin(ADMIN, WRITE_SCOPES);
    const screen = await screenAt(at);
    const cancelled = await submitCode(screen.url, jar, { action: 'cancel' });
    expect(cancelled).toBeInstanceOf(URL);
    const callback = cancelled as URL;
    expect(`${callback.origin}${callback.pathname}`).toBe(client.redirectUri);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.has('code')).toBe(false);
  });

  describe(`after the challenge (a ${WINDOW_SECONDS}-second window here)`, () => {
    let session: Awaited<ReturnType<typeof adminStepsUp>>;
    beforeAll(async () => {
      session = await adminStepsUp();
    });

    test('within the window, a refresh and a new login of the session keep create:products', async () => {
      const refreshed = await refresh(String(session.body.refresh_token));
      expect(refreshed.granted).toContain(WRITE_SCOPE);

      const again = await startLogin(ADMIN, WRITE_SCOPES, session.jar);
      const { granted } = await exchange(again.at);
      expect(granted).toContain(WRITE_SCOPE);
    });

    test('past the window, refreshes lose create:products for good, and a new login asks again', async () => {
      await sleep(Math.max(0, session.passedBy + WINDOW_SECONDS * 1000 + 500 - Date.now()));

      const refreshed = await refresh(String(session.body.refresh_token));
      expect(refreshed.granted).toEqual(READ_SCOPES.split(' '));
      // The same refresh token again, as a copied session cookie would replay it.
      const replayed = await refresh(String(session.body.refresh_token));
      expect(replayed.granted).toEqual(READ_SCOPES.split(' '));

      const again = await startLogin(ADMIN, WRITE_SCOPES, session.jar);
      const screen = await screenAt(again.at);
      expect(new URL(screen.url).pathname).toBe('/u/mfa-otp-challenge');
    });
  });
});
