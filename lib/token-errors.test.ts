/**
 * What each way getAccessToken can fail means for the user. The SDK's own
 * error classes, built as the SDK builds them. MFA in particular cannot be
 * produced by the local Auth0 (it has no MFA), so it is covered here.
 */
import {
  AccessTokenError,
  AccessTokenErrorCode,
  DiscoveryError,
  MfaRequiredError,
  OAuth2Error,
} from '@auth0/nextjs-auth0/errors';
import { describeTokenError } from '@/lib/token-errors';

const refreshFailed = (code: string) =>
  new AccessTokenError(
    AccessTokenErrorCode.FAILED_TO_REFRESH_TOKEN,
    'The access token has expired and there was an error while trying to refresh it.',
    new OAuth2Error({ code, message: 'from Auth0' }),
  );

test.each([
  [
    'a refresh token Auth0 refused (revoked, expired)',
    refreshFailed('invalid_grant'),
    401,
    'failed_to_refresh_token',
  ],
  ['a user blocked by the Action', refreshFailed('access_denied'), 401, 'failed_to_refresh_token'],
  [
    'Auth0 rate-limiting the refresh',
    refreshFailed('too_many_requests'),
    503,
    'auth0_rate_limited',
  ],
  ['the app’s client secret refused', refreshFailed('invalid_client'), 503, 'auth0_misconfigured'],
  ['a refusal Auth0 does not explain', refreshFailed('invalid_request'), 503, 'auth0_error'],
  [
    'no answer from Auth0 (network, timeout)',
    refreshFailed('unknown_error'),
    503,
    'auth0_unreachable',
  ],
  ['Auth0 answering 5xx', refreshFailed('server_error'), 503, 'auth0_unreachable'],
  ['no discovery document', new DiscoveryError(), 503, 'auth0_unreachable'],
  [
    'a session without refresh token',
    new AccessTokenError(AccessTokenErrorCode.MISSING_REFRESH_TOKEN, 'no refresh token'),
    401,
    'missing_refresh_token',
  ],
  [
    'MFA required on refresh',
    new MfaRequiredError('Multifactor authentication required', 'encrypted-mfa-token'),
    401,
    'mfa_required',
  ],
] as const)('%s', (_case, error, status, code) => {
  jest.spyOn(console, 'error').mockImplementation(() => {});
  expect(describeTokenError(error)).toMatchObject({ status, error: code });
});

/** The log of the request's own refresh (lib/auth0-fetch.ts). */
const sawAnswer = (status: number, error?: string, retryAfterSeconds?: number) => ({
  unreachable: status >= 500,
  tokenAnswer: { status, error, retryAfterSeconds },
  onRefused: [],
});

test.each([
  ['the refresh token revoked', sawAnswer(400, 'invalid_grant'), 401, true],
  ['the Action denying the user', sawAnswer(403, 'access_denied'), 401, true],
  [
    'Auth0 refusing the client secret (401 access_denied)',
    sawAnswer(401, 'access_denied'),
    503,
    false,
  ],
  ['a 429 without an OAuth body', sawAnswer(429, undefined, 7), 503, false],
  ['a 502 from a proxy in front of Auth0', sawAnswer(502), 503, false],
] as const)('judged by this request’s own answer: %s', (_case, log, status, over) => {
  jest.spyOn(console, 'error').mockImplementation(() => {});
  const problem = describeTokenError(refreshFailed('unknown_error'), log);
  expect(problem).toMatchObject({ status, sessionOver: over });
});

test('a rate limit says when to try again', () => {
  expect(
    describeTokenError(refreshFailed('too_many_requests'), sawAnswer(429, 'too_many_requests', 7)),
  ).toEqual({
    status: 503,
    error: 'auth0_rate_limited',
    message: expect.stringContaining('Try again in 7 seconds'),
    sessionOver: false,
    retryAfterSeconds: 7,
  });
});

test('anything that is not an SDK error is a bug, and is not disguised', () => {
  const bug = new TypeError('cannot read properties of undefined');
  expect(() => describeTokenError(bug)).toThrow(bug);
});
