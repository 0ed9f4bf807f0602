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
])('%s → %i %s', (_case, error, status, code) => {
  expect(describeTokenError(error)).toMatchObject({ status, error: code });
});

test('anything that is not an SDK error is a bug, and is not disguised', () => {
  const bug = new TypeError('cannot read properties of undefined');
  expect(() => describeTokenError(bug)).toThrow(bug);
});
