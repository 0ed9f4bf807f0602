/**
 * /.well-known/openid-configuration as a tenant publishes it: Auth0's fields,
 * in Auth0's order, with Auth0's values, less what the local Auth0 does not
 * serve. oidc-provider's own document lists more (pushed authorization
 * requests, DPoP, the implicit flow, `none` and JWT client authentication,
 * `claims_parameter_supported`…), which an app could come to rely on and
 * then not find on a tenant.
 *
 * What a tenant lists and the local Auth0 does not serve, left out:
 * device_authorization_endpoint, mfa_challenge_endpoint,
 * registration_endpoint, private_key_jwt (and with it
 * token_endpoint_auth_signing_alg_values_supported), HS256 and PS256 ID
 * tokens, the `plain` PKCE method, and back-channel logout.
 */

/** What a tenant publishes, field by field; `true` for a value taken as it is. */
const TENANT: [field: string, values: string[] | true][] = [
  ['issuer', true],
  ['authorization_endpoint', true],
  ['token_endpoint', true],
  ['device_authorization_endpoint', true],
  ['userinfo_endpoint', true],
  ['mfa_challenge_endpoint', true],
  ['jwks_uri', true],
  ['registration_endpoint', true],
  ['revocation_endpoint', true],
  [
    'scopes_supported',
    [
      'openid',
      'profile',
      'offline_access',
      'name',
      'given_name',
      'family_name',
      'nickname',
      'email',
      'email_verified',
      'picture',
      'created_at',
      'identities',
      'phone',
      'address',
    ],
  ],
  [
    'response_types_supported',
    [
      'code',
      'token',
      'id_token',
      'code token',
      'code id_token',
      'token id_token',
      'code token id_token',
    ],
  ],
  ['code_challenge_methods_supported', ['S256', 'plain']],
  ['response_modes_supported', ['query', 'fragment', 'form_post']],
  ['subject_types_supported', ['public']],
  [
    'token_endpoint_auth_methods_supported',
    ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
  ],
  [
    'claims_supported',
    [
      'aud',
      'auth_time',
      'created_at',
      'email',
      'email_verified',
      'exp',
      'family_name',
      'given_name',
      'iat',
      'identities',
      'iss',
      'name',
      'nickname',
      'phone_number',
      'picture',
      'sub',
    ],
  ],
  ['request_uri_parameter_supported', true],
  ['request_parameter_supported', true],
  ['id_token_signing_alg_values_supported', ['HS256', 'RS256', 'PS256']],
  ['token_endpoint_auth_signing_alg_values_supported', ['RS256', 'RS384', 'PS256']],
  ['end_session_endpoint', true],
  ['backchannel_logout_supported', true],
  ['backchannel_logout_session_supported', true],
];

/** Claims every ID token has, which oidc-provider does not list. */
const TOKEN_CLAIMS = ['aud', 'exp', 'iat'];

/**
 * A tenant's discovery document, from what oidc-provider serves: a field it
 * does not serve is left out, and a list keeps the values both have, in
 * Auth0's order.
 */
export function tenantDiscovery(served: Record<string, unknown>): Record<string, unknown> {
  const local: Record<string, unknown> = {
    ...served,
    claims_supported: [...((served.claims_supported as string[]) ?? []), ...TOKEN_CLAIMS],
    request_parameter_supported: served.request_parameter_supported ?? false,
  };
  const document: Record<string, unknown> = {};
  for (const [field, values] of TENANT) {
    const value = local[field];
    if (value === undefined) continue;
    if (values === true) {
      document[field] = value;
      continue;
    }
    const offered = new Set(value as string[]);
    const both = values.filter((v) => offered.has(v));
    if (both.length) document[field] = both;
  }
  return document;
}
