/**
 * What a failed auth0.getAccessToken() means for the user. It can fail for
 * reasons the user must be told apart:
 * - the session has ended (logged out elsewhere, refresh token revoked or
 *   expired, user blocked): 401, log in again;
 * - Auth0 asks for multi-factor authentication: 401 with its own code, log in again;
 * - Auth0 cannot be reached (down, slow, network): 503, try again — the
 *   session may be fine, so nobody is sent to a login page that cannot load.
 */
import './server-only';
import {
  AccessTokenError,
  DiscoveryError,
  MfaRequiredError,
  SdkError,
} from '@auth0/nextjs-auth0/errors';

export type TokenProblem = {
  status: 401 | 503;
  /** A stable code the UI acts on: `auth0_unreachable`, `mfa_required`, or the SDK's code. */
  error: string;
  message: string;
};

/** OAuth error codes that mean "Auth0 had a problem", not "this session is over". */
const OUTAGE_CODES = new Set(['unknown_error', 'server_error', 'temporarily_unavailable']);

const AUTH0_UNREACHABLE: TokenProblem = {
  status: 503,
  error: 'auth0_unreachable',
  message:
    'The app could not renew your session because Auth0 did not answer. Try again in a moment.',
};

/** What a failed getAccessToken means for the user. Anything but an SDK error is a bug: rethrown. */
export function describeTokenError(error: unknown): TokenProblem {
  if (error instanceof MfaRequiredError) {
    return {
      status: 401,
      error: 'mfa_required',
      message: 'Auth0 asks you to confirm who you are (multi-factor authentication). Log in again.',
    };
  }
  if (error instanceof DiscoveryError) return AUTH0_UNREACHABLE;
  if (error instanceof AccessTokenError) {
    // The SDK wraps network failures and Auth0's own 5xx answers in the same
    // error as a refused refresh token; the cause tells them apart.
    const cause = (error as AccessTokenError & { cause?: { code?: unknown } }).cause;
    if (error.code === 'failed_to_refresh_token' && OUTAGE_CODES.has(String(cause?.code))) {
      return AUTH0_UNREACHABLE;
    }
    return { status: 401, error: error.code, message: 'Your session has expired. Log in again.' };
  }
  if (error instanceof SdkError) {
    console.error(`[auth0] ${error.name}: ${error.message}`);
    return {
      status: 503,
      error: 'auth0_error',
      message: 'Your session could not be renewed with Auth0. Try again in a moment.',
    };
  }
  throw error;
}
