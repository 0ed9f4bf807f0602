import { SignJWT, UnsecuredJWT } from 'jose';
import { openLoginError, sealLoginError, type DenyReason } from './login-errors';

const SECRET = 'a-test-secret-of-sufficient-length-0123456789abcdef';
const REASON = 'blocked';

test('the page reads back the reason the app sealed for that code', async () => {
  const cookie = await sealLoginError('access_denied', REASON, SECRET);
  await expect(openLoginError(cookie, 'access_denied', SECRET)).resolves.toBe(REASON);
});

test('a reason is only shown under the code it was sealed for', async () => {
  const cookie = await sealLoginError('access_denied', REASON, SECRET);
  await expect(openLoginError(cookie, 'login_failed', SECRET)).resolves.toBeNull();
});

/** A JWT with the right shape and a reason of the attacker's choosing, signed with `key`. */
const signedWith = (key: string) =>
  new SignJWT({ code: 'access_denied', reason: 'Call 555' })
    .setProtectedHeader({ alg: 'HS256', typ: 'login-error' })
    .setExpirationTime('1m')
    .sign(new TextEncoder().encode(key));

test.each<[string, () => string | Promise<string>]>([
  ['a plain text', () => 'Your account is locked. Call +1 555 0100'],
  ['an empty value', () => ''],
  [
    'an unsigned JWT',
    () => new UnsecuredJWT({ code: 'access_denied', reason: 'Call 555' }).encode(),
  ],
  ['a JWT signed with AUTH0_SECRET itself', () => signedWith(SECRET)],
  ['a JWT signed with another secret', () => signedWith('x'.repeat(48))],
])('a forged cookie (%s) is ignored', async (_kind, forge) => {
  await expect(openLoginError(await forge(), 'access_denied', SECRET)).resolves.toBeNull();
});

test('a sealed cookie whose reason was changed is ignored', async () => {
  const [header, , signature] = (await sealLoginError('access_denied', REASON, SECRET)).split('.');
  const payload = Buffer.from(
    JSON.stringify({ code: 'access_denied', reason: 'Call 555', exp: 9_999_999_999 }),
  ).toString('base64url');
  await expect(
    openLoginError(`${header}.${payload}.${signature}`, 'access_denied', SECRET),
  ).resolves.toBeNull();
});

test('a sealed cookie is worth nothing after a minute', async () => {
  const cookie = await sealLoginError('access_denied', REASON, SECRET);
  jest.useFakeTimers({ now: Date.now() + 61_000, doNotFake: ['nextTick', 'queueMicrotask'] });
  try {
    await expect(openLoginError(cookie, 'access_denied', SECRET)).resolves.toBeNull();
  } finally {
    jest.useRealTimers();
  }
});

test.each([
  ['a free text, as the app once signed', 'Your account is locked. Call +1 555 0100'],
  ['a name every object has', 'toString'],
  ['the message instead of its id', 'This account has been blocked. Contact your administrator.'],
])('a sealed cookie whose reason is not a known id (%s) is ignored', async (_kind, reason) => {
  // Only lib/login-errors.ts names a text: a valid signature alone does not.
  const cookie = await sealLoginError('access_denied', reason as DenyReason, SECRET);
  await expect(openLoginError(cookie, 'access_denied', SECRET)).resolves.toBeNull();
});
