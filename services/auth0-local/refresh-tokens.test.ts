/**
 * Auth0's refresh-token rules, against the real local Auth0: each story starts
 * it with a copy of auth0/tenant.yaml whose client `refresh_token` settings
 * differ, with lifetimes of seconds instead of days.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalAuth0, type LocalAuth0Process } from './test-server';
import { login, tokenRequest, type Client } from './browserless-login';

type Settings = Record<string, string | number | boolean>;

const rotating = { rotation_type: 'rotating', expiration_type: 'expiring' };
const nonRotating = { rotation_type: 'non-rotating', expiration_type: 'expiring' };
const HOUR = 3600;

const tenants = {
  reuseDetection: { port: 4640, settings: { ...rotating, leeway: 0 } },
  reuseInterval: { port: 4641, settings: { ...rotating, leeway: 1 } },
  nonRotating: {
    port: 4642,
    // Non-expiring: the lifetimes below must not apply.
    settings: {
      ...nonRotating,
      expiration_type: 'non-expiring',
      token_lifetime: 1,
      idle_token_lifetime: 1,
    },
  },
  absolute: {
    port: 4643,
    settings: { ...rotating, token_lifetime: 2, idle_token_lifetime: HOUR },
  },
  idleRotating: {
    port: 4644,
    settings: { ...rotating, token_lifetime: HOUR, idle_token_lifetime: 3 },
  },
  idleNonRotating: {
    port: 4645,
    settings: { ...nonRotating, token_lifetime: HOUR, idle_token_lifetime: 3 },
  },
  infinite: {
    port: 4646,
    settings: {
      ...nonRotating,
      token_lifetime: 1,
      idle_token_lifetime: 1,
      infinite_token_lifetime: true,
      infinite_idle_token_lifetime: true,
    },
  },
} satisfies Record<string, { port: number; settings: Settings }>;

// A story may wait for its local Auth0 to start, then for lifetimes to pass.
jest.setTimeout(20_000);

type TenantName = keyof typeof tenants;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refresh-tokens-'));
const running: LocalAuth0Process[] = [];
const starting = new Map<TenantName, Promise<Client>>();

/** A copy of tenant.yaml with these refresh-token settings for the app's client. */
function tenantFile(name: string, settings: Settings): string {
  const original = fs.readFileSync('auth0/tenant.yaml', 'utf8');
  const block = /^ {4}refresh_token:\n(?: {6}.*\n)+/m;
  if (!block.test(original)) throw new Error('auth0/tenant.yaml has no refresh_token block');
  const lines = Object.entries(settings).map(([key, value]) => `      ${key}: ${value}\n`);
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(
    file,
    original
      .replace(block, `    refresh_token:\n${lines.join('')}`)
      .replaceAll('./actions/', `${path.resolve('auth0/actions')}/`),
  );
  return file;
}

// One local Auth0 per set of settings, started one after the other (two cores
// are shared): the first stories run while the later ones still start.
beforeAll(() => {
  let previous: Promise<unknown> = Promise.resolve();
  for (const [name, { port, settings }] of Object.entries(tenants) as [
    TenantName,
    (typeof tenants)[TenantName],
  ][]) {
    const ready = previous
      .then(() =>
        startLocalAuth0(port, {
          dataDir: path.join(dir, `data-${name}`),
          env: { AUTH0_LOCAL_TENANT_FILE: tenantFile(name, settings) },
        }),
      )
      .then((auth0) => {
        running.push(auth0);
        return auth0.client;
      });
    // A failed start is reported by the story that needs it, not as an unhandled rejection.
    previous = ready.catch(() => undefined);
    starting.set(name, ready);
  }
});

afterAll(async () => {
  await Promise.allSettled(starting.values());
  await Promise.all(running.map((auth0) => auth0.stop()));
  fs.rmSync(dir, { recursive: true, force: true });
});

const clientFor = (name: TenantName) => starting.get(name)!;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Lifetimes count in whole seconds, so the stories that depend on them start
 * at the beginning of a second and act at fixed offsets from it.
 */
const at = (second: number, offset: number) =>
  sleep(Math.max(0, (second + offset) * 1000 - Date.now()));

/**
 * Logs in and exchanges the code. With `atSecondStart`, the exchange happens
 * right after a second starts, and that second is the login time.
 */
async function logIn(client: Client, { atSecondStart = false } = {}) {
  const { callback } = await login(client, 'sam@example.com', 'Passw0rd!');
  const code = callback?.searchParams.get('code');
  if (!code) throw new Error('The login returned no code.');
  const second = Math.floor(Date.now() / 1000) + 1;
  if (atSecondStart) await at(second, 0.05);
  const { status, body } = await tokenRequest(client, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: client.redirectUri,
  });
  if (status !== 200 || typeof body.refresh_token !== 'string') {
    throw new Error(`The code exchange gave no refresh token: ${JSON.stringify(body)}`);
  }
  return { refreshToken: body.refresh_token, second };
}

const refresh = (client: Client, refreshToken: string) =>
  tokenRequest(client, { grant_type: 'refresh_token', refresh_token: refreshToken });

/** What Auth0 answers for an unknown, expired, revoked or reused refresh token. */
const REFUSED = {
  status: 403,
  body: { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' },
};

/** Exchanges a rotating refresh token; returns the new one. */
async function rotate(client: Client, refreshToken: string): Promise<string> {
  const { status, body } = await refresh(client, refreshToken);
  expect(status).toBe(200);
  expect(body.refresh_token).toEqual(expect.any(String));
  expect(body.refresh_token).not.toBe(refreshToken);
  return String(body.refresh_token);
}

test('rotating, no reuse interval: a refresh token works once; replaying it revokes the family, the newest token too', async () => {
  const client = await clientFor('reuseDetection');
  const { refreshToken: first } = await logIn(client);
  const newest = await rotate(client, first);

  expect(await refresh(client, first)).toMatchObject(REFUSED);
  expect(await refresh(client, newest)).toMatchObject(REFUSED);
});

describe('rotating with a reuse interval (leeway: 1)', () => {
  test('within the interval, the previous token is exchanged again (a retry, a second tab): a new refresh token, nothing revoked', async () => {
    const client = await clientFor('reuseInterval');
    const { refreshToken: first } = await logIn(client);
    const newest = await rotate(client, first);
    const retried = await rotate(client, first);

    expect(retried).not.toBe(newest);
    await rotate(client, newest);
    await rotate(client, retried);
  });

  test('after the interval, reusing the previous token revokes the family', async () => {
    const client = await clientFor('reuseInterval');
    const { refreshToken: first } = await logIn(client);
    const newest = await rotate(client, first);
    await sleep(1200);

    expect(await refresh(client, first)).toMatchObject(REFUSED);
    expect(await refresh(client, newest)).toMatchObject(REFUSED);
  });

  test('only the previous token may be reused: an older one revokes the family at once', async () => {
    const client = await clientFor('reuseInterval');
    const { refreshToken: first } = await logIn(client);
    const second = await rotate(client, first);
    const newest = await rotate(client, second);

    expect(await refresh(client, first)).toMatchObject(REFUSED);
    expect(await refresh(client, newest)).toMatchObject(REFUSED);
  });
});

test('non-rotating: the app uses the same refresh token again and again; the response carries none; revoking it ends it', async () => {
  const client = await clientFor('nonRotating');
  const { refreshToken } = await logIn(client);
  for (let use = 0; use < 3; use++) {
    const { status, body } = await refresh(client, refreshToken);
    expect(status).toBe(200);
    expect(body.access_token).toEqual(expect.any(String));
    expect(body).not.toHaveProperty('refresh_token');
  }

  const revoked = await fetch(new URL('oauth/revoke', client.issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      token: refreshToken,
    }).toString(),
  });
  expect(revoked.status).toBe(200);
  expect(await refresh(client, refreshToken)).toMatchObject(REFUSED);
});

test('non-expiring: token_lifetime and idle_token_lifetime do not apply', async () => {
  const client = await clientFor('nonRotating');
  const { refreshToken } = await logIn(client);
  await sleep(1200);
  expect((await refresh(client, refreshToken)).status).toBe(200);
});

test('absolute lifetime: the tokens of a login end token_lifetime after it, however often they rotate', async () => {
  const client = await clientFor('absolute');
  const { refreshToken, second } = await logIn(client, { atSecondStart: true });
  await at(second, 1.1);
  // Issued one second after the login, yet it ends with the login's lifetime.
  const newest = await rotate(client, refreshToken);
  await at(second, 2.1);
  expect(await refresh(client, newest)).toMatchObject(REFUSED);
});

test('idle lifetime: each use keeps the refresh token alive, rotating or not; idleness ends it', async () => {
  async function story(client: Client) {
    const login = await logIn(client, { atSecondStart: true });
    const { second } = login;
    let { refreshToken } = login;
    // Used every second: alive past the 3 s idle lifetime of the login's token.
    // Each use comes 1 s after the last, so a slow machine has 2 s to spare.
    for (const offset of [1.1, 2.1, 3.1, 4.1]) {
      await at(second, offset);
      const { status, body } = await refresh(client, refreshToken);
      expect(status).toBe(200);
      refreshToken = typeof body.refresh_token === 'string' ? body.refresh_token : refreshToken;
    }
    // Idle for over 3 s after the last use, counted from when it answered: it ends.
    await at(Math.floor(Date.now() / 1000), 4.1);
    expect(await refresh(client, refreshToken)).toMatchObject(REFUSED);
  }
  await Promise.all([
    story(await clientFor('idleRotating')),
    story(await clientFor('idleNonRotating')),
  ]);
});

test('infinite_token_lifetime and infinite_idle_token_lifetime: neither lifetime ends the token', async () => {
  const client = await clientFor('infinite');
  const { refreshToken } = await logIn(client);
  await sleep(1200);
  expect((await refresh(client, refreshToken)).status).toBe(200);
});
