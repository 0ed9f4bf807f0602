/**
 * The one-time-password factor of the local Auth0 (Auth0's "OTP" factor, the
 * one Guardian and Google Authenticator use): RFC 6238 codes from a base32
 * secret, through otplib, and the QR code Universal Login shows at
 * enrolment, through qrcode.
 *
 * A demo user's secret comes from `mfa.totp_secret` in local-users.yaml; any
 * other user enrols at their first challenge, and keeps the secret for the
 * life of the process (like the users created on the signup screen).
 */
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { LocalUser } from './tenant';

/** Wrong codes allowed in one login before it ends with access_denied. */
export const MAX_WRONG_CODES = 5;

/**
 * One 30-second step either side of now: the drift authenticator apps are
 * allowed, so a code typed as it rolls over still counts.
 */
const CLOCK_DRIFT_SECONDS = 30;

/** Whether `code` is the user's current one-time password (six digits, spaces ignored). */
export async function isValidCode(secret: string, code: string): Promise<boolean> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return false;
  const result = await verify({ secret, token, epochTolerance: CLOCK_DRIFT_SECONDS });
  return result.valid;
}

/** A new base32 secret for an enrolment (20 random bytes, as authenticator apps expect). */
export function newSecret(): string {
  return generateSecret();
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function enrolmentUri(secret: string, issuer: string, email: string): string {
  return generateURI({ issuer, label: email, secret });
}

/** The QR code of `uri`, as an inline SVG element (the pages load nothing from elsewhere). */
export function qrCodeSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}

/** The users' one-time-password secrets: from local-users.yaml, then the enrolments. */
export function createEnrolments(users: LocalUser[]) {
  const secrets = new Map<string, string>();
  for (const user of users) {
    if (user.mfa?.totp_secret) secrets.set(user.user_id, user.mfa.totp_secret);
  }
  return {
    secretOf: (userId: string) => secrets.get(userId),
    /** Records a secret once the user proved they hold it with a code. */
    enrol(userId: string, secret: string) {
      secrets.set(userId, secret);
    },
  };
}

export type Enrolments = ReturnType<typeof createEnrolments>;
