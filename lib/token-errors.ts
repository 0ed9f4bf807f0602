/**
 * What a failed auth0.getAccessToken() means for the user (the table:
 * docs/how-it-works.md#when-there-is-no-usable-token). A session ends only
 * when Auth0 says that this session is over; everything else is temporary,
 * and the session is kept. The SDK reports all refresh failures as
 * `failed_to_refresh_token`: the OAuth code in its `cause`, and the status this
 * request's own refresh got (the call log of lib/auth0-fetch.ts), tell them apart.
 */
import './server-only';
import {
  AccessTokenError,
  DiscoveryError,
  MfaRequiredError,
  SdkError,
} from '@auth0/nextjs-auth0/errors';
import type { Auth0CallLog } from '@/lib/auth0-fetch';

export type TokenProblem = {
  status: 401 | 503;
  /** A stable code the UI acts on, such as `auth0_unreachable`, or the SDK's code. */
  error: string;
  message: string;
  /** Auth0 said this session can never be renewed: the browser forgets it. */
  sessionOver: boolean;
  /** For a rate limit: when to try again. */
  retryAfterSeconds?: number;
};

/** OAuth error codes with which Auth0 reports its own trouble, not the session's. */
const OUTAGE_CODES = new Set(['unknown_error', 'server_error', 'temporarily_unavailable']);

const AUTH0_UNREACHABLE: TokenProblem = {
  status: 503,
  error: 'auth0_unreachable',
  message:
    'The app could not renew your session because Auth0 did not answer. Try again in a moment.',
  sessionOver: false,
};

const SESSION_OVER: TokenProblem = {
  status: 401,
  error: 'failed_to_refresh_token',
  message: 'Your session has expired. Log in again.',
  sessionOver: true,
};

/** What a failed getAccessToken means for the user. Anything but an SDK error is a bug: rethrown. */
export function describeTokenError(error: unknown, log?: Auth0CallLog): TokenProblem {
  if (error instanceof MfaRequiredError) {
    return {
      status: 401,
      error: 'mfa_required',
      message: 'Auth0 asks you to confirm it’s you with a second factor.',
      sessionOver: false,
    };
  }
  if (error instanceof DiscoveryError) return AUTH0_UNREACHABLE;
  if (error instanceof AccessTokenError) {
    if (error.code === 'failed_to_refresh_token') return refreshRefused(error, log);
    return {
      status: 401,
      error: error.code,
      message: 'Your session has expired. Log in again.',
      // `session_expired`: the session reached the end Auth0 set for it.
      sessionOver: error.code === 'session_expired',
    };
  }
  if (error instanceof SdkError) {
    console.error(`[auth0] ${error.name}: ${error.message}`);
    return auth0Error();
  }
  throw error;
}

function refreshRefused(error: AccessTokenError, log?: Auth0CallLog): TokenProblem {
  const cause = (error as AccessTokenError & { cause?: { code?: unknown } }).cause;
  const code = String(log?.tokenAnswer?.error ?? cause?.code);
  const status = log?.tokenAnswer?.status;

  if (code === 'too_many_requests' || status === 429) {
    const seconds = log?.tokenAnswer?.retryAfterSeconds;
    return {
      status: 503,
      error: 'auth0_rate_limited',
      message: `Auth0 is receiving too many requests right now. Try again in ${seconds ?? 'a few'} seconds.`,
      sessionOver: false,
      // Only when known: getServerSideProps cannot pass `undefined` on.
      ...(seconds ? { retryAfterSeconds: seconds } : {}),
    };
  }
  // Client authentication failed: Auth0 answers 401 `access_denied` ("Unauthorized"),
  // the OAuth standard 401 `invalid_client`. Not the user's doing, and not the end of their session.
  if (status === 401 || code === 'invalid_client' || code === 'unauthorized_client') {
    reportMisconfiguration(code);
    return {
      status: 503,
      error: 'auth0_misconfigured',
      message: 'The app cannot renew sessions with Auth0 right now. Try again later.',
      sessionOver: false,
    };
  }
  // Revoked or expired refresh token, or the post-login Action denied the user.
  if (code === 'invalid_grant' || code === 'access_denied') return SESSION_OVER;
  if (OUTAGE_CODES.has(code) || (status !== undefined && status >= 500)) return AUTH0_UNREACHABLE;
  console.error(`[auth0] the refresh was refused with "${code}" (${status ?? 'no'} status)`);
  return auth0Error();
}

function auth0Error(): TokenProblem {
  return {
    status: 503,
    error: 'auth0_error',
    message: 'Your session could not be renewed with Auth0. Try again in a moment.',
    sessionOver: false,
  };
}

let misconfigurationReported = false;

/** Once per process, loudly: every session meets it, and only whoever runs the app can fix it. */
function reportMisconfiguration(code: string) {
  if (misconfigurationReported) return;
  misconfigurationReported = true;
  console.error(
    `[auth0] Auth0 refused the app's own credentials ("${code}") when renewing a session. ` +
      'Check AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET against the application in your tenant ' +
      '(Applications → your app → Settings). Sessions are kept until this is fixed.',
  );
}
