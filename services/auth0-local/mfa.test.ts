import { generate } from 'otplib';
import { createEnrolments, enrolmentUri, isValidCode, newSecret, qrCodeSvg } from './mfa';
import { createMfaSessions } from './mfa-sessions';
import type { LocalUser } from './tenant';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const now = () => Math.floor(Date.now() / 1000);

describe('one-time passwords', () => {
  test('the current code of the secret is right, as are its neighbours within a step', async () => {
    expect(await isValidCode(SECRET, await generate({ secret: SECRET }))).toBe(true);
    const previous = await generate({ secret: SECRET, epoch: now() - 30 });
    expect(await isValidCode(SECRET, previous)).toBe(true);
    // Typed with a space in the middle, as apps show it.
    const code = await generate({ secret: SECRET });
    expect(await isValidCode(SECRET, `${code.slice(0, 3)} ${code.slice(3)}`)).toBe(true);
  });

  test('an old code, a code of another secret, or no code at all is wrong', async () => {
    const old = await generate({ secret: SECRET, epoch: now() - 120 });
    const current = await generate({ secret: SECRET });
    // One chance in a million that either equals the current code.
    expect(old === current || !(await isValidCode(SECRET, old))).toBe(true);
    const theirs = await generate({ secret: newSecret() });
    expect(theirs === current || !(await isValidCode(SECRET, theirs))).toBe(true);
    for (const code of ['', '12345', '1234567', 'abcdef']) {
      expect(await isValidCode(SECRET, code)).toBe(false);
    }
  });

  test('an enrolment gets a new base32 secret, its otpauth URI and a QR code', async () => {
    const secret = newSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(secret).not.toBe(newSecret());
    const uri = enrolmentUri(secret, 'My App', 'sam@example.com');
    expect(uri).toMatch(/^otpauth:\/\/totp\/My%20App:sam%40example\.com\?/);
    expect(new URL(uri).searchParams.get('secret')).toBe(secret);
    expect(await qrCodeSvg(uri)).toMatch(/^<svg [^>]*viewBox=/);
  });

  test('the secrets: from local-users.yaml, then those enrolled', () => {
    const user = (user_id: string, mfa?: LocalUser['mfa']) =>
      ({ user_id, ...(mfa ? { mfa } : {}) }) as LocalUser;
    const enrolments = createEnrolments([
      user('auth0|a', { totp_secret: SECRET }),
      user('auth0|b'),
    ]);
    expect(enrolments.secretOf('auth0|a')).toBe(SECRET);
    expect(enrolments.secretOf('auth0|b')).toBeUndefined();
    enrolments.enrol('auth0|b', 'NEWSECRET');
    expect(enrolments.secretOf('auth0|b')).toBe('NEWSECRET');
  });
});

describe("the sessions' second factors", () => {
  test('a login sees the last challenge its session passed, if its amr says it had one', () => {
    const sessions = createMfaSessions();
    sessions.record('sid-1', new Date(1_000_000 * 1000));
    sessions.record('sid-1', new Date(1_000_600 * 1000));
    expect(sessions.mfaAt('sid-1', ['mfa'], 1_000_700)).toBe(new Date(1_000_600_000).toISOString());
    // A token issued between the two sees the first: the time of its own login.
    expect(sessions.mfaAt('sid-1', ['mfa'], 1_000_300)).toBe(new Date(1_000_000_000).toISOString());
    expect(sessions.mfaAt('sid-1', ['mfa'], 999_999)).toBeUndefined();
    // A login without the factor (a password login later in the session) sees none.
    expect(sessions.mfaAt('sid-1', undefined, 1_000_700)).toBeUndefined();
    expect(sessions.mfaAt('sid-2', ['mfa'], 1_000_700)).toBeUndefined();
    expect(sessions.mfaAt(undefined, ['mfa'], 1_000_700)).toBeUndefined();
  });
});
